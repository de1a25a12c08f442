import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/connections';
import { loadModelSettings, MODEL_SETTINGS_FILE, resolveApiKey, saveModelSettings } from './settings';

const dir = (): string => mkdtempSync(join(tmpdir(), 'sitrep-model-settings-'));

describe('model settings', () => {
  it('defaults to no model, online, redaction on', () => {
    const s = loadModelSettings(dir());
    expect(s).toMatchObject({ mode: 'none', offline: false, remote: null, local: { path: null, budgetTokens: 1500, redact: false }, redaction: { secrets: true, emails: true } });
  });

  it('round-trips through the data folder and never stores a key', () => {
    const d = dir();
    saveModelSettings(d, { mode: 'remote', remote: { url: 'http://127.0.0.1:8000/v1', model: 'qwen', apiKeyRef: 'openai-prod' }, offline: true });
    const s = loadModelSettings(d);
    expect(s.mode).toBe('remote');
    expect(s.offline).toBe(true);
    expect(s.remote).toMatchObject({ url: 'http://127.0.0.1:8000/v1', model: 'qwen', apiKeyRef: 'openai-prod', stream: true, jsonSchema: 'auto' });
    expect(readFileSync(join(d, MODEL_SETTINGS_FILE), 'utf8')).not.toMatch(/sk-/);
  });

  it('refuses inconsistent or damaged settings with a message naming the problem', () => {
    expect(() => saveModelSettings(dir(), { mode: 'local' })).toThrow(/needs local.path/);
    expect(() => saveModelSettings(dir(), { mode: 'remote', remote: { url: 'not a url', model: 'm' } })).toThrow(/remote.url/);
    const d = dir();
    writeFileSync(join(d, MODEL_SETTINGS_FILE), '{ nope');
    expect(() => loadModelSettings(d)).toThrow(/not valid JSON/);
  });

  it('takes the API key from a vault connection', () => {
    const s = saveModelSettings(dir(), { mode: 'remote', remote: { url: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKeyRef: 'llm' } });
    const conn = { auth: { type: 'bearer', token: 'sk-from-vault' } } as Connection;
    expect(resolveApiKey(s, { get: (ref) => (ref === 'llm' ? conn : Promise.reject(new Error('no')) as never) })).toBe('sk-from-vault');
  });
});
