import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeModel, modelPath } from '../../testing/fixtures';
import { RemoteConfig } from '../remote/config';
import { bundleModelWorker } from '../testing/bundle-worker';
import { scripted, startOpenAiServer } from '../testing/openai-server';
import { doctorLocal } from './local';
import { doctorRemote } from './remote';

const byCheck = (fs: { check: string; level: string }[]): Record<string, string> => Object.fromEntries(fs.map((f) => [f.check, f.level]));

describe('doctorLocal without a model', () => {
  it('says when the file is not a GGUF model', async () => {
    const d = mkdtempSync(join(tmpdir(), 'sitrep-doctor-'));
    writeFileSync(join(d, 'x.gguf'), 'PK\u0003\u0004 a zip file');
    const [f] = await doctorLocal(join(d, 'x.gguf'));
    expect(f).toMatchObject({ level: 'error', check: 'file' });
    expect(f?.message).toMatch(/not a GGUF model file/);
    expect(f?.fix).toMatch(/\.gguf/);
  });
});

describeModel('doctorLocal with the tiny model', () => {
  it('reports memory, context, missing chat template, grammar and speed', async () => {
    const fs = await doctorLocal(modelPath(), { workerUrl: await bundleModelWorker(), threads: 1, minTokensPerSecond: 1 });
    expect(byCheck(fs)).toEqual({ file: 'ok', memory: 'ok', context: 'ok', chat_template: 'warn', load: 'ok', grammar: 'ok', speed: 'ok' });
    for (const f of fs.filter((x) => x.level !== 'ok')) expect(f.fix.length).toBeGreaterThan(10);
  });

  it('says when the model will not fit or is too slow', async () => {
    const small = await doctorLocal(modelPath(), { availableBytes: 20_000_000 });
    expect(small.find((f) => f.check === 'memory')).toMatchObject({ level: 'error' });
    const slow = await doctorLocal(modelPath(), { workerUrl: await bundleModelWorker(), threads: 1, minTokensPerSecond: 1e9 });
    expect(slow.find((f) => f.check === 'speed')?.level).toBe('warn');
    expect(slow.find((f) => f.check === 'speed')?.message).toMatch(/tokens\/s on this machine/);
  });
});

describe('doctorRemote', () => {
  it('passes a healthy endpoint and flags an unlisted model', async () => {
    const server = await startOpenAiServer({ generate: scripted('{"ok":true}'), models: ['tiny'] });
    try {
      expect(byCheck(await doctorRemote(RemoteConfig.parse({ url: server.url, model: 'tiny' })))).toEqual({ reachable: 'ok', model: 'ok', streaming: 'ok', json_schema: 'ok' });
      const other = await doctorRemote(RemoteConfig.parse({ url: server.url, model: 'gpt-9' }));
      expect(other.find((f) => f.check === 'model')).toMatchObject({ level: 'warn', message: expect.stringContaining('tiny') });
      server.queueFaults({ kind: 'noStream' }, { kind: 'refuseJsonSchema' });
      const weak = byCheck(await doctorRemote(RemoteConfig.parse({ url: server.url, model: 'tiny' })));
      expect(weak).toMatchObject({ streaming: 'warn', json_schema: 'warn' });
    } finally {
      await server.close();
    }
  });

  it('names the precise failure: refused port, bad key, offline', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const refused = await doctorRemote(RemoteConfig.parse({ url: `http://127.0.0.1:${port}/v1`, model: 'm' }));
    expect(refused).toEqual([expect.objectContaining({ level: 'error', check: 'reachable', message: expect.stringMatching(/refused/) })]);

    const server = await startOpenAiServer({ generate: scripted('{}'), apiKey: 'right' });
    try {
      const auth = await doctorRemote(RemoteConfig.parse({ url: server.url, model: 'tiny' }), { apiKey: 'wrong' });
      expect(auth).toEqual([expect.objectContaining({ level: 'error', check: 'auth', message: expect.stringMatching(/401/) })]);
      const before = server.stats.connections;
      const off = await doctorRemote(RemoteConfig.parse({ url: server.url, model: 'tiny' }), { offline: true });
      expect(off).toEqual([expect.objectContaining({ level: 'error', check: 'network' })]);
      expect(server.stats.connections).toBe(before);
    } finally {
      await server.close();
    }
  });
});
