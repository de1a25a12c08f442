/**
 * `<dataDir>/governance.json` (optional): the idle lock and organisation sign-in. Written by the
 * person who runs Sitrep, never by the renderer. A file that does not parse is reported and the
 * defaults are used (a 15-minute idle lock, no organisation sign-in).
 *
 *   { "idleLockMinutes": 15,
 *     "oidc": { "issuer": "https://login.example.com", "clientId": "sitrep",
 *               "subjects": { "00u1abcd": "ana" } } }
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OidcConfig } from './oidc-config';
import { DEFAULT_IDLE_MS } from './sessions';

export const GOVERNANCE_FILE = 'governance.json';
const MAX_BYTES = 256 * 1024;

export const GovernanceFile = z
  .object({
    /** Minutes without activity before a session locks (0.1 to 1440; default 15). */
    idleLockMinutes: z.number().min(0.05).max(1440).optional(),
    oidc: OidcConfig.optional(),
  })
  .strict();
export type GovernanceFile = z.infer<typeof GovernanceFile>;

export interface GovernanceConfig {
  idleMs: number;
  oidc: OidcConfig | null;
}

export const defaultGovernanceConfig = (): GovernanceConfig => ({ idleMs: DEFAULT_IDLE_MS, oidc: null });

export function parseGovernanceConfig(raw: unknown, where: string): { config: GovernanceConfig; problem: string | null } {
  const parsed = GovernanceFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { config: defaultGovernanceConfig(), problem: `${where}: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}; using the defaults` };
  }
  const f = parsed.data;
  return {
    config: { idleMs: f.idleLockMinutes !== undefined ? Math.round(f.idleLockMinutes * 60_000) : DEFAULT_IDLE_MS, oidc: f.oidc ?? null },
    problem: null,
  };
}

export function loadGovernanceConfig(dataDir: string | null): { config: GovernanceConfig; problem: string | null } {
  if (dataDir === null) return { config: defaultGovernanceConfig(), problem: null };
  const path = join(dataDir, GOVERNANCE_FILE);
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) return { config: defaultGovernanceConfig(), problem: `${path} is larger than ${MAX_BYTES} bytes; using the defaults` };
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { config: defaultGovernanceConfig(), problem: null };
    return { config: defaultGovernanceConfig(), problem: `cannot read ${path}: ${(err as Error).message}; using the defaults` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { config: defaultGovernanceConfig(), problem: `${path} is not JSON (${(err as Error).message}); using the defaults` };
  }
  return parseGovernanceConfig(raw, path);
}
