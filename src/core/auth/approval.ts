/**
 * Signed approvals: an operator's Ed25519 signature over the hash of the exact action, with an
 * expiry of at most 15 minutes and a nonce. Verification is pure and trusts nothing in the
 * approval but the signature: the key is the operator's REGISTERED public key, the hash is
 * recomputed from the action about to be dispatched, and the caller says which nonces are used.
 * Break-glass is the same record with kind `break_glass` and a written reason, signed too.
 */
import { randomBytes, randomUUID, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { canonicalRequestHash, PendingAction } from './action';
import { AuthError } from './errors';
import type { OperatorPublic, Role } from './operators-doc';
import type { OperatorRegistry } from './operators';
import { publicKeyObject } from './signing-key';
import type { StepUpGrant } from './step-up';

export const MAX_APPROVAL_TTL_MS = 15 * 60_000;
/** Clock difference tolerated between the signing and the verifying side. */
export const CLOCK_SKEW_MS = 30_000;
export const MIN_REASON = 10;

const APPROVER_ROLES: readonly Role[] = ['commander', 'approver'];
const BREAK_GLASS_ROLES: readonly Role[] = ['commander'];

export const Approval = z
  .object({
    v: z.literal(1),
    kind: z.enum(['approval', 'break_glass']),
    approvalId: z.string().min(1).max(64),
    operator: z.object({ id: z.string().min(1).max(64), name: z.string().max(64) }).strict(),
    /** Informational only: verification uses the registered key. */
    publicKey: z.string().max(200),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    signedAt: z.number().int(),
    expiresAt: z.number().int(),
    nonce: z.string().min(16).max(64),
    reason: z.string().max(4000).optional(),
    signature: z.string().max(200),
  })
  .strict();
export type Approval = z.infer<typeof Approval>;

export type ApprovalFailure =
  | 'malformed'
  | 'wrong_kind'
  | 'unknown_operator'
  | 'operator_disabled'
  | 'not_permitted'
  | 'action_mismatch'
  | 'bad_signature'
  | 'not_yet_valid'
  | 'expiry_too_long'
  | 'expired'
  | 'replayed'
  | 'reason_required';

export type ApprovalCheck =
  | { ok: true; approvalId: string; operatorId: string; nonce: string; expiresAt: number }
  | { ok: false; reason: ApprovalFailure; message: string };

export interface VerifyContext {
  now: number;
  operators: OperatorRegistry;
  /** Nonces of approvals already consumed by a dispatch. */
  usedNonces: ReadonlySet<string>;
}

function signedMessage(a: Omit<Approval, 'signature' | 'publicKey' | 'operator'> & { operatorId: string }): Buffer {
  return Buffer.from(
    canonicalJson({
      domain: 'sitrep-approval-v1',
      kind: a.kind,
      approvalId: a.approvalId,
      operatorId: a.operatorId,
      hash: a.hash,
      signedAt: a.signedAt,
      expiresAt: a.expiresAt,
      nonce: a.nonce,
      reason: a.reason ?? null,
    }),
  );
}

export interface SignOptions {
  now: number;
  /** Lifetime of the approval; at most 15 minutes (the default). */
  ttlMs?: number;
}

function signRecord(
  operator: OperatorPublic,
  grant: StepUpGrant,
  action: PendingAction,
  kind: Approval['kind'],
  reason: string | undefined,
  opts: SignOptions,
): Approval {
  if (grant.operatorId !== operator.id) throw new AuthError('wrong_operator', 'This confirmation belongs to another operator');
  if (operator.disabled) throw new AuthError('disabled', `The operator "${operator.name}" is disabled`);
  const allowed = kind === 'approval' ? APPROVER_ROLES : BREAK_GLASS_ROLES;
  if (!operator.roles.some((r) => allowed.includes(r))) {
    throw new AuthError('not_permitted', `${operator.name} may not ${kind === 'approval' ? 'approve actions' : 'break glass'} (roles: ${operator.roles.join(', ')})`);
  }
  const parsed = PendingAction.parse(action);
  const ttl = Math.min(opts.ttlMs ?? MAX_APPROVAL_TTL_MS, MAX_APPROVAL_TTL_MS);
  if (!(ttl > 0)) throw new RangeError('ttlMs must be positive');
  const key = grant.takeKey(opts.now);
  const base = {
    v: 1 as const,
    kind,
    approvalId: randomUUID(),
    hash: '',
    signedAt: opts.now,
    expiresAt: opts.now + ttl,
    nonce: randomBytes(16).toString('base64url'),
    ...(reason !== undefined ? { reason } : {}),
  };
  base.hash = canonicalRequestHash({ ...parsed, expiresAt: base.expiresAt, nonce: base.nonce });
  const signature = sign(null, signedMessage({ ...base, operatorId: operator.id }), key).toString('base64');
  return { ...base, operator: { id: operator.id, name: operator.name }, publicKey: operator.publicKey, signature };
}

/** Signs an approval of exactly `action`, consuming the step-up grant. */
export function signApproval(operator: OperatorPublic, grant: StepUpGrant, action: PendingAction, opts: SignOptions): Approval {
  return signRecord(operator, grant, action, 'approval', undefined, opts);
}

/** Break-glass: one commander acts alone, with a written reason that is signed with the record. */
export function signBreakGlass(operator: OperatorPublic, grant: StepUpGrant, action: PendingAction, reason: string, opts: SignOptions): Approval {
  const r = reason.trim();
  if (r.length < MIN_REASON) throw new AuthError('reason_required', `Break-glass needs a written reason of at least ${MIN_REASON} characters`);
  return signRecord(operator, grant, action, 'break_glass', r, opts);
}

const fail = (reason: ApprovalFailure, message: string): ApprovalCheck => ({ ok: false, reason, message });

function signatureValid(a: Approval, op: OperatorPublic): boolean {
  try {
    return verify(null, signedMessage({ ...a, operatorId: op.id }), publicKeyObject(op.publicKey), Buffer.from(a.signature, 'base64'));
  } catch {
    return false;
  }
}

function verifyRecord(raw: unknown, action: PendingAction, ctx: VerifyContext, kind: Approval['kind']): ApprovalCheck {
  const parsed = Approval.safeParse(raw);
  if (!parsed.success) return fail('malformed', 'The approval is not well-formed');
  const a = parsed.data;
  if (a.kind !== kind) return fail('wrong_kind', `Expected ${kind === 'approval' ? 'an approval' : 'a break-glass record'}, got ${a.kind}`);
  const op = ctx.operators.get(a.operator.id);
  if (!op) return fail('unknown_operator', 'The approving operator is not registered here');
  if (op.disabled) return fail('operator_disabled', `The operator "${op.name}" is disabled`);
  const allowed = kind === 'approval' ? APPROVER_ROLES : BREAK_GLASS_ROLES;
  if (!op.roles.some((r) => allowed.includes(r))) return fail('not_permitted', `${op.name} may not ${kind === 'approval' ? 'approve' : 'break glass'}`);
  if (kind === 'break_glass' && (a.reason ?? '').trim().length < MIN_REASON) return fail('reason_required', 'A break-glass record needs a written reason');
  const action_ = PendingAction.safeParse(action);
  if (!action_.success) return fail('malformed', 'The action to dispatch is not well-formed');
  if (canonicalRequestHash({ ...action_.data, expiresAt: a.expiresAt, nonce: a.nonce }) !== a.hash) {
    return fail('action_mismatch', 'The approval is for a different action (or the request changed since it was approved)');
  }
  if (!signatureValid(a, op)) return fail('bad_signature', `The signature does not verify with ${op.name}'s registered key`);
  if (a.signedAt > ctx.now + CLOCK_SKEW_MS) return fail('not_yet_valid', 'The approval is signed in the future');
  if (a.expiresAt - a.signedAt > MAX_APPROVAL_TTL_MS) return fail('expiry_too_long', 'The approval is valid for longer than 15 minutes');
  if (ctx.now >= a.expiresAt) return fail('expired', `The approval expired at ${new Date(a.expiresAt).toISOString()}`);
  if (ctx.usedNonces.has(a.nonce)) return fail('replayed', 'The approval was already used');
  return { ok: true, approvalId: a.approvalId, operatorId: op.id, nonce: a.nonce, expiresAt: a.expiresAt };
}

export function verifyApproval(approval: unknown, action: PendingAction, ctx: VerifyContext): ApprovalCheck {
  return verifyRecord(approval, action, ctx, 'approval');
}

export function verifyBreakGlass(record: unknown, action: PendingAction, ctx: VerifyContext): ApprovalCheck {
  return verifyRecord(record, action, ctx, 'break_glass');
}

export type TwoPersonFailure = ApprovalFailure | 'too_few_approvals' | 'same_operator';
export type TwoPersonCheck =
  | { ok: true; approvals: Extract<ApprovalCheck, { ok: true }>[] }
  | { ok: false; reason: TwoPersonFailure; message: string; index?: number };

/** Two-person rule: at least two valid approvals of `action` by two distinct, enabled operators. */
export function verifyTwoPerson(approvals: readonly unknown[], action: PendingAction, ctx: VerifyContext): TwoPersonCheck {
  if (approvals.length < 2) return { ok: false, reason: 'too_few_approvals', message: 'This action needs two approvers' };
  const good: Extract<ApprovalCheck, { ok: true }>[] = [];
  const nonces = new Set<string>();
  for (const [index, raw] of approvals.entries()) {
    const check = verifyApproval(raw, action, ctx);
    if (!check.ok) return { ...check, index };
    if (nonces.has(check.nonce)) return { ok: false, reason: 'replayed', message: 'The same approval was given twice', index };
    nonces.add(check.nonce);
    good.push(check);
  }
  if (new Set(good.map((g) => g.operatorId)).size < 2) {
    return { ok: false, reason: 'same_operator', message: 'Both approvals come from the same operator: a second, different operator must approve' };
  }
  return { ok: true, approvals: good };
}
