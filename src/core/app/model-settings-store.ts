/**
 * The model settings as the contract sees them: read, patched and saved beside the store (or
 * kept in memory for an in-memory store), shown to the renderer without anything secret.
 */
import type { ModelSettingsPatch, ModelSettingsView } from '../../shared/contract-model';
import { ContractFailure } from '../../shared/envelope';
import { loadModelSettings, ModelSettings, parseModelSettings, saveModelSettings, SettingsError } from '../model/settings';

export interface ModelSettingsStore {
  get(): ModelSettings;
  patch(p: ModelSettingsPatch): ModelSettings;
}

const defined = <T extends object>(o: T | undefined | null): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

function asContract<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SettingsError) throw new ContractFailure('bad_input', err.message);
    throw err;
  }
}

export function modelSettingsStore(dataDir: string | null): ModelSettingsStore {
  let memory = ModelSettings.parse({});
  const get = (): ModelSettings => (dataDir === null ? memory : asContract(() => loadModelSettings(dataDir)));
  return {
    get,
    patch(p) {
      const cur = get();
      const remote = p.remote === undefined ? cur.remote : p.remote === null ? null : { ...(cur.remote ?? {}), ...defined(p.remote) };
      const next: unknown = {
        ...cur,
        ...(p.mode !== undefined ? { mode: p.mode } : {}),
        local: { ...cur.local, ...defined(p.local) },
        remote,
        redaction: { ...cur.redaction, ...defined(p.redaction) },
        ...(p.offline !== undefined ? { offline: p.offline } : {}),
      };
      if (dataDir === null) {
        memory = asContract(() => parseModelSettings(next));
        return memory;
      }
      return asContract(() => saveModelSettings(dataDir, next));
    },
  };
}

export function settingsView(s: ModelSettings): ModelSettingsView {
  return {
    mode: s.mode,
    local: { path: s.local.path, threads: s.local.threads, contextSize: s.local.contextSize, budgetTokens: s.local.budgetTokens, redact: s.local.redact },
    remote: s.remote === null ? null : { url: s.remote.url, model: s.remote.model, apiKeyRef: s.remote.apiKeyRef, budgetTokens: s.remote.budgetTokens },
    redaction: { secrets: s.redaction.secrets, emails: s.redaction.emails, ips: s.redaction.ips, userIds: s.redaction.userIds },
    offline: s.offline,
  };
}
