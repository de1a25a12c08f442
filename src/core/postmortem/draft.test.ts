import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PostmortemDraft } from '../../shared/postmortem';
import { saveAnalysis } from '../analysis';
import { analyze } from '../analysis/analyze';
import { generateDemo } from '../demo';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import type { Incident } from '../../shared/incident';
import { draftPostmortem } from './draft';
import { readJournal } from './journal-scope';
import { acceptLeading, changeEventId, handAnalysis, handIncident, handJournal, handStore, ID, llmCalls, MIN, T0, writeHandEntries, type HandEntries } from './test-kit';

const measure = (d: PostmortemDraft, key: string) => d.response.find((m) => m.key === key);

describe('the demo incident', () => {
  let store: EventStore;
  let incident: Incident;
  const now = Date.UTC(2026, 2, 14, 6, 0);
  beforeAll(() => {
    store = openStore(':memory:');
    incident = generateDemo(store, { events: 20_000 }).incident;
  });
  afterAll(() => store.close());

  test('without a stored analysis: the engine runs for the draft, and time to context stays unknown', () => {
    const d = draftPostmortem(store, { unavailable: 'not given' }, incident.id, now);
    expect(PostmortemDraft.parse(d)).toEqual(d);
    expect(d.analysis?.stored).toBe(false);
    expect(d.journal).toEqual({ included: false, entries: 0, note: 'Drafted without the journal: not given.' });
    const context = measure(d, 'context');
    expect(context?.ms).toBeNull();
    expect(context?.note).toMatch(/^unknown: no hypothesis was recorded.*run just now/);
  });

  test('the prompt release leads, with its change as evidence; the payments deploy and the GPU are rejected with why', () => {
    const d = draftPostmortem(store, { unavailable: 'not given' }, incident.id, now);
    expect(d.rootCause?.status).toBe('proposed');
    expect(d.rootCause?.title).toMatch(/Prompt release support-agent\/system-prompt/);
    expect(d.rootCause?.evidence.some((e) => e.kind === 'change')).toBe(true);
    expect(d.rejected.map((r) => r.what).join('\n')).toMatch(/payments-api/);
    expect(d.rejected.find((r) => /payments-api/.test(r.what))?.why).toMatch(/did not degrade/);
    expect(d.generated.root_cause).toMatch(/not yet accepted by the commander/);
  });

  test('detect, mitigate and resolve are measured from named moments; the rollback stands in for an unrecorded mitigation', () => {
    const d = draftPostmortem(store, { unavailable: 'not given' }, incident.id, now);
    expect(measure(d, 'detect')).toMatchObject({ ms: 5 * MIN, to: { label: 'first alert SupportAgentInvalidJSONRate' } });
    const mitigate = measure(d, 'mitigate');
    expect(mitigate?.ms).toBe(21 * MIN);
    expect(mitigate?.note).toMatch(/the journal was not read \(not given\); measured to the first rollback in the store/);
    expect(measure(d, 'resolve')?.ms).toBe(27 * MIN);
    expect(d.actionItems.some((a) => a.kind === 'follow_up' && /Record mitigations/.test(a.text))).toBe(true);
  });

  test('the timeline holds the changes and alerts of the window with their event ids, and the milestones', () => {
    const d = draftPostmortem(store, { unavailable: 'not given' }, incident.id, now);
    const changes = d.timeline.filter((l) => l.kind === 'change');
    expect(changes.map((l) => l.text)).toEqual([expect.stringMatching(/payments-api/), expect.stringMatching(/v41 → v42 by maria\.chen/), expect.stringMatching(/rollback.*v42 → v41/)]);
    for (const l of changes) expect(store.getEvent(l.eventId ?? -1)?.event.kind).toBe('change');
    expect(d.timeline.filter((l) => l.kind === 'alert')).toHaveLength(5);
    expect(d.timeline.filter((l) => l.kind === 'milestone').map((l) => l.ts)).toEqual([incident.startedAt, incident.detectedAt, incident.resolvedAt]);
    expect([...d.timeline].sort((a, b) => a.ts - b.ts).map((l) => l.ts)).toEqual(d.timeline.map((l) => l.ts));
  });

  test('tokens and cost are the LLM calls from the onset to the resolution, against the pre-onset rate', () => {
    const d = draftPostmortem(store, { unavailable: 'not given' }, incident.id, now);
    const sum = (from: number, to: number) =>
      store.sql.prepare("SELECT count(*) AS n, sum(tokens) AS t, sum(cost_usd) AS c FROM events WHERE lane = 'llm' AND ts >= ? AND ts < ?").get(from, to) as { n: number; t: number; c: number };
    const during = sum(incident.startedAt, incident.resolvedAt ?? 0);
    const before = sum(incident.windowFrom, incident.startedAt);
    const llm = d.impact.llm;
    expect(llm?.calls).toBe(during.n);
    expect(llm?.tokens).toBe(during.t);
    expect(llm?.costUsd).toBeCloseTo(during.c, 6);
    const scale = ((incident.resolvedAt ?? 0) - incident.startedAt) / (incident.startedAt - incident.windowFrom);
    expect(llm?.expectedTokens).toBeCloseTo(before.t * scale, 3);
    expect(d.impact.requestShare).toBeGreaterThan(0);
    expect(d.impact.unknowns).toContain('Users affected: unknown, the affected requests carry no user ids.');
  });

  test('charts: the failing-call share, then metric series the leading hypotheses cite', () => {
    const d = draftPostmortem(store, { unavailable: 'not given' }, incident.id, now);
    expect(d.charts.series[0]?.title).toBe('LLM calls failing or returning invalid output');
    expect(d.charts.series.length).toBeGreaterThan(1);
    const peak = Math.max(...(d.charts.series[0]?.points.map((p) => p[1] ?? 0) ?? [0]));
    expect(peak).toBeGreaterThan(0.1);
  });

  test('with a stored analysis made 7 minutes after the onset, time to context is 7 minutes; the same inputs give the same draft', () => {
    const s = openStore(':memory:');
    const inc = generateDemo(s, { events: 20_000 }).incident;
    saveAnalysis(s, analyze(s, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id, now: inc.startedAt + 7 * MIN }));
    const d = draftPostmortem(s, { unavailable: 'not given' }, inc.id, now);
    expect(d.analysis?.stored).toBe(true);
    expect(measure(d, 'context')).toMatchObject({ ms: 7 * MIN });
    expect(d.timeline.find((l) => l.kind === 'hypothesis')).toMatchObject({ ts: inc.startedAt + 7 * MIN, source: 'analysis', journalSeq: null });
    expect(draftPostmortem(s, { unavailable: 'not given' }, inc.id, now)).toEqual(d);
    s.close();
  });

  test('a first hypothesis recorded after the resolution gives no time to context, and says when it came', () => {
    const s = openStore(':memory:');
    const inc = generateDemo(s, { events: 5_000 }).incident;
    saveAnalysis(s, analyze(s, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id, now: (inc.resolvedAt ?? 0) + 24 * 60 * MIN }));
    const context = measure(draftPostmortem(s, { unavailable: 'not given' }, inc.id, now), 'context');
    expect(context).toMatchObject({ ms: null, to: null });
    expect(context?.note).toBe('unknown during the incident: the first stored analysis with hypotheses (2) was recorded at 2026-03-15 03:17:00 UTC, 1 d 0 h after the resolution (the analysis ran after the fact)');
    s.close();
  });

  test('an unknown incident is not_found', () => {
    expect(() => draftPostmortem(store, { unavailable: 'x' }, 'INC-NOPE', now)).toThrow(/No incident INC-NOPE/);
  });
});

describe('a hand-made incident with a journal', () => {
  let store: EventStore;
  let seq: HandEntries;
  let dir = '';
  let entries: ReturnType<typeof readJournal>;
  const now = T0 + 120 * MIN;

  beforeAll(async () => {
    store = handStore();
    handAnalysis(store);
    acceptLeading(store);
    const j = await handJournal();
    dir = j.dir;
    seq = writeHandEntries(j.journal, j.at);
    entries = readJournal(j.journal);
    j.journal.close();
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('takes the entries that name the incident, its analysis, its dispatch, or nothing while it was active; leaves the rest', () => {
    const d = draftPostmortem(store, entries, ID, now);
    const seqs = new Set(d.timeline.map((l) => l.journalSeq).filter((s) => s !== null));
    for (const s of [seq.hypothesis, seq.decision, seq.dispatching, seq.failed, seq.byHand, seq.note, seq.verifiedLate]) expect(seqs.has(s)).toBe(true);
    for (const s of [seq.otherIncident, seq.otherAnalysis, seq.afterResolution, seq.edit]) expect(seqs.has(s)).toBe(false);
    expect(d.journal.included).toBe(true);
    // Taken: hypothesis, decision, dispatching, failed, by hand, note, verification (linked by dispatch), the edit note.
    expect(d.journal.entries).toBe(8);
  });

  test('each journal line carries its entry and its time; the accepted hypothesis is the root cause', () => {
    const d = draftPostmortem(store, entries, ID, now);
    expect(d.timeline.find((l) => l.journalSeq === seq.byHand)).toMatchObject({ kind: 'action', ts: T0 + 25 * MIN, text: 'Done by hand: kubectl rollout undo deploy/chat', actor: 'ana' });
    expect(d.timeline.find((l) => l.journalSeq === seq.decision)).toMatchObject({ kind: 'decision', ts: T0 + 20 * MIN });
    expect(d.timeline.find((l) => l.journalSeq === seq.hypothesis)).toMatchObject({ kind: 'hypothesis', text: 'Analysis proposed 1 hypothesis; leading: Deploy chat v2 broke the model calls (80%)' });
    // The decision is in the journal, so the stored one is not repeated.
    expect(d.timeline.filter((l) => l.kind === 'decision')).toHaveLength(1);
    expect(d.timeline.find((l) => l.kind === 'change')?.eventId).toBe(changeEventId(store));
    expect(d.rootCause).toMatchObject({ hypothesisId: 'h-a', status: 'accepted', reason: 'ana: rolling back fixed it' });
    expect(d.generated.timeline).toMatch(new RegExp(`Done by hand: kubectl rollout undo deploy/chat \\[journal #${seq.byHand}\\]`));
  });

  test('response times: alert after 3 min, first hypothesis after 6, the hand-made rollback after 15, resolved after 30', () => {
    const d = draftPostmortem(store, entries, ID, now);
    expect(d.response.map((m) => m.ms)).toEqual([3 * MIN, 6 * MIN, 15 * MIN, 30 * MIN]);
    expect(measure(d, 'mitigate')?.to?.label).toMatch(new RegExp(`journal #${seq.byHand}`));
  });

  test('what was tried and rejected: the rejected hypothesis with its reason and the failed dispatch with its entry', () => {
    const d = draftPostmortem(store, entries, ID, now);
    expect(d.rejected).toEqual([
      { what: 'Hypothesis: GPU throttling', why: 'no GPU in this service', by: 'the analysis', ts: null, journalSeq: null },
      { what: 'Action: k8s.rollback', why: 'failed: the API server answered 500', by: 'sitrep', ts: T0 + 22 * MIN + 1000, journalSeq: seq.failed },
    ]);
    expect(d.actionItems.find((a) => a.kind === 'follow_up')?.text).toMatch(/k8s\.rollback/);
  });

  test('impact: duration, the blast radius, and every LLM call between onset and resolution', () => {
    const d = draftPostmortem(store, entries, ID, now);
    const during = llmCalls().filter((e) => e.ts >= handIncident.startedAt && e.ts < (handIncident.resolvedAt ?? 0));
    expect(d.impact).toMatchObject({ durationMs: 30 * MIN, requestShare: 0.25, usersAffected: 40, usersTotal: 400 });
    expect(d.impact.llm?.calls).toBe(during.length);
    expect(d.impact.llm?.failed).toBe(during.filter((e) => e.kind === 'llm_call' && e.status === 'error').length);
    expect(d.impact.llm?.tokens).toBe(during.length * 400);
    // 20 minutes of baseline at 200 tokens per call, two calls a minute, scaled to 30 minutes.
    expect(d.impact.llm?.expectedTokens).toBe(30 * 2 * 200);
    expect(d.generated.impact).toMatch(/Users affected: 40 of 400 \(10%\)/);
  });

  test('without the journal: the same store, and every journal-derived figure says it is unknown', () => {
    const d = draftPostmortem(store, { unavailable: 'the journal is locked' }, ID, now);
    expect(d.timeline.every((l) => l.source !== 'journal')).toBe(true);
    // The stored decision stands in for the journal's.
    expect(d.timeline.find((l) => l.kind === 'decision')).toMatchObject({ source: 'analysis', actor: 'ana' });
    expect(measure(d, 'mitigate')).toMatchObject({ ms: null, note: 'unknown: the journal was not read (the journal is locked), and the store holds no rollback after the onset' });
    expect(measure(d, 'context')?.ms).toBe(6 * MIN);
  });
});
