import { generateKeyPairSync, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalRequestHash, type PendingAction } from './action';
import { canonicalJson } from './canonical-json';
import { AuthError } from './errors';
import { signApproval, signBreakGlass, verifyApproval, verifyBreakGlass, verifyTwoPerson, type Approval, type VerifyContext } from './approval';
import type { OperatorPublic } from './operators-doc';
import { issueStepUpGrant } from './step-up';
import { testOperators, type TestOperators } from './testing';

const ACTION: PendingAction = {
  actionId: 'k8s.scale',
  request: {
    method: 'PATCH',
    url: 'https://k8s.example/apis/apps/v1/namespaces/llm/deployments/gateway/scale',
    headers: { 'Content-Type': 'application/merge-patch+json', Authorization: 'Bearer secret-token' },
    body: { spec: { replicas: 6 } },
  },
  target: { cluster: 'prod-eu', namespace: 'llm', deployment: 'gateway' },
  preconditions: [{ path: 'spec.replicas', equals: 4 }],
};
const OTHER: PendingAction = { ...ACTION, request: { ...ACTION.request, body: { spec: { replicas: 60 } } } };

let t: TestOperators;
const op = (name: string): OperatorPublic => {
  const o = t.store.get(name);
  if (!o) throw new Error(`no operator ${name}`);
  return o;
};

async function approve(name: string, action: PendingAction = ACTION, ttlMs?: number): Promise<Approval> {
  const o = t.ops.get(name);
  if (!o) throw new Error(`no operator ${name}`);
  const v = await t.store.verifyCredentials(name, o.password, t.code(name));
  const grant = issueStepUpGrant(v.operator.id, 'session', v.signingKey, t.clock.now());
  return signApproval(op(name), grant, action, { now: t.clock.now(), ...(ttlMs !== undefined ? { ttlMs } : {}) });
}

const ctx = (extra: Partial<VerifyContext> = {}): VerifyContext => ({ now: t.clock.now(), operators: t.store.registry(), usedNonces: new Set(), ...extra });

beforeAll(async () => {
  t = await testOperators([
    ['ana', ['approver']],
    ['ben', ['approver']],
    ['cleo', ['commander']],
    ['vic', ['viewer']],
    ['dan', ['approver']],
  ]);
});

describe('canonicalRequestHash', () => {
  it('is stable under key order and header-name case, ignores secret headers, and changes with anything else', () => {
    const bound = { expiresAt: 1, nonce: 'n'.repeat(16) };
    const h = canonicalRequestHash({ ...ACTION, ...bound });
    const reordered: PendingAction = {
      preconditions: ACTION.preconditions,
      target: { deployment: 'gateway', namespace: 'llm', cluster: 'prod-eu' },
      request: { body: { spec: { replicas: 6 } }, headers: { 'content-type': 'application/merge-patch+json', authorization: 'Bearer other' }, url: ACTION.request.url, method: 'PATCH' },
      actionId: 'k8s.scale',
    };
    expect(canonicalRequestHash({ ...reordered, ...bound })).toBe(h);
    expect(canonicalRequestHash({ ...OTHER, ...bound })).not.toBe(h);
    expect(canonicalRequestHash({ ...ACTION, ...bound, expiresAt: 2 })).not.toBe(h);
    expect(canonicalRequestHash({ ...ACTION, ...bound, nonce: 'm'.repeat(16) })).not.toBe(h);
    expect(canonicalRequestHash({ ...ACTION, ...bound, preconditions: [] })).not.toBe(h);
    expect(canonicalRequestHash({ ...ACTION, ...bound, target: { ...ACTION.target as object, namespace: 'x' } })).not.toBe(h);
  });
});

describe('approvals: what must pass, and every attack failing with its own reason', () => {
  it('accepts an approval of the exact action before it expires', async () => {
    const a = await approve('ana');
    expect(a.expiresAt - a.signedAt).toBe(15 * 60_000);
    expect(a).not.toHaveProperty('request');
    expect(JSON.stringify(a)).not.toContain('secret-token');
    const r = verifyApproval(a, ACTION, ctx());
    expect(r).toMatchObject({ ok: true, operatorId: op('ana').id, nonce: a.nonce });
  });

  it('refuses each attack with a distinct reason', async () => {
    const good = await approve('ana');
    const expiring = await approve('ben', ACTION, 60_000);
    const fromDan = await approve('dan');
    t.store.disable('dan');

    // Forged: a signature by a key that is not ana's, with that key carried in the approval.
    const mallory = generateKeyPairSync('ed25519');
    const forgedMsg = Buffer.from(
      canonicalJson({ domain: 'sitrep-approval-v1', kind: 'approval', approvalId: good.approvalId, operatorId: good.operator.id, hash: good.hash, signedAt: good.signedAt, expiresAt: good.expiresAt, nonce: good.nonce, reason: null }),
    );
    const forged: Approval = {
      ...good,
      publicKey: mallory.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      signature: sign(null, forgedMsg, mallory.privateKey).toString('base64'),
    };
    const flipped = Buffer.from(good.signature, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    // Extending the expiry after signing.
    const stretched: Approval = { ...good, expiresAt: good.expiresAt + 60_000 };
    const viewerApproval: Approval = { ...good, operator: { id: op('vic').id, name: 'vic' } };

    const table: [string, unknown, PendingAction, VerifyContext, string][] = [
      ['forged signature (attacker key carried in the approval)', forged, ACTION, ctx(), 'bad_signature'],
      ['flipped signature byte', { ...good, signature: flipped.toString('base64') }, ACTION, ctx(), 'bad_signature'],
      ['expiry changed after signing', stretched, ACTION, ctx(), 'action_mismatch'],
      ["another action's approval", good, OTHER, ctx(), 'action_mismatch'],
      ['expired', expiring, ACTION, ctx({ now: expiring.expiresAt }), 'expired'],
      ['replayed nonce', good, ACTION, ctx({ usedNonces: new Set([good.nonce]) }), 'replayed'],
      ['disabled operator', fromDan, ACTION, ctx(), 'operator_disabled'],
      ['unknown operator', { ...good, operator: { id: 'nobody', name: 'x' } }, ACTION, ctx(), 'unknown_operator'],
      ['viewer cannot approve', viewerApproval, ACTION, ctx(), 'not_permitted'],
      ['break-glass record offered as an approval', { ...good, kind: 'break_glass' }, ACTION, ctx(), 'wrong_kind'],
      ['not an approval at all', { hello: 'world' }, ACTION, ctx(), 'malformed'],
    ];
    for (const [what, approval, action, c, reason] of table) {
      const r = verifyApproval(approval, action, c);
      expect({ what, reason: r.ok ? 'ok' : r.reason }).toEqual({ what, reason });
    }
  });

  it('refuses a signed record whose validity is longer than 15 minutes, or that is signed in the future', async () => {
    const a = await approve('ana', ACTION, 60 * 60_000);
    expect(a.expiresAt - a.signedAt).toBe(15 * 60_000);
    expect(verifyApproval(a, ACTION, ctx({ now: a.signedAt - 60_000 }))).toMatchObject({ ok: false, reason: 'not_yet_valid' });
  });

  it('refuses to sign for a viewer, with a spent grant, or with another operator\'s grant', async () => {
    const vic = t.ops.get('vic');
    const ana = t.ops.get('ana');
    if (!vic || !ana) throw new Error('setup');
    const v = await t.store.verifyCredentials('vic', vic.password, t.code('vic'));
    const g = issueStepUpGrant(v.operator.id, 's', v.signingKey, t.clock.now());
    expect(() => signApproval(op('vic'), g, ACTION, { now: t.clock.now() })).toThrow(/may not approve/);
    const a = await t.store.verifyCredentials('ana', ana.password, t.code('ana'));
    const ga = issueStepUpGrant(a.operator.id, 's', a.signingKey, t.clock.now());
    expect(() => signApproval(op('ben'), ga, ACTION, { now: t.clock.now() })).toThrow(AuthError);
    signApproval(op('ana'), ga, ACTION, { now: t.clock.now() });
    expect(() => signApproval(op('ana'), ga, ACTION, { now: t.clock.now() })).toThrow(/already used/);
  });
});

describe('two-person rule', () => {
  it('passes with two distinct enabled approvers, and fails for one, the same operator twice, or the same approval twice', async () => {
    const a1 = await approve('ana');
    const a2 = await approve('ana');
    const b = await approve('ben');
    expect(verifyTwoPerson([a1, b], ACTION, ctx())).toMatchObject({ ok: true });
    expect(verifyTwoPerson([a1], ACTION, ctx())).toMatchObject({ ok: false, reason: 'too_few_approvals' });
    expect(verifyTwoPerson([a1, a2], ACTION, ctx())).toMatchObject({ ok: false, reason: 'same_operator' });
    expect(verifyTwoPerson([a1, a1], ACTION, ctx())).toMatchObject({ ok: false, reason: 'replayed', index: 1 });
    const bOther = await approve('ben', OTHER);
    expect(verifyTwoPerson([a1, bOther], ACTION, ctx())).toMatchObject({ ok: false, reason: 'action_mismatch', index: 1 });
  });
});

describe('break-glass', () => {
  it('needs a commander and a written reason, which is signed with the record', async () => {
    const cleo = t.ops.get('cleo');
    if (!cleo) throw new Error('setup');
    const grant = async () => {
      const v = await t.store.verifyCredentials('cleo', cleo.password, t.code('cleo'));
      return issueStepUpGrant(v.operator.id, 's', v.signingKey, t.clock.now());
    };
    expect(() => signBreakGlass(op('cleo'), issueStepUpGrant(op('cleo').id, 's', generateKeyPairSync('ed25519').privateKey, t.clock.now()), ACTION, '  ', { now: t.clock.now() })).toThrow(
      /written reason/,
    );
    const rec = signBreakGlass(op('cleo'), await grant(), ACTION, 'Provider outage, approvers unreachable for 20 min', { now: t.clock.now() });
    expect(verifyBreakGlass(rec, ACTION, ctx())).toMatchObject({ ok: true });
    expect(verifyBreakGlass({ ...rec, reason: 'something else entirely' }, ACTION, ctx())).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyBreakGlass({ ...rec, reason: undefined }, ACTION, ctx())).toMatchObject({ ok: false, reason: 'reason_required' });
    expect(verifyApproval(rec, ACTION, ctx())).toMatchObject({ ok: false, reason: 'wrong_kind' });
    const byApprover = await approve('ben');
    expect(verifyBreakGlass({ ...byApprover, kind: 'break_glass', reason: 'I really want to do this' }, ACTION, ctx())).toMatchObject({ ok: false, reason: 'not_permitted' });
  });
});
