import { describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from './catalogue';
import { ground } from './grounding';
import { parseAnswer, type ModelAnswer } from './output-schema';
import { fixtureAnalysis } from './testing/analysis-fixture';

const SENT = ['ev-1', 'ev-2', 'ev-3', 'ev-4', 'ev-5'];

function answer(json: unknown): ModelAnswer {
  const p = parseAnswer(JSON.stringify(json));
  if (!p.ok) throw new Error(p.message);
  return p.answer;
}
const hyp = (over: Record<string, unknown>) => ({ id: 'new', title: 'T', category: 'model', entities: [], confidence: 0.5, claims: [], runbook: null, ...over });

describe('ground', () => {
  it('reorders, explains with cited claims, and drops uncited or unknown-id claims', () => {
    const result = fixtureAnalysis();
    const g = ground({
      result,
      evidenceIds: SENT,
      runbooks: RUNBOOK_IDS,
      answer: answer({
        summary: 's',
        hypotheses: [
          hyp({ id: 'h-2', claims: [{ text: 'deploy preceded onset', evidence: ['ev-4'] }] }),
          hyp({
            id: 'h-1',
            claims: [
              { text: 'prompt change explains it', evidence: ['ev-1', 'ev-2'] },
              { text: 'no citation', evidence: [] },
              { text: 'made-up evidence', evidence: ['ev-1', 'ev-99'] },
            ],
          }),
        ],
      }),
    });
    expect(g.hypotheses.map((h) => [h.id, h.rank])).toEqual([
      ['h-2', 1],
      ['h-1', 2],
    ]);
    const h1 = g.hypotheses[1]!;
    expect(h1.explanation).toBe('prompt change explains it [ev-1, ev-2]');
    // The engine's facts stay: title, supporting, confidence, runbook.
    expect(h1.supporting).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(h1.title).toBe('Prompt support-v42 broke structured output');
    expect(h1.runbook).toBe('bad-prompt-release');
    expect(g.dropped).toEqual([
      { text: 'no citation', cited: [], reason: 'cites no evidence' },
      { text: 'made-up evidence', cited: ['ev-1', 'ev-99'], reason: 'cites evidence not in the bundle: ev-99' },
    ]);
  });

  it('treats evidence the model was not shown as unknown', () => {
    const g = ground({
      result: fixtureAnalysis(),
      evidenceIds: ['ev-1'],
      runbooks: RUNBOOK_IDS,
      answer: answer({ summary: '', hypotheses: [hyp({ id: 'h-1', claims: [{ text: 'x', evidence: ['ev-2'] }] })] }),
    });
    expect(g.dropped[0]?.reason).toMatch(/not in the bundle: ev-2/);
    expect(g.hypotheses[0]?.explanation).toBeUndefined();
  });

  it('adds a new hypothesis only with a valid citation, keeping only entities named by evidence', () => {
    const g = ground({
      result: fixtureAnalysis(),
      evidenceIds: SENT,
      runbooks: RUNBOOK_IDS,
      answer: answer({
        summary: '',
        hypotheses: [
          hyp({ title: 'Invented', claims: [{ text: 'because I say so', evidence: [] }] }),
          hyp({
            title: 'Injection in tool output',
            category: 'security',
            entities: ['service:support-agent', 'service:made-up', 'not an entity'],
            confidence: 7,
            runbook: 'prompt-injection',
            claims: [{ text: 'tool output carries an injection', evidence: ['ev-5'] }],
          }),
        ],
      }),
    });
    const added = g.hypotheses[0]!;
    expect(added).toMatchObject({ id: 'model-1', source: 'model', title: 'Injection in tool output', category: 'security', confidence: 1, runbook: 'prompt-injection', supporting: ['ev-5'], entities: ['service:support-agent'] });
    // The engine's hypotheses the model did not mention follow, in their order.
    expect(g.hypotheses.map((h) => h.id)).toEqual(['model-1', 'h-1', 'h-2']);
    expect(g.dropped.map((d) => d.reason)).toEqual([
      'cites no evidence',
      'new hypothesis without a valid citation',
      'entity not named by any evidence',
      'entity not named by any evidence',
    ]);
  });

  it('drops a runbook outside the catalogue and records it', () => {
    const g = ground({
      result: fixtureAnalysis(),
      evidenceIds: SENT,
      runbooks: RUNBOOK_IDS,
      answer: answer({ summary: '', hypotheses: [hyp({ title: 'Wipe it', runbook: 'rm-rf-everything', claims: [{ text: 'c', evidence: ['ev-3'] }] })] }),
    });
    expect(g.hypotheses[0]?.runbook).toBeNull();
    expect(g.dropped).toEqual([{ text: 'runbook "rm-rf-everything" for "Wipe it"', cited: [], reason: 'runbook not in the catalogue' }]);
  });

  it('keeps rejected hypotheses rejected', () => {
    const result = fixtureAnalysis();
    const [first] = result.hypotheses;
    result.rejected = [{ ...first!, id: 'h-r', status: 'rejected', reason: 'came after onset' }];
    const g = ground({ result, evidenceIds: SENT, runbooks: RUNBOOK_IDS, answer: answer({ summary: '', hypotheses: [hyp({ id: 'h-r', claims: [{ text: 'c', evidence: ['ev-1'] }] })] }) });
    expect(g.hypotheses.map((h) => h.id)).toEqual(['h-1', 'h-2']);
    expect(g.dropped[0]?.reason).toMatch(/stays rejected/);
  });
});

describe('parseAnswer', () => {
  it('accepts fenced JSON and refuses what is not JSON or not the shape', () => {
    expect(parseAnswer('```json\n{"summary":"s","hypotheses":[]}\n```').ok).toBe(true);
    const bad = parseAnswer('Sure! Here is my answer');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/not JSON/);
    const shape = parseAnswer('{"summary":"s","hypotheses":[{"id":"x"}]}');
    expect(!shape.ok && shape.message).toMatch(/hypotheses\.0\.title/);
  });
});
