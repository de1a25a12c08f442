/** The model channels over a real core (demo store in memory) and a loopback OpenAI-compatible server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewProgress } from '../../shared/contract-model';
import type { Envelope } from '../../shared/envelope';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { IncidentSummary } from '../../shared/incident';
import { describeModel, modelPath } from '../testing/fixtures';
import { bundleWorkers } from '../testing/workers';
import { startOpenAiServer, type OpenAiServer } from '../model/testing/openai-server';
import { DROPPED_CLAIM, scriptedReview, UNKNOWN_EVIDENCE_ID } from '../model/testing/scripted-review';
import { createCore, type Core } from './core';

const operator = { host: 'test', role: 'operator' } as const;
const viewer = { host: 'test', role: 'viewer' } as const;
const KEY = 'sk-test-model-key-42';

const value = <T>(env: Envelope<unknown>): T => {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value as T;
};

/** Collects the progress pushes of one job until it is done. */
function progressOf(core: Core): { all: ReviewProgress[]; done(jobId: string): Promise<ReviewProgress> } {
  const all: ReviewProgress[] = [];
  const waiters: (() => void)[] = [];
  core.onPush((event, payload) => {
    if (event !== 'analysis.review.progress') return;
    all.push(payload as ReviewProgress);
    for (const w of waiters.splice(0)) w();
  });
  return {
    all,
    done: (jobId) =>
      new Promise((resolve) => {
        const check = (): void => {
          const d = all.find((p) => p.jobId === jobId && p.done);
          if (d) resolve(d);
          else waiters.push(check);
        };
        check();
      }),
  };
}

describe('model channels', () => {
  let core: Core;
  let server: OpenAiServer;
  let incident: IncidentSummary;
  beforeAll(async () => {
    process.env.SITREP_TEST_MODEL_KEY = KEY;
    server = await startOpenAiServer({ generate: scriptedReview({ pieceChars: 6, delayMs: 10 }), models: ['tiny-chat'], apiKey: KEY });
    core = createCore({ dbPath: ':memory:', host: 'test', demoIfEmpty: true, version: '0.1.0' });
    incident = value<IncidentSummary[]>(await core.dispatch('incidents.list', {}, operator))[0]!;
  }, 60_000);
  afterAll(async () => {
    core?.close();
    await server?.close();
    delete process.env.SITREP_TEST_MODEL_KEY;
  });

  it('viewers (a live share) can neither read nor change the settings, run the doctor or start a review', async () => {
    for (const [channel, input] of [
      ['model.settings.get', {}],
      ['model.settings.set', { offline: true }],
      ['model.doctor', {}],
      ['analysis.review.start', { incidentId: incident.id }],
      ['analysis.review.cancel', { jobId: 'x' }],
    ] as const) {
      expect(await core.dispatch(channel, input, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses an API key sent by the renderer, and never returns one', async () => {
    const bad = await core.dispatch('model.settings.set', { remote: { url: server.url, model: 'tiny-chat', apiKeyRef: null, apiKey: KEY } }, operator);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const notGguf = await core.dispatch('model.settings.set', { mode: 'local', local: { path: '/etc/passwd' } }, operator);
    expect(notGguf).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const ok = await core.dispatch('model.settings.set', { mode: 'remote', remote: { url: server.url, model: 'tiny-chat', apiKeyRef: 'env:SITREP_TEST_MODEL_KEY' } }, operator);
    expect(ok).toMatchObject({ ok: true, value: { mode: 'remote', remote: { url: server.url, model: 'tiny-chat', apiKeyRef: 'env:SITREP_TEST_MODEL_KEY' } } });
    expect(JSON.stringify(await core.dispatch('model.settings.get', {}, operator))).not.toContain(KEY);
  });

  it('without a model, a review is refused with what to do', async () => {
    await core.dispatch('model.settings.set', { mode: 'none' }, operator);
    const r = await core.dispatch('analysis.review.start', { incidentId: incident.id }, operator);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/No model is chosen/) } });
    await core.dispatch('model.settings.set', { mode: 'remote' }, operator);
  });

  it('offline: the review is refused and nothing is sent', async () => {
    const before = server.stats.connections;
    value(await core.dispatch('model.settings.set', { offline: true }, operator));
    const r = await core.dispatch('analysis.review.start', { incidentId: incident.id }, operator);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/offline/) } });
    const doctor = value<{ findings: { check: string; level: string }[] }>(await core.dispatch('model.doctor', {}, operator));
    expect(doctor.findings).toEqual([expect.objectContaining({ check: 'network', level: 'error' })]);
    expect(server.stats.connections).toBe(before);
    value(await core.dispatch('model.settings.set', { offline: false }, operator));
  });

  it('the doctor checks the saved endpoint with the key from the environment', async () => {
    const doctor = value<{ findings: { check: string; level: string }[] }>(await core.dispatch('model.doctor', {}, operator));
    expect(Object.fromEntries(doctor.findings.map((f) => [f.check, f.level]))).toMatchObject({ reachable: 'ok', model: 'ok' });
    expect(server.stats.auth.at(-1)).toBe(`Bearer ${KEY}`);
  });

  it('streams a review, drops the ungrounded claim, and saves the result as the latest analysis', async () => {
    const progress = progressOf(core);
    const { jobId } = value<{ jobId: string }>(await core.dispatch('analysis.review.start', { incidentId: incident.id }, operator));
    const done = await progress.done(jobId);
    const mine = progress.all.filter((p) => p.jobId === jobId);
    expect(mine.filter((p) => !p.done && p.text.length > 0).length).toBeGreaterThan(1);
    expect(mine[0]).toMatchObject({ model: `remote:${new URL(server.url).host}`, egressHost: new URL(server.url).host, done: false });
    expect(done.error).toBeUndefined();
    const review = done.result?.review;
    expect(review?.dropped).toEqual([expect.objectContaining({ text: DROPPED_CLAIM, cited: [UNKNOWN_EVIDENCE_ID] })]);
    expect(review?.egress?.bytes).toBeGreaterThan(1000);
    const latest = value<AnalysisResult | null>(await core.dispatch('analysis.latest', { incidentId: incident.id }, operator));
    expect(latest?.id).toBe(done.result?.id);
    expect(latest?.review?.dropped).toHaveLength(1);
    expect(JSON.stringify(progress.all)).not.toContain(KEY);
  });

  it('cancels a review in flight; the latest analysis stays as it was', async () => {
    server.setGenerator(scriptedReview({ pieceChars: 2, delayMs: 40 }));
    const before = value<AnalysisResult | null>(await core.dispatch('analysis.latest', { incidentId: incident.id }, operator));
    const progress = progressOf(core);
    const { jobId } = value<{ jobId: string }>(await core.dispatch('analysis.review.start', { incidentId: incident.id }, operator));
    await expect.poll(() => progress.all.some((p) => p.jobId === jobId && p.text.length > 0), { timeout: 10_000 }).toBe(true);
    expect(value(await core.dispatch('analysis.review.cancel', { jobId }, operator))).toEqual({ cancelled: true });
    const done = await progress.done(jobId);
    expect(done).toMatchObject({ done: true, cancelled: true });
    const after = value<AnalysisResult | null>(await core.dispatch('analysis.latest', { incidentId: incident.id }, operator));
    expect(after?.id).toBe(before?.id);
    expect(value(await core.dispatch('analysis.review.cancel', { jobId }, operator))).toEqual({ cancelled: false });
    server.setGenerator(scriptedReview());
  });
});

describeModel('model channels with the tiny local GGUF model', () => {
  let core: Core;
  let saved: string | undefined;
  beforeAll(async () => {
    saved = process.env.SITREP_WORKERS_DIR;
    process.env.SITREP_WORKERS_DIR = await bundleWorkers();
    core = createCore({ dbPath: ':memory:', host: 'test', demoIfEmpty: true, version: '0.1.0' });
  }, 60_000);
  afterAll(() => {
    core?.close();
    if (saved === undefined) delete process.env.SITREP_WORKERS_DIR;
    else process.env.SITREP_WORKERS_DIR = saved;
  });

  it('reviews locally in the worker: streamed, saved, and nothing left the machine', async () => {
    const incident = value<IncidentSummary[]>(await core.dispatch('incidents.list', {}, operator))[0]!;
    value(await core.dispatch('model.settings.set', { mode: 'local', local: { path: modelPath(), threads: 1, budgetTokens: 600 } }, operator));
    const progress = progressOf(core);
    const { jobId } = value<{ jobId: string }>(await core.dispatch('analysis.review.start', { incidentId: incident.id }, operator));
    const done = await progress.done(jobId);
    expect(done.error).toBeUndefined();
    expect(progress.all.filter((p) => p.jobId === jobId && !p.done).every((p) => p.egressHost === null)).toBe(true);
    expect(done.result?.review).toMatchObject({ model: 'local:llama-2-tiny-random.gguf', egress: null });
    const latest = value<AnalysisResult | null>(await core.dispatch('analysis.latest', { incidentId: incident.id }, operator));
    expect(latest?.id).toBe(done.result?.id);
  }, 120_000);
});
