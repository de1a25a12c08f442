import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import type { AnalysisResult } from '../../shared/hypotheses';
import { createOperatorStore } from '../auth/operators';
import { totp } from '../auth/totp';
import { JOURNAL_KINDS } from '../journal/kinds';
import { JOURNAL_ENTRY_KINDS } from '../../shared/contract-governance';
import type { SenderInfo } from '../contract/handlers';
import { createCore, type Core } from './core';

const sender: SenderInfo = { host: 'test', role: 'operator' };
const PASSWORD = 'commander password 0123';
let core: Core;
let secret: Buffer;

const value = <T>(env: Envelope<unknown>): T => {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value as T;
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-decisions-'));
  secret = (await createOperatorStore(dir).add('ana', PASSWORD, ['commander'])).totpSecret;
  core = createCore({ dbPath: join(dir, 'sitrep.db'), host: 'test', demoIfEmpty: true, version: 't', log: () => {} });
});
afterAll(() => core?.close());

describe("the commander's decisions on hypotheses are journaled", () => {
  it('records who decided (the signed-in operator, else the host) and journals it, queued while the journal is locked', async () => {
    const incidentId = value<{ id: string }[]>(await core.dispatch('incidents.list', {}, sender))[0]?.id ?? '';
    const analysis = value<AnalysisResult>(await core.dispatch('analysis.run', { incidentId }, sender));
    const h = analysis.hypotheses[0];
    if (!h) throw new Error('the demo analysis has no hypothesis');
    const afterRun = value<{ queued: number }>(await core.dispatch('journal.status', {}, sender)).queued;
    expect(afterRun).toBeGreaterThan(analysis.hypotheses.length);

    await core.dispatch('analysis.decide', { analysisId: analysis.id, hypothesisId: h.id, decision: 'accepted', reason: null }, sender);
    value(await core.dispatch('auth.signIn', { username: 'ana', password: PASSWORD, code: totp(secret, Date.now()) }, sender));
    await core.dispatch('analysis.decide', { analysisId: analysis.id, hypothesisId: h.id, decision: 'rejected', reason: 'the onset precedes the release' }, sender);
    expect(value<{ queued: number }>(await core.dispatch('journal.status', {}, sender)).queued).toBe(afterRun + 2);

    value(await core.dispatch('journal.unlock', { passphrase: 'decisions passphrase' }, sender));
    const page = value<{ rows: { kind: string; actor: string; summary: string; payload: string }[] }>(await core.dispatch('journal.list', { kinds: ['decision'] }, sender));
    expect(page.rows.map((r) => [r.actor, r.summary])).toEqual([
      ['ana', `Rejected hypothesis "${h.title}" — the onset precedes the release`],
      ['test:commander', `Accepted hypothesis "${h.title}"`],
    ]);
    expect(JSON.parse(page.rows[0]?.payload ?? '{}')).toMatchObject({ detail: { analysisId: analysis.id, hypothesisId: h.id, decision: 'rejected', incidentId } });

    // The analysis itself: every hypothesis, and the evidence the proposed ones cite with its exact query and window.
    const hyps = value<{ rows: { payload: string }[] }>(await core.dispatch('journal.list', { kinds: ['hypothesis'], limit: 200 }, sender)).rows.map((r) => JSON.parse(r.payload) as { hypothesisId: string; evidence: string[] });
    expect(hyps.map((x) => x.hypothesisId)).toContain(h.id);
    const ev = value<{ rows: { payload: string }[] }>(await core.dispatch('journal.list', { kinds: ['evidence'], limit: 200 }, sender)).rows.map(
      (r) => JSON.parse(r.payload) as { query: string; window: { from: number; to: number }; resultDigest: string; detail: { evidenceId: string } },
    );
    expect(ev.length).toBeGreaterThan(0);
    const first = analysis.evidence.find((e) => e.id === ev[0]?.detail.evidenceId);
    expect(first).toBeDefined();
    expect(ev[0]?.query).toBe(first?.query.text);
    expect(ev[0]?.window).toEqual({ from: first?.query.from, to: first?.query.to });
    expect(ev[0]?.resultDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the contract and the journal agree on entry kinds', () => {
  it('lists the same kinds', () => {
    expect([...JOURNAL_ENTRY_KINDS]).toEqual([...JOURNAL_KINDS]);
  });
});

describe('model exchanges are journaled as digests', () => {
  it('records prompt and answer digests, never their text, in a payload the journal accepts', async () => {
    const { journalModelExchange } = await import('./decision-journal');
    const { PAYLOADS } = await import('../journal/kinds');
    const appended: { kind: string; payload: unknown; actor: string }[] = [];
    const journal = { append: (kind: string, payload: unknown, actor: string) => (appended.push({ kind, payload, actor }), { status: 'queued' as const, queued: appended.length }) };
    journalModelExchange({ journal: journal as never, log: () => {} }, 'ana', {
      system: 'SYSTEM PROMPT TEXT', user: 'USER PROMPT TEXT', output: '{"summary":"ANSWER TEXT"}', modelSha256: 'a'.repeat(64), model: 'local:tiny.gguf', parameters: { threads: 1 }, analysisId: 'rv-1',
    });
    expect(appended).toHaveLength(1);
    expect(appended[0]?.kind).toBe('model_io');
    expect(PAYLOADS.model_io.safeParse(appended[0]?.payload).success).toBe(true);
    const text = JSON.stringify(appended[0]?.payload);
    for (const secret of ['SYSTEM PROMPT TEXT', 'USER PROMPT TEXT', 'ANSWER TEXT']) expect(text).not.toContain(secret);
  });
});
