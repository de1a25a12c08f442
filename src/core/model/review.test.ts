import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisResult } from '../../shared/hypotheses';
import { describeModel, modelPath } from '../testing/fixtures';
import { loadLocalModel, type LocalModel } from './local/local-model';
import type { OutputLimits } from './output-schema';
import { RemoteConfig } from './remote/config';
import { createRemoteClient, type RemoteClient } from './remote/openai-client';
import { reviewAnalysis } from './review';
import { fixtureAnalysis } from './testing/analysis-fixture';
import { bundleModelWorker } from './testing/bundle-worker';
import { fromModel, scripted, startOpenAiServer, type Generator, type OpenAiServer } from './testing/openai-server';

const SMALL: OutputLimits = { summaryChars: 80, hypotheses: 2, titleChars: 40, entities: 1, entityChars: 30, claims: 1, claimChars: 40, citations: 2, idChars: 16 };

/** A scripted model that echoes placeholders it was sent (as a real model quoting evidence would). */
const echoing: Generator = async (req, emit) => {
  const user = req.messages.at(-1)?.content ?? '';
  const email = /⟦EMAIL_\d+⟧/.exec(user)?.[0] ?? 'none';
  const text = JSON.stringify({
    summary: `Prompt release; contact ${email}.`,
    hypotheses: [
      { id: 'h-1', title: 'x', category: 'model', entities: [], confidence: 0.9, claims: [{ text: `seen by ${email}`, evidence: ['ev-1', 'ev-2'] }, { text: 'invented', evidence: ['ev-42'] }], runbook: null },
      { id: 'new', title: 'Injected tool output', category: 'security', entities: ['service:support-agent'], confidence: 0.4, claims: [{ text: 'injection text in tool output', evidence: ['ev-5'] }], runbook: 'prompt-injection' },
      { id: 'new', title: 'Aliens', category: 'data', entities: [], confidence: 0.9, claims: [], runbook: 'call-nasa' },
    ],
  });
  for (let i = 0; i < text.length; i += 3) emit(text.slice(i, i + 3));
  return text;
};

describe('reviewAnalysis over a remote endpoint', () => {
  let server: OpenAiServer;
  const clients: RemoteClient[] = [];
  const remote = (offline = false): RemoteClient => {
    const c = createRemoteClient(RemoteConfig.parse({ url: server.url, model: 'tiny', retries: { max: 0 } }), { offline: () => offline });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startOpenAiServer({ generate: echoing });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('grounds, re-ranks, redacts what leaves the machine and restores it for display', async () => {
    const streamed: string[] = [];
    const out = await reviewAnalysis(fixtureAnalysis(), remote(), { onToken: (t) => streamed.push(t), now: () => 1_000 });
    expect(AnalysisResult.safeParse(out).success).toBe(true);
    const sent = server.stats.bodies.at(-1)!;
    for (const secret of ['admin@example.com', '10.1.2.3', 'sk-abcdefghijklmnopqrstuvwxyz123456']) expect(sent).not.toContain(secret);
    const review = out.review!;
    expect(review.error).toBeUndefined();
    expect(review.model).toBe(`remote:${new URL(server.url).host}`);
    expect(review.egress).toEqual({ host: new URL(server.url).host, bytes: Buffer.byteLength(sent), redacted: { api_key: 1, email: 1, ipv4: 1 } });
    expect(review.summary).toBe('Prompt release; contact admin@example.com.');
    expect(streamed.join('')).toContain('admin@example.com');
    expect(streamed.join('')).not.toContain('⟦');
    expect(out.hypotheses.map((h) => h.id)).toEqual(['h-1', 'model-1', 'h-2']);
    expect(out.hypotheses[0]?.explanation).toBe('seen by admin@example.com [ev-1, ev-2]');
    expect(review.dropped.map((d) => d.reason)).toEqual(['cites evidence not in the bundle: ev-42', 'new hypothesis without a valid citation']);
  });

  it('returns the engine result unchanged, with the error, when the model fails', async () => {
    server.queueFaults({ kind: 'wrongShape' });
    const input = fixtureAnalysis();
    const out = await reviewAnalysis(input, remote());
    expect(out.hypotheses).toEqual(input.hypotheses);
    expect(out.review?.error).toMatch(/not a chat completion|chat-completions chunk/);
    expect(out.review?.egress?.bytes).toBeGreaterThan(0);
  });

  it('offline: nothing leaves, the review says why', async () => {
    const before = server.stats.connections;
    const out = await reviewAnalysis(fixtureAnalysis(), remote(true));
    expect(out.review?.error).toMatch(/offline/);
    expect(out.review?.egress?.bytes).toBe(0);
    expect(server.stats.connections).toBe(before);
  });

  it('an answer that is not the schema is an error, not a guess', async () => {
    server.setGenerator(scripted('I think it was the database.'));
    const out = await reviewAnalysis(fixtureAnalysis(), remote());
    expect(out.review?.error).toMatch(/not JSON/);
    server.setGenerator(echoing);
  });
});

describeModel('reviewAnalysis with the real tiny model', () => {
  let model: LocalModel;
  beforeAll(async () => {
    model = await loadLocalModel({ path: modelPath(), workerUrl: await bundleModelWorker(), threads: 1 });
  }, 60_000);
  afterAll(() => model?.unload());

  it('locally: a schema-valid review, grounded, no egress', async () => {
    const out = await reviewAnalysis(fixtureAnalysis(), model, { limits: SMALL });
    expect(out.review?.error).toBeUndefined();
    expect(out.review?.egress).toBeNull();
    expect(AnalysisResult.safeParse(out).success).toBe(true);
    const ids = new Set(out.evidence.map((e) => e.id));
    for (const h of out.hypotheses) for (const id of h.supporting) expect(ids.has(id)).toBe(true);
    expect(new Set(out.hypotheses.map((h) => h.id)).size).toBe(out.hypotheses.length);
    expect(out.hypotheses.map((h) => h.rank)).toEqual(out.hypotheses.map((_, i) => i + 1));
    expect(out.hypotheses.filter((h) => h.id === 'h-1' || h.id === 'h-2')).toHaveLength(2);
  });

  it('remotely: the OpenAI protocol path driven by the real model behind the loopback server', async () => {
    const server = await startOpenAiServer({ generate: fromModel(model) });
    const client = createRemoteClient(RemoteConfig.parse({ url: server.url, model: 'tiny' }));
    try {
      const pieces: string[] = [];
      const out = await reviewAnalysis(fixtureAnalysis(), client, { limits: SMALL, budgetTokens: 1500, onToken: (t) => pieces.push(t) });
      expect(out.review?.error).toBeUndefined();
      expect(pieces.length).toBeGreaterThan(5);
      expect(out.review?.egress?.bytes).toBeGreaterThan(1000);
      expect(JSON.parse(server.stats.bodies[0]!)).toHaveProperty('response_format.json_schema.schema');
      expect(AnalysisResult.safeParse(out).success).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
