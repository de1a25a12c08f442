import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testClock, testOperators, type TestOperators } from '../auth/testing';
import { inspect } from '../bundle';
import { createDispatcher } from '../contract/dispatcher';
import type { Handlers, SenderInfo } from '../contract/handlers';
import { generateDemo } from '../demo';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { createAnalysisModule } from './analysis-module';
import { createBundleModule } from './bundle-module';
import type { CoreContext } from './context';
import { createGovernanceModule } from './governance-module';
import { createCoreHandlers } from './handlers';
import { createRemediationModule } from './remediation-module';

const operator: SenderInfo = { host: 'test', role: 'operator' };
const viewer: SenderInfo = { host: 'test', role: 'viewer' };
const JOURNAL = 'module journal passphrase';
const BUNDLE = 'module bundle passphrase';

interface Setup {
  dir: string;
  store: EventStore;
  ops: TestOperators;
  call(channel: string, input?: unknown, sender?: SenderInfo): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  ok(channel: string, input?: unknown, sender?: SenderInfo): Promise<Record<string, unknown>>;
  close(): void;
}
const open: Setup[] = [];
afterAll(() => {
  for (const s of open) s.close();
});

async function setup(demo: boolean): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bundle-mod-'));
  const store = openStore(join(dir, 'sitrep.db'));
  if (demo) generateDemo(store, { events: 1_500 });
  const clock = testClock(Date.UTC(2026, 2, 15, 9, 0));
  const ops = await testOperators(
    [
      ['ana', ['commander']],
      ['vic', ['viewer']],
    ],
    dir,
    clock,
  );
  const ctx: CoreContext = { store, host: 'test', version: '0.1.0', readOnly: false, dataDir: dir, emit: () => undefined, log: () => undefined };
  const gov = createGovernanceModule(ctx, { operators: ops.store, config: { idleMs: 3_600_000, oidc: null }, now: clock.now });
  ctx.journal = gov.journal;
  ctx.auth = gov.auth;
  const modules = [gov, createAnalysisModule(ctx), createRemediationModule(ctx, { runbooksDir: null, now: clock.now }), createBundleModule(ctx, { now: clock.now })];
  const handlers = Object.assign({}, createCoreHandlers(ctx), ...modules.map((m) => m.handlers)) as Handlers;
  const dispatch = createDispatcher(handlers, { log: () => undefined });
  const call = (channel: string, input: unknown = {}, sender: SenderInfo = operator) => dispatch(channel, input, sender) as ReturnType<Setup['call']>;
  const s: Setup = {
    dir,
    store,
    ops,
    call,
    async ok(channel, input = {}, sender = operator) {
      const env = await call(channel, input, sender);
      if (!env.ok) throw new Error(`${channel}: ${env.error?.code}: ${env.error?.message}`);
      return env.value as Record<string, unknown>;
    },
    close() {
      for (const m of modules) m.close?.();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.push(s);
  await s.ok('journal.unlock', { passphrase: JOURNAL });
  return s;
}

const pw = (s: Setup, name: string) => s.ops.ops.get(name)?.password ?? '';
const signIn = (s: Setup, name: string) => s.ok('auth.signIn', { username: name, password: pw(s, name), code: s.ops.code(name) });
const grant = async (s: Setup, name: string) => String((await s.ok('auth.stepUp', { password: pw(s, name), code: s.ops.code(name) })).grantId);
const INC = 'INC-2026-0314-001';
const exportInput = (grantId: string) => ({ incidentId: INC, sealing: { kind: 'passphrase', passphrase: BUNDLE }, grantId, includeJournal: true });

async function upload(s: Setup, bytes: Buffer, id: string): Promise<void> {
  const cut = [0, Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3), bytes.length];
  for (let i = 0; i + 1 < cut.length; i++) {
    const [a, b] = [cut[i] ?? 0, cut[i + 1] ?? 0];
    await s.ok('bundle.upload', { uploadId: id, offset: a, total: bytes.length, data: bytes.subarray(a, b).toString('base64') });
  }
}

let exported: Buffer;

describe('review bundles through the contract', () => {
  it('export needs an operator signed in as commander or approver and a fresh step-up; it is journaled', async () => {
    const s = await setup(true);
    await s.ok('analysis.run', { incidentId: INC });
    expect(await s.call('bundle.export', exportInput('g-1'), viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.call('bundle.export', exportInput('g-1'))).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/Not signed in/) } });
    await signIn(s, 'vic');
    expect(await s.call('bundle.export', exportInput('g-1'))).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/viewer role only/) } });
    await signIn(s, 'ana');
    expect(await s.call('bundle.export', exportInput('no-such-grant'))).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const g = await grant(s, 'ana');
    const out = await s.ok('bundle.export', exportInput(g));
    expect(out).toMatchObject({ encryption: 'passphrase', exporter: { name: 'ana' }, journalNote: null, fileName: expect.stringMatching(/^INC-2026-0314-001-\d{8}T\d{6}Z\.sitrep$/) });
    expect((out.counts as { journalEntries: number }).journalEntries).toBeGreaterThan(0);
    // The grant was for one signature.
    expect(await s.call('bundle.export', exportInput(g))).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    exported = Buffer.from(String(out.bytes), 'base64');
    expect(out.size).toBe(exported.length);
    const { report } = await inspect(exported, { operators: s.ops.store.list() });
    expect(report).toMatchObject({ intact: true, exporter: { name: 'ana', trust: 'known' } });
    const page = await s.ok('journal.list', { text: 'Review bundle exported' });
    expect((page.rows as unknown[]).length).toBe(1);
  });

  it('opens an uploaded bundle as a read-only review copy: remediation and decisions refused, re-analysis allowed', async () => {
    const s = await setup(false);
    expect(await s.call('bundle.upload', { uploadId: 'up-000001', offset: 5, total: exported.length, data: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await upload(s, exported, 'up-000001');
    expect(await s.call('bundle.upload', { uploadId: 'up-000001', offset: 0, total: 10, data: 'AAAA' }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const plain = await s.ok('bundle.inspect', { uploadId: 'up-000001' });
    // This profile has its own "ana", with another key: the file's "ana" is not her.
    expect(plain).toMatchObject({ intact: true, decrypted: false, exporter: { name: 'ana', trust: 'name_conflict', localName: 'ana' }, openAs: INC });
    expect((plain.warnings as string[])[0]).toMatch(/is NOT that operator/);
    const wrong = await s.ok('bundle.inspect', { uploadId: 'up-000001', opener: { kind: 'passphrase', passphrase: 'not it at all' } });
    expect(wrong).toMatchObject({ intact: true, decrypted: false, problemCode: 'wrong_passphrase' });
    expect(await s.call('bundle.open', { uploadId: 'up-000001', opener: { kind: 'passphrase', passphrase: 'not it at all' } })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/Wrong passphrase/) } });
    expect(s.store.listIncidents()).toEqual([]);

    const opened = await s.ok('bundle.open', { uploadId: 'up-000001', opener: { kind: 'passphrase', passphrase: BUNDLE } });
    expect(opened).toMatchObject({ incidentId: INC, report: { intact: true, decrypted: true } });
    const listed = (await s.call('incidents.list')).value as { id: string; provenance?: unknown }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.provenance).toMatchObject({ kind: 'bundle', originalId: INC, exporter: { name: 'ana', trust: 'name_conflict' }, intact: true });
    expect(await s.ok('incidents.get', { id: INC })).toMatchObject({ provenance: { kind: 'bundle' } });

    expect(await s.call('runbooks.forIncident', { incidentId: INC })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/review copy .* read-only/) } });
    expect(await s.call('remediation.diagnose', { incidentId: INC, runbookId: 'kv-cache-saturation' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const latest = await s.ok('analysis.latest', { incidentId: INC });
    expect((latest.hypotheses as unknown[]).length).toBeGreaterThan(0);
    const h = (latest.hypotheses as { id: string }[])[0];
    expect(await s.call('analysis.decide', { analysisId: latest.id, hypothesisId: h?.id, decision: 'accepted', reason: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rerun = await s.ok('analysis.run', { incidentId: INC });
    expect(rerun.incidentId).toBe(INC);
    expect((rerun.hypotheses as { title: string }[]).map((x) => x.title)).toEqual((latest.hypotheses as { title: string }[]).map((x) => x.title));

    const j = await s.ok('bundle.journal', { incidentId: INC });
    expect(j).toMatchObject({ included: true, checkpoint: { valid: true } });
    expect((j.entries as unknown[]).length).toBeGreaterThan(0);
    expect(await s.call('bundle.journal', { incidentId: INC }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signIn(s, 'ana');
    expect(await s.call('bundle.export', exportInput(await grant(s, 'ana')))).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/review copy/) } });
    // The opening is in the local journal; the bundle's entries are not.
    const notes = await s.ok('journal.list', {});
    const rows = notes.rows as { summary: string; hash: string }[];
    expect(rows.some((r) => /Review bundle opened: INC-2026-0314-001 exported by ana \(key NOT of the local operator of that name/.test(r.summary))).toBe(true);
    const bundled = new Set((j.entries as { hash: string }[]).map((e) => e.hash));
    expect(rows.filter((r) => bundled.has(r.hash))).toEqual([]);

    // The upload is gone once opened; opening it again needs a new upload, which finds the copy already there.
    expect(await s.call('bundle.inspect', { uploadId: 'up-000001' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await upload(s, exported, 'up-000002');
    expect(await s.ok('bundle.open', { uploadId: 'up-000002', opener: { kind: 'passphrase', passphrase: BUNDLE } })).toMatchObject({ incidentId: INC, report: { alreadyOpenAs: INC } });
  });

  it('a changed byte is refused with the reason, and nothing is written', async () => {
    const s = await setup(false);
    const bad = Buffer.from(exported);
    bad[bad.length - 200] = (bad[bad.length - 200] ?? 0) ^ 1;
    await upload(s, bad, 'up-bad-001');
    expect(await s.ok('bundle.inspect', { uploadId: 'up-bad-001' })).toMatchObject({ intact: false, problemCode: 'tampered' });
    const r = await s.call('bundle.open', { uploadId: 'up-bad-001', opener: { kind: 'passphrase', passphrase: BUNDLE } });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/encrypted contents were modified/) } });
    expect(s.store.listIncidents()).toEqual([]);
    expect(s.store.stats().events).toBe(0);
  });
});
