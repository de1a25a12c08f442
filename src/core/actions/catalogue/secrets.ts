/** Secrets appear in rendered requests only as ⟦secret:NAME⟧; the dispatcher substitutes them at send time. */
import { z } from 'zod';

export const SecretName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a secret name is 1–64 letters, digits, ".", "_" or "-"');

export const secretRef = (name: string): string => `⟦secret:${name}⟧`;

const REF = /⟦secret:([A-Za-z0-9][A-Za-z0-9_.-]{0,63})⟧/g;

/** Every secret name referenced in `text`, in order of first appearance. */
export function secretsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(REF)) if (m[1] !== undefined && !out.includes(m[1])) out.push(m[1]);
  return out;
}
