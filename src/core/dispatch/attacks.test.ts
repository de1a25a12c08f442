/**
 * Attacks on the dispatcher that must fail, each with nothing sent: the loopback target records
 * every request it receives, and each refusal is checked to have left it empty.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Approval } from '../auth/approval';
import { canonicalJson } from '../auth/canonical-json';
import { startReplay, type ReplayServer } from '../connectors/kubernetes/replay-server';
import { validateRunbook } from '../runbooks';
import { breakerResetAction, resetBreaker } from './breaker';
import { runDiagnostics } from './diagnostics';
import { dispatch } from './dispatch';
import { observationReport, recordHumanAction } from './observe';
import { preparePlan, type Plan } from './plan';
import { openDispatchState } from './state';
import { harness, journalText, testPolicy, type Harness } from './testing/harness';
import { startK8sContract } from './testing/k8s-contract';

const TOKEN = 'flg_live_attack_3e4f5a';
let server: ReplayServer;
let h: Harness;

const flags = () => ({
  kind: 'webhook',
  name: 'flags',
  base_url: server.url,
  method: 'PATCH',
  path: '/flags/{{ params.flag_key }}',
  auth: { header: 'Authorization', prefix: 'Bearer ', secret: 'flags-token' },
  body: { enabled: '{{ params.enabled }}' },
});
const gateway = () => ({ kind: 'webhook', name: 'llm-gateway', base_url: server.url, method: 'PUT', path: '/routes/{{ params.route }}', auth: null, body: { provider: '{{ params.to_provider }}' } });

function plan(id: string, params: unknown, target: unknown): Plan {
  const p = preparePlan(id, params, target, h.t.clock.now());
  if (!p.ok) throw new Error(p.message);
  return p.plan;
}
const killSwitch = (tool = 'send_email', target: unknown = flags()) => plan('webhook.tool_kill_switch', { flag_key: `agent-tool-${tool}`, tool, enabled: false }, target);
const failover = () => plan('webhook.provider_failover', { route: 'support', from_provider: 'openai', to_provider: 'fallback' }, gateway());

beforeAll(async () => {
  server = await startReplay(() => ({ body: { ok: true } }));
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  h = await harness({ secrets: { 'flags-token': TOKEN } });
  server.seen.length = 0;
});
afterEach(() => {
  h.close();
});

const refused = (reason: string) => expect.objectContaining({ status: 'refused', reason });

describe('dispatch attacks that must fail (nothing reaches the target)', () => {
  it('no approval', async () => {
    expect(await dispatch(killSwitch(), [], h.ctx())).toEqual(refused('no_approval'));
    expect(server.seen).toEqual([]);
    expect(h.journal.list().map((e) => (e.payload as { detail: { reason: string } }).detail.reason)).toEqual(['no_approval']);
  });

  it('a forged signature: an attacker key with the approver named, or one flipped byte', async () => {
    const p = killSwitch();
    const good = await h.approve('ana', p);
    const mallory = generateKeyPairSync('ed25519');
    const msg = canonicalJson({ domain: 'sitrep-approval-v1', kind: 'approval', approvalId: good.approvalId, operatorId: good.operator.id, hash: good.hash, signedAt: good.signedAt, expiresAt: good.expiresAt, nonce: good.nonce, reason: null });
    const forged: Approval = { ...good, publicKey: mallory.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), signature: sign(null, Buffer.from(msg), mallory.privateKey).toString('base64') };
    const flipped = Buffer.from(good.signature, 'base64');
    flipped[5] = (flipped[5] ?? 0) ^ 0x40;
    expect(await dispatch(p, [forged], h.ctx())).toEqual(refused('bad_signature'));
    expect(await dispatch(p, [{ ...good, signature: flipped.toString('base64') }], h.ctx())).toEqual(refused('bad_signature'));
    expect(await dispatch(p, [{ hello: 'world' }], h.ctx())).toEqual(refused('malformed'));
    expect(server.seen).toEqual([]);
  });

  it('a replayed approval, also after the state file is reopened (as after a restart)', async () => {
    const p = killSwitch();
    const a = await h.approve('ana', p);
    expect(await dispatch(p, [a], h.ctx())).toMatchObject({ status: 'unverified' });
    expect(server.seen).toHaveLength(1);
    expect(await dispatch(p, [a], h.ctx())).toEqual(refused('replayed'));
    const reopened = openDispatchState(join(h.dir, 'dispatch.db'));
    try {
      expect(await dispatch(p, [a], h.ctx({ state: reopened }))).toEqual(refused('replayed'));
    } finally {
      reopened.close();
    }
    expect(server.seen).toHaveLength(1);
  });

  it('an expired approval, and one whose expiry was stretched after signing', async () => {
    const p = killSwitch();
    const a = await h.approve('ana', p, 60_000);
    expect(a.expiresAt - a.signedAt).toBeLessThanOrEqual(15 * 60_000);
    const late = h.ctx({ now: () => a.expiresAt + 1 });
    expect(await dispatch(p, [a], late)).toEqual(refused('expired'));
    expect(await dispatch(p, [{ ...a, expiresAt: a.expiresAt + 3_600_000 }], h.ctx())).toEqual(refused('action_mismatch'));
    expect(server.seen).toEqual([]);
  });

  it('an approval of another action, another target, changed params, or a plan edited after rendering', async () => {
    const p = killSwitch('send_email');
    const a = await h.approve('ana', p);
    const otherAction = plan('webhook.rate_limit', { scope: 'agent', requests_per_minute: 60, current_requests_per_minute: 120 }, { ...flags(), path: '/limits', body: { rpm: '{{ params.requests_per_minute }}' } });
    expect(await dispatch(otherAction, [a], h.ctx())).toEqual(refused('action_mismatch'));
    expect(await dispatch(killSwitch('send_email', { ...flags(), name: 'flags-eu' }), [a], h.ctx())).toEqual(refused('action_mismatch'));
    expect(await dispatch(killSwitch('delete_account'), [a], h.ctx())).toEqual(refused('action_mismatch'));
    const edited = { ...p, requests: [{ ...p.requests[0], url: `${server.url}/flags/everything` }] };
    expect(await dispatch(edited, [a], h.ctx())).toEqual(refused('plan_mismatch'));
    const smuggled = { ...p, requests: [...p.requests, { ...p.requests[0], method: 'PUT' }] };
    expect(await dispatch(smuggled, [a], h.ctx())).toEqual(refused('plan_mismatch'));
    expect(server.seen).toEqual([]);
    // The untouched approval still works for exactly what it approved.
    expect(await dispatch(p, [a], h.ctx())).toMatchObject({ status: 'unverified' });
    expect(server.seen).toHaveLength(1);
  });

  it('a two-person action: one approval, the same operator twice, a viewer as second; then two distinct approvers pass', async () => {
    const p = failover();
    const a1 = await h.approve('ana', p);
    const a2 = await h.approve('ana', p);
    expect(await dispatch(p, [a1], h.ctx())).toEqual(refused('two_person_required'));
    expect(await dispatch(p, [a1, a2], h.ctx())).toEqual(refused('same_operator'));
    expect(await dispatch(p, [a1, a1], h.ctx())).toEqual(refused('duplicate_approval'));
    expect(await dispatch(p, [a1, { ...a2, operator: { id: h.op('vic').id, name: 'vic' } }], h.ctx())).toEqual(refused('not_permitted'));
    expect(server.seen).toEqual([]);
    const b = await h.approve('ben', p);
    expect(await dispatch(p, [a1, b], h.ctx())).toMatchObject({ status: 'unverified' });
    expect(server.seen).toHaveLength(1);
  });

  it('break-glass: one commander with a written reason, flagged in the journal; refused when the policy forbids it', async () => {
    const p = failover();
    const bg = await h.breakGlass('cleo', p, 'Both approvers unreachable during a provider outage');
    expect(await dispatch(p, [bg], h.ctx({ policy: testPolicy({ break_glass: { allowed: false } }) }))).toEqual(refused('break_glass_refused'));
    expect(server.seen).toEqual([]);
    const out = await dispatch(p, [bg], h.ctx());
    expect(out).toMatchObject({ status: 'unverified', breakGlass: true });
    const entry = h.journal.list({ kind: 'break_glass' })[0];
    expect(entry?.payload).toMatchObject({ actionId: 'webhook.provider_failover', reason: 'Both approvers unreachable during a provider outage' });
    expect(h.journal.list({ kind: 'dispatching' })[0]?.payload).toMatchObject({ detail: { breakGlass: true } });
  });

  it('the circuit breaker: more than N dispatches in the window halts ALL dispatching until a signed, journaled reset', async () => {
    const ctx = h.ctx({ policy: testPolicy({ circuit_breaker: { max_actions: 2, window: '10m' } }) });
    for (const tool of ['a', 'b']) {
      const p = killSwitch(tool);
      expect(await dispatch(p, [await h.approve('ana', p)], ctx)).toMatchObject({ status: 'unverified' });
    }
    const third = killSwitch('c');
    expect(await dispatch(third, [await h.approve('ana', third)], ctx)).toEqual(refused('breaker_tripped'));
    const other = failover();
    expect(await dispatch(other, [await h.approve('ana', other), await h.approve('ben', other)], ctx)).toEqual(refused('breaker_open'));
    expect(server.seen).toHaveLength(2);
    expect(h.state.breaker()).toMatchObject({ open: true });

    // A reset needs a signed approval of THIS reset, with a reason; a viewer or a forged one does not reset.
    const reason = 'Checked the three dispatches: all intended, incident inc-42';
    const resetAction = breakerResetAction(h.state, reason);
    if (resetAction === null) throw new Error('breaker should be open');
    const signedForOtherReason = await h.approve('ben', breakerResetAction(h.state, 'some other reason entirely') ?? resetAction);
    expect(resetBreaker(signedForOtherReason, reason, ctx)).toMatchObject({ ok: false, reason: 'approval_refused' });
    expect(resetBreaker(await h.approve('ben', resetAction), 'short', ctx)).toMatchObject({ ok: false, reason: 'reason_required' });
    expect(resetBreaker(await h.approve('ben', resetAction), reason, ctx)).toEqual({ ok: true });
    expect(h.state.breaker()).toMatchObject({ open: false });
    const decision = h.journal.list({ kind: 'decision' });
    expect(decision).toHaveLength(1);
    expect(decision[0]?.actor).toBe('ben');
    expect(decision[0]?.payload).toMatchObject({ text: `Circuit breaker reset by ben: ${reason}`, detail: { type: 'breaker_reset' } });
    expect(h.journal.list({ kind: 'note' }).some((e) => (e.payload as { detail?: { type?: string } }).detail?.type === 'breaker_opened')).toBe(true);
  });

  it('the rate limit of one action', async () => {
    const ctx = h.ctx({ policy: testPolicy({ rate_limit: { max_actions: 1, window: '10m' } }) });
    const p1 = killSwitch('a');
    expect(await dispatch(p1, [await h.approve('ana', p1)], ctx)).toMatchObject({ status: 'unverified' });
    const p2 = killSwitch('b');
    expect(await dispatch(p2, [await h.approve('ana', p2)], ctx)).toEqual(refused('rate_limited'));
    expect(server.seen).toHaveLength(1);
  });

  it('an action outside the catalogue, from a plan, a runbook or a diagnostic step', async () => {
    const p = killSwitch();
    const a = await h.approve('ana', p);
    for (const actionId of ['shell.exec', 'k8s.delete', '__proto__', 'K8S.SCALE']) {
      expect(await dispatch({ ...p, actionId }, [a], h.ctx())).toEqual(refused('not_in_catalogue'));
    }
    expect(await dispatch('rm -rf /', [a], h.ctx())).toEqual(refused('invalid_plan'));
    const rb = {
      id: 'model-invented',
      title: 'A model proposed this',
      description: 'Steps a model wrote, naming things outside the catalogue.',
      category: 'infrastructure',
      severity: 'sev2',
      trigger: { alerts: [{ name: 'X' }] },
      steps: [
        { id: 'look', name: 'Look', action: 'diagnose', uses: 'k8s.scale', params: {}, timeout: '30s', expected: 'x' },
        { id: 'fix', name: 'Fix', action: 'mitigate', uses: 'kubectl.exec', params: {}, requires_approval: true, timeout: '30s', expected: 'x' },
      ],
    };
    const v = validateRunbook(rb);
    expect(v.ok).toBe(false);
    expect(v.ok ? [] : v.issues.map((i) => i.message).join('\n')).toMatch(/not in the action catalogue/);
    // Even if such a runbook got past validation, its diagnostic step would not run the action.
    const evidence = await runDiagnostics(rb as never, { runners: {}, window: { from: 0, to: 60_000 }, vars: {} });
    expect(evidence).toMatchObject([{ stepId: 'look', status: 'error', error: expect.stringMatching(/is an action, not a read-only query/) }]);
    expect(server.seen).toEqual([]);
  });

  it('the policy refuses an action above its hard blast-radius limit, whoever approves', async () => {
    const api = await startK8sContract({ token: 'k', deployments: [], nodes: [] });
    try {
      const p = plan('k8s.scale', { namespace: 'batch', kind: 'deployment', name: 'embed', add_replicas: 12, current_replicas: 10, replicas: 22 }, { kind: 'k8s', name: 'c', api_server: api.url, token_secret: 'k' });
      const out = await dispatch(p, [await h.approve('ana', p), await h.approve('ben', p)], h.ctx());
      expect(out).toEqual(refused('policy_refused'));
      expect(out.status === 'refused' ? out.message : '').toMatch(/12 replicas changed at once \(limit 10\)/);
      expect(api.seen).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('a precondition that changed since approval (live state read just before sending)', async () => {
    const deployment = { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'embed', namespace: 'batch', annotations: { 'deployment.kubernetes.io/revision': '4' } }, spec: { replicas: 5, template: { spec: { containers: [{ name: 'a', image: 'b' }] } } }, status: { replicas: 5, readyReplicas: 5 } };
    const api = await startK8sContract({ token: 'k8s-token-abcdef', deployments: [deployment], nodes: [] });
    try {
      const ctx = h.ctx({ secrets: (n) => (n === 'k' ? 'k8s-token-abcdef' : undefined) });
      const p = plan('k8s.scale', { namespace: 'batch', kind: 'deployment', name: 'embed', add_replicas: 1, current_replicas: 4, replicas: 5 }, { kind: 'k8s', name: 'c', api_server: api.url, token_secret: 'k' });
      const a = await h.approve('ana', p);
      expect(await dispatch(p, [a], ctx)).toEqual(refused('precondition_changed'));
      expect(api.seen.map((s) => s.method)).toEqual(['GET']);
      // A refused precondition does not consume the approval (it can never pass for this plan anyway).
      expect(h.state.used([{ approvalId: a.approvalId, nonce: a.nonce }]).size).toBe(0);
    } finally {
      await api.close();
    }
  });

  it('observation mode never sends: it journals what it would have done, measured against what humans did', async () => {
    const ctx = h.ctx({ policy: testPolicy({ mode: 'observe' }) });
    const p = killSwitch();
    const out = await dispatch(p, [await h.approve('ana', p)], ctx);
    expect(out).toMatchObject({ status: 'observed', actionId: 'webhook.tool_kill_switch' });
    expect(await dispatch(failover(), [], ctx)).toMatchObject({ status: 'observed' });
    expect(server.seen).toEqual([]);
    expect(h.state.countSince(0)).toBe(0);
    recordHumanAction(h.journal, { actor: 'ben', actionId: 'webhook.tool_kill_switch', params: { flag_key: 'agent-tool-send_email', tool: 'send_email', enabled: false }, target: flags() });
    recordHumanAction(h.journal, { actor: 'ben', actionId: 'k8s.rollout_restart', params: { namespace: 'payments', kind: 'deployment', name: 'checkout' }, target: { name: 'prod' } });
    expect(observationReport(h.journal)).toEqual({ wouldHaveDone: 2, doneByHand: 2, matched: 1, precision: 0.5, recall: 0.5 });
    expect(journalText(h.journal)).not.toContain(TOKEN);
  });
});
