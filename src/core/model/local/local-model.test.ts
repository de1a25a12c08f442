import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeModel, modelPath } from '../../testing/fixtures';
import { RUNBOOK_IDS } from '../catalogue';
import { outputJsonSchema, parseAnswer, type OutputLimits } from '../output-schema';
import { buildPrompt } from '../prompt';
import { fixtureAnalysis } from '../testing/analysis-fixture';
import { bundleModelWorker } from '../testing/bundle-worker';
import { loadLocalModel, type LocalModel } from './local-model';
import { estimateMemory } from './memory';

const SMALL: OutputLimits = { summaryChars: 60, hypotheses: 2, titleChars: 40, entities: 1, entityChars: 30, claims: 1, claimChars: 40, citations: 2, idChars: 16 };

describeModel('local model (tiny GGUF, real node-llama-cpp in a worker thread)', () => {
  let model: LocalModel;
  let workerUrl: URL;
  beforeAll(async () => {
    workerUrl = await bundleModelWorker();
    model = await loadLocalModel({ path: modelPath(), workerUrl, threads: 1 });
  }, 60_000);
  afterAll(() => model?.unload());

  it('estimates memory from the header before loading', async () => {
    const e = await estimateMemory(modelPath(), 4096);
    expect(e.modelBytes).toBeGreaterThan(500_000);
    expect(e.contextBytes).toBeGreaterThan(0);
    expect(e.totalBytes).toBe(e.modelBytes + e.contextBytes);
    expect(e.trainContextSize).toBe(4096);
    expect(e.hasChatTemplate).toBe(false);
    expect(model.info).toMatchObject({ contextSize: 4096, threads: 1, hasChatTemplate: false });
  });

  it('refuses to load what will not fit, and what is not a GGUF file', async () => {
    await expect(loadLocalModel({ path: modelPath(), workerUrl, availableBytes: 10_000_000 })).rejects.toMatchObject({ code: 'too_big' });
    await expect(loadLocalModel({ path: modelPath(), workerUrl, availableBytes: 10_000_000 })).rejects.toThrow(/needs about \d+ MB .* only 10 MB is free/);
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-model-'));
    writeFileSync(join(dir, 'notes.gguf'), 'hello, not a model');
    await expect(loadLocalModel({ path: join(dir, 'notes.gguf'), workerUrl })).rejects.toMatchObject({ code: 'not_gguf' });
  });

  it('grammar-constrained output parses against the schema and cites only sent evidence', async () => {
    const schema = outputJsonSchema({ hypothesisIds: ['h-1', 'h-2'], evidenceIds: ['ev-1', 'ev-2'], runbooks: RUNBOOK_IDS }, SMALL);
    const chunks: string[] = [];
    const r = await model.generate({ system: 'Answer in JSON.', user: 'Review the incident.', schema, maxTokens: 1500, onToken: (t) => chunks.push(t) });
    const parsed = parseAnswer(r.text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (const h of parsed.answer.hypotheses) {
      expect(['h-1', 'h-2', 'new']).toContain(h.id);
      for (const c of h.claims) for (const id of c.evidence) expect(['ev-1', 'ev-2']).toContain(id);
      expect(h.runbook === null || (RUNBOOK_IDS as readonly string[]).includes(h.runbook)).toBe(true);
    }
    expect(chunks.join('')).toBe(r.text);
    expect(r.tokens).toBeGreaterThan(0);
  });

  it('cancels promptly and stays usable', async () => {
    const ac = new AbortController();
    let n = 0;
    let abortedAt = 0;
    const p = model.generate({
      system: 's',
      user: 'Tell a very long story.',
      schema: null,
      maxTokens: 4000,
      signal: ac.signal,
      onToken: () => {
        if (++n === 5) {
          abortedAt = performance.now();
          ac.abort();
        }
      },
    });
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    const stopMs = performance.now() - abortedAt;
    expect(stopMs).toBeLessThan(500);
    expect(n).toBeLessThan(200);
    const again = await model.generate({ system: 's', user: 'Again.', schema: null, maxTokens: 8 });
    expect(again.tokens).toBeGreaterThan(0);
  });

  it('keeps the prompt within the budget counted with the model tokenizer', async () => {
    const result = fixtureAnalysis();
    for (let i = 0; i < 30; i++) result.evidence.push({ ...structuredClone(result.evidence[1]!), id: `ev-x${i}`, strength: 0.1, summary: 'rate rose again '.repeat(12) });
    const p = await buildPrompt(result, { budgetTokens: 1500, countTokens: (t) => model.countTokens(t), runbooks: RUNBOOK_IDS });
    const counted = (await model.countTokens(p.system)) + (await model.countTokens(p.user));
    expect(counted).toBeLessThanOrEqual(1500);
    expect(p.omittedEvidenceIds.length).toBeGreaterThan(0);
    expect(p.evidenceIds).toContain('ev-1');
  });

  it('unloads: further calls fail clearly', async () => {
    const m = await loadLocalModel({ path: modelPath(), workerUrl, threads: 1 });
    await m.unload();
    await expect(m.countTokens('x')).rejects.toMatchObject({ code: 'not_loaded' });
  });
});
