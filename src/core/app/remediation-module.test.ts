/**
 * Attacks on remediation through the contract (the dispatcher a host serves): every channel is
 * called exactly as the renderer would, with a loopback server standing in for the webhook
 * target and recording what it receives. A real dispatch sends exactly the previewed request;
 * every refused one sends nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import { testClock, testOperators, type TestOperators } from '../auth/testing';
import { startReplay, type ReplayServer } from '../connectors/kubernetes/replay-server';
import { createDispatcher } from '../contract/dispatcher';
import type { Handlers, SenderInfo } from '../contract/handlers';
import type { CoreContext } from './context';
import { createFakeStore } from './fake-store';
import { createGovernanceModule, type GovernanceModule } from './governance-module';
import { createRemediationModule, PLAN_TTL_MS } from './remediation-module';

const operator: SenderInfo = { host: 'test', role: 'operator' };
const viewer: SenderInfo = { host: 'test', role: 'viewer' };
const PASSPHRASE = 'journal passphrase for tests';
const FLAGS_TOKEN = 'flg_live_5b1e77c0d2';

const ENFORCE = `version: 1
mode: enforce
default_tier: tier-2
services:
  - name: llm-gateway
    tier: tier-1
    match: { targets: [llm-gateway] }
two_person: { tiers: [tier-1], risks: [high] }
blast_radius: { limits: { max_targets: 5 }, two_person_above: { max_targets: 5 } }
rate_limit: { max_actions: 20, window: 10m }
circuit_breaker: { max_actions: 20, window: 10m }
verification: { timeout: 2s, interval: 100ms }
`;

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplay((req) => (req.path.startsWith('/api/') ? { status: 200, body: { ok: true } } : undefined));
});
afterAll(async () => {
  await server.close();
});

interface Setup {
  dir: string;
  ops: TestOperators;
  gov: GovernanceModule;
  call(channel: string, input?: unknown, sender?: SenderInfo): Promise<Envelope<unknown>>;
  ok(channel: string, input?: unknown, sender?: SenderInfo): Promise<Record<string, unknown>>;
  close(): void;
}
const open: Setup[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function setup(policy: string | null = ENFORCE): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-rem-'));
  if (policy !== null) writeFileSync(join(dir, 'policy.yaml'), policy);
  const clock = testClock(Date.UTC(2026, 2, 14, 3, 0));
  const ops = await testOperators(
    [
      ['ana', ['commander']],
      ['ben', ['approver']],
      ['vic', ['viewer']],
    ],
    dir,
    clock,
  );
  const ctx: CoreContext = { store: createFakeStore(), host: 'test', version: 't', readOnly: false, dataDir: dir, emit: () => undefined, log: () => undefined };
  const gov = createGovernanceModule(ctx, { operators: ops.store, config: { idleMs: 3_600_000, oidc: null }, now: clock.now });
  ctx.journal = gov.journal;
  ctx.auth = gov.auth;
  const rem = createRemediationModule(ctx, { now: clock.now, secrets: (n) => (n === 'flags-token' ? FLAGS_TOKEN : undefined), timeoutMs: 5_000, runbooksDir: null });
  const dispatch = createDispatcher({ ...gov.handlers, ...rem.handlers } as unknown as Handlers, { log: () => undefined });
  const call = (channel: string, input: unknown = {}, sender: SenderInfo = operator) => dispatch(channel, input, sender);
  const ok = async (channel: string, input: unknown = {}, sender: SenderInfo = operator) => {
    const env = await call(channel, input, sender);
    if (!env.ok) throw new Error(`${channel}: ${env.error.code}: ${env.error.message}`);
    return env.value as Record<string, unknown>;
  };
  const s: Setup = {
    dir,
    ops,
    gov,
    call,
    ok,
    close: () => {
      rem.close?.();
      gov.close?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.push(s);
  await ok('journal.unlock', { passphrase: PASSPHRASE });
  return s;
}

const pw = (s: Setup, name: string) => s.ops.ops.get(name)?.password ?? '';
const signIn = (s: Setup, name: string) => s.ok('auth.signIn', { username: name, password: pw(s, name), code: s.ops.code(name) });
async function stepUp(s: Setup, name: string): Promise<string> {
  const g = await s.ok('auth.stepUp', { password: pw(s, name), code: s.ops.code(name) });
  return String(g.grantId);
}

const flagsTarget = (name = 'flags') => ({
  kind: 'webhook',
  name,
  base_url: `${server.url}/api`,
  method: 'PATCH',
  path: '/flags/{{ params.flag_key }}',
  auth: { header: 'Authorization', prefix: 'Bearer ', secret: 'flags-token' },
  body: { enabled: '{{ params.enabled }}', reason: 'kill switch for {{ params.tool }}' },
});
const killSwitch = (flag: string, target = flagsTarget()) => ({ actionId: 'webhook.tool_kill_switch', params: { flag_key: flag, tool: 'send_email', enabled: false }, target });

async function preview(s: Setup, input = killSwitch('agent-tool-send_email')) {
  return s.ok('remediation.preview', input);
}
const received = (path: string) => server.seen.filter((r) => r.path === path);

describe('remediation through the contract', () => {
  it('dispatches exactly the previewed request after one approval, and the secret never reaches the renderer', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-exact'));
    const req = (p.requests as { method: string; url: string; headers: Record<string, string>; body: string }[])[0];
    expect(req).toMatchObject({ method: 'PATCH', url: `${server.url}/api/flags/flag-exact`, headers: { authorization: 'Bearer ⟦secret:flags-token⟧' } });
    expect(p).toMatchObject({ approvalsNeeded: 1, policy: { mode: 'enforce', source: 'data_folder' }, changes: [{ field: 'flag flag-exact', from: 'on', to: 'off' }] });
    const a = await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') });
    expect(a).toMatchObject({ secondApproverRequired: false, item: { ready: true, approvals: [{ operator: 'ana', kind: 'approval' }] } });
    const out = await s.ok('remediation.dispatch', { planId: p.planId });
    expect(out).toMatchObject({ status: 'unverified', sent: [{ method: 'PATCH', status: 200, ok: true }] });
    const got = received('/api/flags/flag-exact');
    expect(got).toHaveLength(1);
    expect(got[0]?.method).toBe(req?.method);
    expect(`${server.url}${got[0]?.path ?? ''}`).toBe(req?.url);
    expect(got[0]?.body).toBe(req?.body);
    expect(got[0]?.headers.authorization).toBe(`Bearer ${FLAGS_TOKEN}`);
    expect(JSON.stringify([p, a, out])).not.toContain(FLAGS_TOKEN);
    // Dispatched once: the same plan cannot be sent again.
    expect(await s.call('remediation.dispatch', { planId: p.planId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This plan was already dispatched' } });
    expect(received('/api/flags/flag-exact')).toHaveLength(1);
    // The approval was journaled when signed, before anything was sent.
    const entries = (await s.ok('journal.list', { kinds: ['approval', 'dispatching'], limit: 50 })) as { rows: { kind: string; seq: number; payload: string }[] };
    const signed = entries.rows.find((r) => r.kind === 'approval' && (JSON.parse(r.payload) as { detail?: { stage?: string } }).detail?.stage === 'signed');
    const dispatching = entries.rows.find((r) => r.kind === 'dispatching');
    expect(signed).toBeDefined();
    expect(dispatching).toBeDefined();
    expect(signed?.seq ?? Infinity).toBeLessThan(dispatching?.seq ?? -1);
  });

  it('refuses a dispatch without approval, and sends nothing', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-unapproved'));
    const out = await s.ok('remediation.dispatch', { planId: p.planId });
    expect(out).toMatchObject({ status: 'refused', reason: 'no_approval' });
    expect(received('/api/flags/flag-unapproved')).toHaveLength(0);
  });

  it('refuses a viewer on every channel that changes or records anything', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-viewer'));
    for (const [channel, input] of [
      ['remediation.preview', killSwitch('flag-viewer')],
      ['remediation.approve', { planId: p.planId, grantId: 'g-1' }],
      ['remediation.dispatch', { planId: p.planId }],
      ['remediation.diagnose', { incidentId: 'inc-1', runbookId: 'kv-cache-saturation' }],
      ['remediation.observations', {}],
    ] as const) {
      expect(await s.call(channel, input, viewer), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A signed-in operator whose only role is viewer cannot approve or dispatch either.
    await signIn(s, 'vic');
    expect(await s.call('remediation.dispatch', { planId: p.planId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(received('/api/flags/flag-viewer')).toHaveLength(0);
  });

  it('rejects crafted inputs carrying an approval or a signature (strict schemas), and sends nothing', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-crafted'));
    const forged = { v: 1, kind: 'approval', approvalId: 'x', operator: { id: 'ana', name: 'ana' }, publicKey: '', hash: '0'.repeat(64), signedAt: 0, expiresAt: 1, nonce: 'n'.repeat(16), signature: 'AAAA' };
    for (const [channel, input] of [
      ['remediation.dispatch', { planId: p.planId, approvals: [forged] }],
      ['remediation.dispatch', { planId: p.planId, signature: 'AAAA' }],
      ['remediation.approve', { planId: p.planId, grantId: 'g', signature: 'AAAA' }],
      ['remediation.preview', { ...killSwitch('flag-crafted'), approval: forged }],
    ] as const) {
      expect(await s.call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(received('/api/flags/flag-crafted')).toHaveLength(0);
  });

  it('refuses the same operator approving twice a plan that needs two, and dispatches once a second operator approves', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-two', flagsTarget('llm-gateway')));
    expect(p).toMatchObject({ approvalsNeeded: 2, requirements: { twoPerson: true, tier: 'tier-1' } });
    const first = await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') });
    expect(first).toMatchObject({ secondApproverRequired: true, item: { ready: false } });
    expect(await s.call('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('second, different operator') } });
    expect(await s.ok('remediation.dispatch', { planId: p.planId })).toMatchObject({ status: 'refused', reason: 'two_person_required' });
    expect(received('/api/flags/flag-two')).toHaveLength(0);
    expect(await s.ok('remediation.pending')).toMatchObject({ items: [{ planId: p.planId, approvals: [{ operator: 'ana' }], approvalsNeeded: 2, ready: false }] });

    await signIn(s, 'ben');
    const second = await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ben') });
    expect(second).toMatchObject({ secondApproverRequired: false, item: { ready: true } });
    expect(await s.ok('remediation.dispatch', { planId: p.planId })).toMatchObject({ status: 'unverified' });
    expect(received('/api/flags/flag-two')).toHaveLength(1);
  });

  it('refuses an expired plan: the approval lapsed, the dispatcher says so and sends nothing', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-expired'));
    await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') });
    s.ops.clock.advance(PLAN_TTL_MS);
    await signIn(s, 'ana');
    expect(await s.ok('remediation.dispatch', { planId: p.planId })).toMatchObject({ status: 'refused', reason: 'expired' });
    // A lapsed plan can no longer be approved either, and leaves the queue.
    expect(await s.call('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('expired') } });
    expect(await s.ok('remediation.pending')).toMatchObject({ items: [] });
    expect(received('/api/flags/flag-expired')).toHaveLength(0);
  });

  it('refuses an action outside the catalogue at preview, so nothing can be approved or sent', async () => {
    const s = await setup();
    await signIn(s, 'ana');
    const out = await s.call('remediation.preview', { actionId: 'shell.exec', params: { cmd: 'rm -rf /' }, target: flagsTarget() });
    expect(out).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('not an action of the catalogue') } });
    expect(await s.ok('remediation.pending')).toMatchObject({ items: [] });
  });

  it('in observation mode (the shipped default) records what it would do and sends nothing', async () => {
    const s = await setup(null);
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-observe'));
    expect(p).toMatchObject({ policy: { mode: 'observe', source: 'shipped' } });
    await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') });
    await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') }).catch(() => undefined);
    const out = await s.ok('remediation.dispatch', { planId: p.planId });
    expect(out).toMatchObject({ status: 'observed', message: expect.stringContaining('Sitrep only records what it would do') });
    expect(received('/api/flags/flag-observe')).toHaveLength(0);
    expect(await s.ok('remediation.observations')).toMatchObject({ wouldHaveDone: 1, policy: { mode: 'observe' } });
  });

  it('in observation mode, what responders did by hand is recorded beside it and scored', async () => {
    const s = await setup(null);
    await signIn(s, 'ana');
    const p = await preview(s, killSwitch('flag-by-hand'));
    // The responder flips the flag from their own console and says so; then Sitrep's own plan is "dispatched" (observed).
    expect(await s.ok('remediation.recordHuman', { planId: p.planId, note: 'flipped in the flag console' })).toMatchObject({ doneByHand: 1 });
    await s.ok('remediation.approve', { planId: p.planId, grantId: await stepUp(s, 'ana') });
    expect(await s.ok('remediation.dispatch', { planId: p.planId })).toMatchObject({ status: 'observed' });
    const other = await preview(s, killSwitch('flag-not-by-hand'));
    await s.ok('remediation.approve', { planId: other.planId, grantId: await stepUp(s, 'ana') });
    await s.ok('remediation.dispatch', { planId: other.planId });
    expect(received('/api/flags/flag-by-hand')).toHaveLength(0);
    expect(await s.ok('remediation.observations')).toMatchObject({ wouldHaveDone: 2, doneByHand: 1, matched: 1, precision: 0.5, recall: 1 });
  });

  it('an invalid policy.yaml in the data folder stops every dispatch (no fallback to a looser policy)', async () => {
    const s = await setup('version: 1\nmode: yolo\n');
    await signIn(s, 'ana');
    expect(await s.call('remediation.preview', killSwitch('flag-badpolicy'))).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('policy.yaml is invalid') } });
    expect(received('/api/flags/flag-badpolicy')).toHaveLength(0);
  });
});
