/**
 * Test material: a small hand-made incident (a deploy, an alert, LLM calls failing between the
 * onset and the resolution, a stored analysis with a decision) and a real encrypted journal whose
 * entries concern it, another incident, or nothing in particular.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventInput } from '../../shared/events';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { Incident } from '../../shared/incident';
import { decideHypothesis, saveAnalysis } from '../analysis';
import { openJournal, type Journal } from '../journal/journal';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';

export const T0 = Date.UTC(2026, 0, 10, 12, 0);
export const MIN = 60_000;
export const ID = 'INC-HAND-1';
export const OTHER = 'INC-OTHER-2';

export const handIncident: Incident = {
  id: ID,
  title: 'chat answers fail after the v2 deploy',
  severity: 'sev2',
  status: 'resolved',
  startedAt: T0 + 10 * MIN,
  detectedAt: T0 + 14 * MIN,
  resolvedAt: T0 + 40 * MIN,
  windowFrom: T0,
  windowTo: T0 + 60 * MIN,
  services: ['chat'],
  summary: 'The chat service failed half of its model calls after deploy v2.',
};

/** LLM calls every 30 s over the window: failing every other call between the onset and the resolution. */
export function llmCalls(): EventInput[] {
  const out: EventInput[] = [];
  for (let t = T0; t < T0 + 60 * MIN; t += 30_000) {
    const during = t >= handIncident.startedAt && t < (handIncident.resolvedAt ?? 0);
    const failing = during && ((t - T0) / 30_000) % 2 === 0;
    out.push({
      kind: 'llm_call',
      ts: t,
      service: 'chat',
      provider: 'openai',
      model: 'gpt-4o',
      operation: 'chat',
      inputTokens: 100,
      outputTokens: during ? 300 : 100,
      costUsd: during ? 0.004 : 0.002,
      latencyMs: 800,
      status: failing ? 'error' : 'ok',
    });
  }
  return out;
}

export const CHANGE_EXTERNAL_ID = 'deploy:chat:v2';

export function handStore(): EventStore {
  const store = openStore(':memory:');
  store.upsertIncident(handIncident);
  store.upsertIncident({ ...handIncident, id: OTHER, title: 'another incident', startedAt: T0 + 200 * MIN, detectedAt: null, resolvedAt: null, status: 'open', windowFrom: T0 + 190 * MIN, windowTo: T0 + 260 * MIN });
  store.ingest({
    events: [
      { kind: 'change', externalId: CHANGE_EXTERNAL_ID, ts: T0 + 9 * MIN, service: 'chat', changeType: 'deploy', target: 'prod/chat', author: 'alice', summary: 'Deploy chat v2', from: 'v1', to: 'v2' },
      { kind: 'alert', ts: T0 + 13 * MIN, service: 'chat', name: 'ChatErrors', fingerprint: 'f1', severity: 'critical', state: 'firing', labels: { alertname: 'ChatErrors' }, summary: 'error rate 50% > 5%' },
      { kind: 'alert', ts: T0 + 38 * MIN, service: 'chat', name: 'ChatErrors', fingerprint: 'f1', severity: 'critical', state: 'resolved', labels: { alertname: 'ChatErrors' } },
      ...llmCalls(),
    ],
  });
  return store;
}

/** The change's event id in the store. */
export function changeEventId(store: EventStore): number {
  const row = store.sql.prepare("SELECT id FROM events WHERE kind = 'change'").get() as { id: number };
  return row.id;
}

export function handAnalysis(store: EventStore, createdAt = T0 + 16 * MIN): AnalysisResult {
  const ev = changeEventId(store);
  const hyp = (id: string, rank: number, title: string, confidence: number, supporting: string[]) => ({
    id,
    rank,
    title,
    category: 'infrastructure' as const,
    entities: ['service:chat'],
    confidence,
    supporting,
    contradicting: [],
    runbook: id === 'h-a' ? 'bad-deploy' : null,
    source: 'test',
    status: 'proposed' as const,
  });
  const result: AnalysisResult = {
    id: 'an-hand',
    incidentId: ID,
    from: handIncident.windowFrom,
    to: handIncident.windowTo,
    createdAt,
    engineVersion: 'test',
    verdict: 'supported',
    hypotheses: [hyp('h-a', 1, 'Deploy chat v2 broke the model calls', 0.8, ['ev-1', 'ev-2']), hyp('h-b', 2, 'Model provider degraded', 0.3, ['ev-2'])],
    rejected: [{ ...hyp('h-c', 1, 'GPU throttling', 0.1, []), status: 'rejected', reason: 'no GPU in this service' }],
    evidence: [
      { id: 'ev-1', kind: 'change', summary: 'deploy chat v2 one minute before the onset', entities: ['service:chat'], at: T0 + 9 * MIN, eventIds: [ev], seriesIds: [], query: { language: 'sql', text: "SELECT * FROM events WHERE kind = 'change'", from: T0, to: T0 + 60 * MIN }, strength: 0.9, facts: {} },
      { id: 'ev-2', kind: 'monitor', summary: 'error rate of chat rose from 0% to 50% at 12:10', entities: ['service:chat'], at: T0 + 10 * MIN, eventIds: [], seriesIds: [], query: { language: 'sql', text: 'SELECT 1', from: T0, to: T0 + 60 * MIN }, strength: 0.7, facts: {} },
    ],
    triage: { severity: 'sev2', category: 'infrastructure', rationale: 'test' },
    blastRadius: { requestShare: 0.25, usersAffected: 40, usersTotal: 400, endpoints: ['chat POST /v1/chat'], services: ['chat'] },
    similar: [],
    review: null,
  };
  saveAnalysis(store, result);
  return result;
}

/** Accepts h-a (a stored decision). */
export function acceptLeading(store: EventStore): void {
  decideHypothesis(store, 'an-hand', 'h-a', 'accepted', 'rolling back fixed it', 'ana');
}

export const PASS = 'postmortem test passphrase';

/** A journal file in a fresh folder, whose clock the test sets before each append. */
export async function handJournal(): Promise<{ journal: Journal; dir: string; path: string; at: (t: number) => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-postmortem-'));
  const path = join(dir, 'journal.db');
  let clock = T0;
  const journal = await openJournal(path, { create: true, passphrase: () => Promise.resolve(PASS), now: () => clock });
  return { journal, dir, path, at: (t) => void (clock = t) };
}

/** The entries the tests expect to be taken (seq by name) or left out. */
export interface HandEntries {
  hypothesis: number;
  decision: number;
  dispatching: number;
  failed: number;
  byHand: number;
  note: number;
  otherIncident: number;
  otherAnalysis: number;
  afterResolution: number;
  verifiedLate: number;
  edit: number;
}

export function writeHandEntries(j: Journal, at: (t: number) => void): HandEntries {
  const add = (t: number, kind: Parameters<Journal['append']>[0]['kind'], payload: unknown, actor = 'ana'): number => {
    at(t);
    return j.append({ kind, actor, payload }).seq;
  };
  const digest = 'ab'.repeat(32);
  return {
    hypothesis: add(T0 + 16 * MIN, 'hypothesis', { hypothesisId: 'h-a', title: 'Deploy chat v2 broke the model calls', confidence: 0.8, detail: { analysisId: 'an-hand', incidentId: ID, rank: 1, status: 'proposed' } }),
    decision: add(T0 + 20 * MIN, 'decision', { text: 'Accepted hypothesis "Deploy chat v2 broke the model calls" — rolling back fixed it', detail: { incidentId: ID, analysisId: 'an-hand', hypothesisId: 'h-a', decision: 'accepted', reason: 'rolling back fixed it' } }),
    dispatching: add(T0 + 22 * MIN, 'dispatching', { actionId: 'k8s.rollback', requestHash: digest, approvalIds: [], detail: { dispatchId: 'd-1', target: 'prod' } }, 'sitrep'),
    failed: add(T0 + 22 * MIN + 1000, 'dispatch_result', { actionId: 'k8s.rollback', ok: false, status: 500, message: 'the API server answered 500', detail: { dispatchId: 'd-1', phase: 'send' } }, 'sitrep'),
    byHand: add(T0 + 25 * MIN, 'note', { text: 'Done by hand: kubectl rollout undo deploy/chat', detail: { type: 'human_action', actionId: 'kubectl rollout undo' } }),
    note: add(T0 + 26 * MIN, 'note', { text: 'Paged the database on-call' }),
    otherIncident: add(T0 + 27 * MIN, 'note', { text: 'unrelated', detail: { incidentId: OTHER } }),
    otherAnalysis: add(T0 + 28 * MIN, 'hypothesis', { hypothesisId: 'h-z', title: 'Another incident hypothesis', detail: { analysisId: 'an-other' } }),
    afterResolution: add(T0 + 90 * MIN, 'note', { text: 'Lunch' }),
    verifiedLate: add(T0 + 95 * MIN, 'verification', { actionId: 'k8s.rollback', ok: true, message: 'replicas ready', detail: { dispatchId: 'd-1' } }, 'sitrep'),
    edit: add(T0 + 96 * MIN, 'note', { text: `Postmortem of ${ID}: "Summary" edited`, detail: { type: 'postmortem_edited', incidentId: ID, section: 'summary' } }),
  };
}
