/**
 * Where remediation reads its policy and runbooks. The policy: `<dataDir>/policy.yaml` when it
 * exists, else the package's shipped `policy/default.yaml` (observation mode). A data-folder
 * policy that does not validate is reported and nothing is dispatched until it is fixed: the
 * core never falls back to a looser policy than the one the team wrote. Runbooks: the package's
 * `runbooks/` folder (unless another is given), then the team's own in `<dataDir>/runbooks/`
 * (one with the same id replaces the shipped one).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyFile, type Policy } from '../policy';
import { formatError, loadRunbookDir, type Runbook } from '../runbooks';
import { packageRoot } from '../package-root';

export const POLICY_FILE = 'policy.yaml';

export interface LoadedPolicy {
  policy: Policy | null;
  source: 'data_folder' | 'shipped';
  file: string | null;
  problem: string | null;
}


export function shippedPolicyFile(): string | null {
  const root = packageRoot();
  return root === null ? null : join(root, 'policy', 'default.yaml');
}

export function shippedRunbooksDir(): string | null {
  const root = packageRoot();
  return root === null ? null : join(root, 'runbooks');
}

/** Reads the policy now (a changed file takes effect at the next call). */
export function loadPolicy(dataDir: string | null, override?: string): LoadedPolicy {
  const own = override ?? (dataDir === null ? null : join(dataDir, POLICY_FILE));
  if (own !== null && existsSync(own)) {
    try {
      const r = loadPolicyFile(own);
      if (r.policy !== null) return { policy: r.policy, source: 'data_folder', file: own, problem: null };
      return { policy: null, source: 'data_folder', file: own, problem: `${POLICY_FILE} is invalid, so nothing is dispatched: ${r.errors.map(formatError).join('; ')}`.slice(0, 2000) };
    } catch (err) {
      return { policy: null, source: 'data_folder', file: own, problem: `${POLICY_FILE} could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const shipped = shippedPolicyFile();
  if (shipped === null || !existsSync(shipped)) return { policy: null, source: 'shipped', file: null, problem: 'The shipped policy (policy/default.yaml) is missing: nothing is dispatched' };
  const r = loadPolicyFile(shipped);
  return r.policy !== null
    ? { policy: r.policy, source: 'shipped', file: shipped, problem: null }
    : { policy: null, source: 'shipped', file: shipped, problem: `The shipped policy is invalid: ${r.errors.map(formatError).join('; ')}` };
}

export interface LoadedRunbooks {
  runbooks: Runbook[];
  problems: string[];
}

export function loadRunbooks(dirs: readonly (string | null)[]): LoadedRunbooks {
  const byId = new Map<string, Runbook>();
  const problems: string[] = [];
  for (const dir of dirs) {
    if (dir === null || !existsSync(dir)) continue;
    const r = loadRunbookDir(dir);
    for (const x of r.runbooks) byId.set(x.runbook.id, x.runbook);
    problems.push(...r.errors.map(formatError));
  }
  return { runbooks: [...byId.values()], problems: byId.size === 0 && problems.length === 0 ? ['No runbook folder found'] : problems };
}

export { packageRoot };
