import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeModel, modelPath } from '../../core/testing/fixtures';
import { bundleWorkers } from '../../core/testing/workers';
import { startOpenAiServer, type OpenAiServer } from '../../core/model/testing/openai-server';
import { DROPPED_CLAIM, GROUNDED_CLAIM, scriptedReview, UNKNOWN_EVIDENCE_ID } from '../../core/model/testing/scripted-review';
import { MODEL_SETTINGS_FILE } from '../../core/model/settings';
import { run } from '../run';
import { testIo } from '../test-io';

const INCIDENT = 'INC-2026-0314-001';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-analyze-'));
const db = join(dir, 'demo.db');

interface Out {
  verdict: string;
  hypotheses: { rank: number; title: string; explanation?: string; evidence: { id: string }[] }[];
  model: {
    kind: string;
    sha256?: string;
    file?: string;
    url?: string;
    parameters?: Record<string, unknown>;
    summary?: string;
    dropped?: { text: string; cited: string[]; reason: string }[];
    egress?: { host: string; bytes: number; redacted: Record<string, number> } | null;
    figures?: { tokens: number | null; tokensPerSecond: number | null } | null;
    error?: string;
  };
}

async function analyze(args: string[], env: Record<string, string> = {}) {
  const io = testIo({ SITREP_HOME: join(dir, 'home'), ...env });
  const code = await run(['analyze', '--db', db, '--incident', INCIDENT, ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const json = (stdout: string): Out => JSON.parse(stdout) as Out;

beforeAll(async () => {
  const io = testIo({ SITREP_HOME: join(dir, 'home') });
  expect(await run(['demo', '--db', db, '--events', '3000', '--seed', '7'], io)).toBe(0);
}, 60_000);

describe('sitrep analyze --model', () => {
  it('none (the default) is deterministic: two runs print the same bytes', async () => {
    const a = await analyze(['--json']);
    const b = await analyze(['--json', '--model', 'none']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const out = json(a.stdout);
    expect(out.model).toEqual({ kind: 'none' });
    expect(out.hypotheses.length).toBeGreaterThan(0);
  });

  it('--save stores the result as the incident’s latest analysis, which the report then counts', async () => {
    const before = testIo({ SITREP_HOME: join(dir, 'home') });
    expect(await run(['report', '--db', db, '--json'], before)).toBe(0);
    const saved = await analyze(['--json', '--save']);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toMatch(new RegExp(`saved analysis an-[0-9a-f]+ of ${INCIDENT}`));
    const after = testIo({ SITREP_HOME: join(dir, 'home') });
    expect(await run(['report', '--db', db, '--json'], after)).toBe(0);
    const analysed = (out: string) => (JSON.parse(out) as { analysed: number }).analysed;
    expect(analysed(before.stdout)).toBe(0);
    expect(analysed(after.stdout)).toBe(1);
  });

  it('refuses a model it does not understand (usage error)', async () => {
    const r = await analyze(['--model', 'gpt-4o']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected none, local:FILE or remote:URL/);
  });

  it('refuses a remote model when the network switch is off, and sends nothing', async () => {
    const server = await startOpenAiServer({ generate: scriptedReview() });
    try {
      writeFileSync(join(dir, MODEL_SETTINGS_FILE), JSON.stringify({ offline: true }));
      const r = await analyze(['--model', `remote:${server.url}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/offline.*nothing was sent to 127\.0\.0\.1/);
      expect(server.stats.connections).toBe(0);
    } finally {
      writeFileSync(join(dir, MODEL_SETTINGS_FILE), JSON.stringify({}));
      await server.close();
    }
  });
});

describe('sitrep analyze --model remote:URL', () => {
  let server: OpenAiServer;
  beforeAll(async () => {
    server = await startOpenAiServer({ generate: scriptedReview(), models: ['tiny-chat', 'other'], apiKey: 'sk-right-key-0123456789' });
  });
  afterAll(() => server?.close());

  it('reviews with the first listed model, drops the claim citing unknown evidence and shows it', async () => {
    const env = { SITREP_MODEL_API_KEY: 'sk-right-key-0123456789' };
    const r = await analyze(['--json', '--model', `remote:${server.url}`], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.model).toMatchObject({ kind: 'remote', url: server.url, parameters: { model: 'tiny-chat', apiKey: true, redaction: true } });
    expect(out.model.error).toBeUndefined();
    expect(out.model.dropped).toEqual([expect.objectContaining({ text: DROPPED_CLAIM, cited: [UNKNOWN_EVIDENCE_ID], reason: expect.stringMatching(/not in the bundle/) })]);
    expect(out.hypotheses[0]?.explanation).toContain(GROUNDED_CLAIM);
    expect(out.model.egress?.host).toBe(new URL(server.url).host);
    expect(out.model.egress?.bytes).toBeGreaterThan(1000);
    // The key went only in the header, and never into the output.
    expect(server.stats.auth.at(-1)).toBe('Bearer sk-right-key-0123456789');
    expect(r.stdout).not.toContain('sk-right-key');
    expect(JSON.parse(server.stats.bodies.at(-1)!)).toMatchObject({ model: 'tiny-chat', stream: true });

    const text = await analyze(['--model', `remote:${server.url}`, '--model-name', 'other'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Dropped claims (1, not grounded in the evidence):\n  ✗ ${DROPPED_CLAIM} [cited: ${UNKNOWN_EVIDENCE_ID}]`);
    expect(text.stdout).toMatch(/Left the machine: [\d,]+ bytes to 127\.0\.0\.1:\d+; redacted .+\./);
    expect(JSON.parse(server.stats.bodies.at(-1)!)).toMatchObject({ model: 'other' });
  });

  it('a wrong API key is a clear 401 error and a non-zero exit', async () => {
    const r = await analyze(['--json', '--model', `remote:${server.url}`], { SITREP_MODEL_API_KEY: 'sk-wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/401 Unauthorized from 127\.0\.0\.1:\d+: check the API key/);
    expect(r.stdout).toBe('');
  });

  it('a dead endpoint is a clear error and a non-zero exit', async () => {
    const probe = createServer();
    await new Promise<void>((res) => probe.listen(0, '127.0.0.1', res));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((res) => probe.close(() => res()));
    const r = await analyze(['--model', `remote:http://127.0.0.1:${port}/v1`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused/i);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
  });

  it('a model that answers garbage: the engine result is still printed, the error said, exit 1', async () => {
    server.queueFaults({ kind: 'garbage' });
    const r = await analyze(['--json', '--model', `remote:${server.url}`, '--model-name', 'tiny-chat'], { SITREP_MODEL_API_KEY: 'sk-right-key-0123456789' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the model review failed: .*not JSON/);
    const out = json(r.stdout);
    expect(out.hypotheses.length).toBeGreaterThan(0);
    expect(out.model.error).toMatch(/not JSON/);
  });
});

describeModel('sitrep analyze --model local:FILE (the tiny GGUF model)', () => {
  let saved: string | undefined;
  beforeAll(async () => {
    saved = process.env.SITREP_WORKERS_DIR;
    process.env.SITREP_WORKERS_DIR = await bundleWorkers();
  }, 60_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.SITREP_WORKERS_DIR;
    else process.env.SITREP_WORKERS_DIR = saved;
  });

  it('loads the file in the worker, reviews under the grammar, names the file by sha256, sends nothing', async () => {
    const r = await analyze(['--json', '--model', `local:${modelPath()}`, '--threads', '1', '--budget', '600']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    const sha = createHash('sha256').update(readFileSync(modelPath())).digest('hex');
    expect(out.model).toMatchObject({ kind: 'local', file: 'llama-2-tiny-random.gguf', sha256: sha, parameters: { threads: 1, budgetTokens: 600, temperature: 0 } });
    expect(out.model.error).toBeUndefined();
    expect(out.model.egress).toBeNull();
    expect(out.model.figures?.tokens).toBeGreaterThan(0);
    // Whatever the random weights said, every kept citation is evidence of the bundle.
    const text = await analyze(['--model', `local:${modelPath()}`, '--threads', '1', '--budget', '600']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Left the machine: nothing (local model).');
  }, 120_000);
});
