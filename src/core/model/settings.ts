/**
 * Model settings, persisted as JSON in the data folder: which model (none, a local GGUF file, a
 * remote endpoint), what to redact, and the network switch. The remote API key is not stored
 * here: `apiKeyRef` names a connection in the encrypted vault whose bearer token or API key is
 * used, or an environment variable (`env:NAME`; see resolveApiKey).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Connection } from '../../shared/connections';
import { RedactionConfig } from './redact/config';
import { RemoteConfig } from './remote/config';

export const MODEL_SETTINGS_FILE = 'model-settings.json';

export const LocalSettings = z.object({
  path: z.string().min(1).max(4096).nullable().default(null),
  /** Default: the number of physical cores. */
  threads: z.number().int().min(1).max(512).nullable().default(null),
  contextSize: z.number().int().min(512).max(131_072).default(4096),
  budgetTokens: z.number().int().min(200).max(100_000).default(1500),
  /** Local models see unredacted evidence unless this is on. */
  redact: z.boolean().default(false),
});

export const RemoteSettings = RemoteConfig.extend({
  /** Name or id of the vault connection holding the key, or `env:NAME`; null for servers without one. */
  apiKeyRef: z.string().min(1).max(128).nullable().default(null),
  budgetTokens: z.number().int().min(200).max(200_000).default(4000),
});

export const ModelSettings = z.object({
  mode: z.enum(['none', 'local', 'remote']).default('none'),
  local: LocalSettings.default(LocalSettings.parse({})),
  remote: RemoteSettings.nullable().default(null),
  redaction: RedactionConfig.default(RedactionConfig.parse({})),
  /** The network switch: when on, no remote model is contacted. */
  offline: z.boolean().default(false),
});
export type ModelSettings = z.output<typeof ModelSettings>;
export type ModelSettingsInput = z.input<typeof ModelSettings>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parseModelSettings(raw: unknown, where = 'model settings'): ModelSettings {
  const parsed = ModelSettings.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SettingsError(`Invalid ${where}: ${first ? `${first.path.join('.') || 'settings'}: ${first.message}` : 'invalid'}`);
  }
  const s = parsed.data;
  if (s.mode === 'local' && s.local.path === null) throw new SettingsError(`Invalid ${where}: mode "local" needs local.path (a .gguf file)`);
  if (s.mode === 'remote' && s.remote === null) throw new SettingsError(`Invalid ${where}: mode "remote" needs remote.url and remote.model`);
  return s;
}

export function loadModelSettings(dataDir: string): ModelSettings {
  const file = join(dataDir, MODEL_SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return ModelSettings.parse({});
    throw new SettingsError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  if (text.length > 1_000_000) throw new SettingsError(`${file} is larger than 1 MB: it is not a settings file`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SettingsError(`${file} is not valid JSON: fix or delete it`);
  }
  return parseModelSettings(json, file);
}

/** Validates and writes atomically (temporary file, then rename). */
export function saveModelSettings(dataDir: string, input: unknown): ModelSettings {
  const s = parseModelSettings(input);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, MODEL_SETTINGS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(s, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
  return s;
}

/** The API key held by a vault connection (its bearer token or API key). */
export function apiKeyFromConnection(conn: Connection): string | null {
  switch (conn.auth.type) {
    case 'bearer':
      return conn.auth.token;
    case 'apiKey':
      return conn.auth.apiKey;
    case 'basic':
      return conn.auth.password;
    case 'none':
    case 'clientCert':
      return null;
  }
}

/** `env:NAME`: the key is read from that environment variable of the process running the core. */
export const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]{0,127})$/;

/**
 * Resolves `remote.apiKeyRef`: `env:NAME` reads the environment, anything else names a vault
 * connection (`get` decrypts; it throws when the vault is locked).
 */
export function resolveApiKey(
  settings: ModelSettings,
  connections: { get(ref: string): Connection },
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const ref = settings.remote?.apiKeyRef ?? null;
  if (ref === null) return null;
  const name = ENV_REF.exec(ref)?.[1];
  if (name !== undefined) {
    const v = env[name];
    if (v === undefined || v === '') throw new SettingsError(`The API key is to come from $${name}, which is not set for Sitrep`);
    return v;
  }
  return apiKeyFromConnection(connections.get(ref));
}
