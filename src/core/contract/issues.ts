import type { z } from 'zod';
import type { ContractError } from '../../shared/envelope';

type Issue = NonNullable<ContractError['issues']>[number];

/** `['lanes', 0, 'type']` → `lanes[0].type`; the root is `(input)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(input)' : out;
}

/** Field-level problems a person can act on, bounded so a hostile input cannot blow up the answer. */
export function issuesOf(error: z.ZodError, max = 20): Issue[] {
  return error.issues.slice(0, max).map((i) => ({ path: formatPath(i.path), message: i.message }));
}
