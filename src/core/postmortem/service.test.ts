import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { EventStore } from '../store/api';
import { postmortemFor } from './service';
import { discardEdits, loadEdits, saveEdit } from './storage';
import { handAnalysis, handStore, ID, MIN, T0 } from './test-kit';

const none = { unavailable: 'not given' } as const;
let store: EventStore;
beforeEach(() => {
  store = handStore();
  handAnalysis(store);
});
afterEach(() => store.close());

const section = (p: ReturnType<typeof postmortemFor>, key: string) => p.sections.find((s) => s.key === key);

describe('stored drafts and edits', () => {
  test('the first get drafts and stores; later gets return the stored draft until asked to regenerate', () => {
    const first = postmortemFor(store, none, ID, T0 + 100 * MIN, { persist: true });
    expect(first.stored).toBe(true);
    const again = postmortemFor(store, none, ID, T0 + 500 * MIN, { persist: true });
    expect(again.draft.generatedAt).toBe(T0 + 100 * MIN);
    const fresh = postmortemFor(store, none, ID, T0 + 500 * MIN, { persist: true, regenerate: true });
    expect(fresh.draft.generatedAt).toBe(T0 + 500 * MIN);
    expect(postmortemFor(store, none, ID, T0 + 900 * MIN, { persist: true }).draft.generatedAt).toBe(T0 + 500 * MIN);
  });

  test('an edit is laid over its section, survives a regeneration, and says when the generated text under it changed', () => {
    const p = postmortemFor(store, none, ID, T0 + 100 * MIN, { persist: true });
    saveEdit(store, p.draft, 'impact', 'Half of the chat answers failed for 30 minutes.', 'ana', T0 + 101 * MIN);
    let now = postmortemFor(store, none, ID, T0 + 102 * MIN, { persist: true, regenerate: true });
    expect(section(now, 'impact')).toMatchObject({ edited: 'Half of the chat answers failed for 30 minutes.', editedBy: 'ana', editedAt: T0 + 101 * MIN, generatedChanged: false });
    expect(section(now, 'summary')).toMatchObject({ edited: null, generatedChanged: false });
    // New data: one more LLM call during the incident changes the generated impact, under the edit.
    store.ingest({ events: [{ kind: 'llm_call', ts: T0 + 20 * MIN + 1, service: 'chat', provider: 'openai', model: 'gpt-4o', operation: 'chat', inputTokens: 5000, outputTokens: 5000, costUsd: 1, latencyMs: 1, status: 'error' }] });
    now = postmortemFor(store, none, ID, T0 + 103 * MIN, { persist: true, regenerate: true });
    expect(section(now, 'impact')).toMatchObject({ edited: 'Half of the chat answers failed for 30 minutes.', generatedChanged: true });
    expect(section(now, 'impact')?.generated).toMatch(/LLM calls during the incident: 61,/);
  });

  test('null reverts one section; discarding with a regeneration reverts them all', () => {
    const p = postmortemFor(store, none, ID, T0 + 100 * MIN, { persist: true });
    saveEdit(store, p.draft, 'impact', 'ours', 'ana', 1);
    saveEdit(store, p.draft, 'summary', 'ours too', 'ana', 2);
    saveEdit(store, p.draft, 'impact', null, 'ana', 3);
    expect(loadEdits(store, ID).map((e) => e.section)).toEqual(['summary']);
    const back = postmortemFor(store, none, ID, T0 + 100 * MIN, { persist: true, regenerate: true, discardEdits: true });
    expect(back.sections.every((s) => s.edited === null)).toBe(true);
    expect(discardEdits(store, ID)).toBe(0);
  });

  test('a caller that may not persist gets a draft for this answer only (stored: false), and nothing is written', () => {
    const p = postmortemFor(store, none, ID, T0 + 100 * MIN, { persist: false });
    expect(p.stored).toBe(false);
    expect(store.sql.prepare('SELECT count(*) AS n FROM postmortem_drafts').get()).toEqual({ n: 0 });
  });
});
