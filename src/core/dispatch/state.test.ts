import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalRequestHash } from '../auth/action';
import { SAMPLES } from '../actions/catalogue/testing';
import { checkPlan, pendingActionOf, preparePlan } from './plan';
import { openDispatchState, type CommitInput } from './state';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-dispatch-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const limits = { breaker: { maxActions: 3, windowMs: 600_000 }, rate: { maxActions: 2, windowMs: 600_000 } };
const input = (n: number, at: number, actionId = 'k8s.scale'): CommitInput => ({ dispatchId: `d${n}`, actionId, at, approvals: [{ approvalId: `a${n}`, nonce: `nonce-${n}-0123456789` }], ...limits });

describe('dispatch state: consumed approvals, rate limit and breaker survive a restart', () => {
  it('consumes an approval once, counts dispatches, trips and keeps the breaker open across reopening', () => {
    const path = join(dir, 'state.db');
    let s = openDispatchState(path);
    expect(s.commit(input(1, 1_000))).toEqual({ ok: true });
    expect(s.commit({ ...input(2, 2_000), approvals: [{ approvalId: 'a1', nonce: 'fresh-nonce-0123456789' }] })).toMatchObject({ ok: false, reason: 'replayed' });
    expect(s.commit({ ...input(2, 2_000), approvals: [{ approvalId: 'other', nonce: 'nonce-1-0123456789' }] })).toMatchObject({ ok: false, reason: 'replayed' });
    expect(s.commit(input(2, 2_000))).toEqual({ ok: true });
    expect(s.commit(input(3, 3_000))).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(s.commit(input(3, 3_000, 'k8s.cordon'))).toEqual({ ok: true });
    s.close();
    s = openDispatchState(path);
    expect(s.used([{ approvalId: 'a1', nonce: 'x' }]).has('a1')).toBe(true);
    expect(s.countSince(0)).toBe(3);
    expect(s.commit(input(4, 4_000, 'slack.notify'))).toMatchObject({ ok: false, reason: 'breaker_tripped' });
    s.close();
    s = openDispatchState(path);
    const b = s.breaker();
    expect(b).toMatchObject({ open: true, openedAt: 4_000 });
    expect(s.commit(input(5, 700_000, 'slack.notify'))).toMatchObject({ ok: false, reason: 'breaker_open' });
    expect(s.resetBreaker(3_999, 5_000, 'op')).toBe(false);
    expect(s.resetBreaker(4_000, 5_000, 'op')).toBe(true);
    expect(s.resetBreaker(4_000, 5_000, 'op')).toBe(false);
    expect(s.breaker()).toEqual({ open: false, resetAt: 5_000, resetBy: 'op' });
    // Outside the window the old dispatches no longer count.
    expect(s.commit(input(5, 700_000, 'slack.notify'))).toEqual({ ok: true });
    s.close();
  });
});

describe('plans', () => {
  it('binds every request of a multi-request action (a drain) into what is signed', () => {
    const s = SAMPLES['k8s.drain'];
    const p = preparePlan('k8s.drain', s?.params, s?.target, 1_000);
    if (!p.ok) throw new Error(p.message);
    const a = pendingActionOf(p.plan);
    expect(a.more).toHaveLength(2);
    const bound = { expiresAt: 2_000, nonce: 'n'.repeat(16) };
    const fewer = preparePlan('k8s.drain', { ...(s?.params as object), pods: [{ namespace: 'inference', name: 'vllm-llama-7d9f-abc12' }] }, s?.target, 1_000);
    if (!fewer.ok) throw new Error(fewer.message);
    expect(canonicalRequestHash({ ...pendingActionOf(fewer.plan), ...bound })).not.toBe(canonicalRequestHash({ ...a, ...bound }));
    // Single-request actions hash as before (no `more`).
    const one = preparePlan('k8s.cordon', { node: 'n1' }, SAMPLES['k8s.cordon']?.target, 1_000);
    expect(one.ok && pendingActionOf(one.plan).more).toBeUndefined();
  });

  it('checkPlan accepts a plan that went through JSON and refuses an edited or unknown one', () => {
    const s = SAMPLES['alertmanager.silence'];
    const p = preparePlan('alertmanager.silence', s?.params, s?.target, 1_000);
    if (!p.ok) throw new Error(p.message);
    const wire = JSON.parse(JSON.stringify(p.plan)) as typeof p.plan;
    expect(checkPlan(wire)).toMatchObject({ ok: true });
    expect(checkPlan({ ...wire, renderedAt: 2_000 })).toMatchObject({ ok: false, reason: 'plan_mismatch' });
    expect(checkPlan({ ...wire, verification: [] })).toMatchObject({ ok: false, reason: 'plan_mismatch' });
    expect(checkPlan({ ...wire, actionId: 'exec' })).toMatchObject({ ok: false, reason: 'not_in_catalogue' });
    expect(checkPlan({ ...wire, params: { ...(wire.params as object), duration_minutes: 10_000 } })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(checkPlan(null)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
