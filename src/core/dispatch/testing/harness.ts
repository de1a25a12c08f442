/**
 * Test harness for the dispatcher: a journal (opened through the stand-in keystore), a state
 * file, operators with known credentials, an enforcing policy, and helpers that sign approvals
 * of a plan exactly as the confirmation dialog will.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signApproval, signBreakGlass, type Approval } from '../../auth/approval';
import type { PendingAction } from '../../auth/action';
import type { OperatorPublic } from '../../auth/operators-doc';
import { issueStepUpGrant } from '../../auth/step-up';
import { testClock, testOperators, type TestOperators } from '../../auth/testing';
import { openJournal, type Journal } from '../../journal/journal';
import { testKeyProvider } from '../../journal/testing';
import { Policy } from '../../policy';
import type { DispatchContext } from '../dispatch';
import { pendingActionOf, type Plan } from '../plan';
import { openDispatchState, type DispatchState } from '../state';

export const TEST_POLICY = {
  version: 1,
  mode: 'enforce',
  default_tier: 'tier-2',
  services: [
    { name: 'checkout', tier: 'tier-1', match: { namespaces: ['payments'] } },
    { name: 'batch', tier: 'tier-3', match: { namespaces: ['batch'] } },
  ],
  two_person: { tiers: ['tier-1'], risks: ['high'] },
  blast_radius: { limits: { max_replicas: 30, max_replica_change: 10, max_pods: 20 }, two_person_above: { max_replicas: 8 } },
  rate_limit: { max_actions: 20, window: '10m' },
  circuit_breaker: { max_actions: 20, window: '10m' },
  dry_run_first: true,
  verification: { timeout: '2s', interval: '100ms' },
} as const;

export function testPolicy(patch: Record<string, unknown> = {}): Policy {
  return Policy.parse({ ...TEST_POLICY, ...patch });
}

export interface Harness {
  dir: string;
  journal: Journal;
  state: DispatchState;
  t: TestOperators;
  op(name: string): OperatorPublic;
  ctx(patch?: Partial<DispatchContext>): DispatchContext;
  /** A signed approval of `plan` (or of a raw PendingAction) by `name`, after a fresh step-up. */
  approve(name: string, plan: Plan | PendingAction, ttlMs?: number): Promise<Approval>;
  breakGlass(name: string, plan: Plan | PendingAction, reason: string): Promise<Approval>;
  close(): void;
}

const isPlan = (p: Plan | PendingAction): p is Plan => 'requests' in p;

export async function harness(opts: { policy?: Policy; secrets?: Record<string, string>; start?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-dispatch-'));
  const journal = await openJournal(join(dir, 'journal.db'), { create: true, provider: testKeyProvider(randomBytes(32)) });
  const state = openDispatchState(join(dir, 'dispatch.db'));
  const t = await testOperators(
    [
      ['ana', ['approver']],
      ['ben', ['approver']],
      ['cleo', ['commander']],
      ['vic', ['viewer']],
    ],
    null,
    testClock(opts.start ?? Date.now()),
  );
  const policy = opts.policy ?? testPolicy();
  const secrets = opts.secrets ?? {};
  const op = (name: string): OperatorPublic => {
    const o = t.store.get(name);
    if (!o) throw new Error(`no operator ${name}`);
    return o;
  };
  async function grantFor(name: string) {
    const o = t.ops.get(name);
    if (!o) throw new Error(`no operator ${name}`);
    const v = await t.store.verifyCredentials(name, o.password, t.code(name));
    return issueStepUpGrant(v.operator.id, 'session', v.signingKey, t.clock.now());
  }
  return {
    dir,
    journal,
    state,
    t,
    op,
    ctx: (patch = {}) => ({
      policy,
      journal,
      state,
      operators: () => t.store.registry(),
      secrets: (n) => secrets[n],
      now: () => t.clock.now(),
      timeoutMs: 5_000,
      ...patch,
    }),
    async approve(name, plan, ttlMs) {
      const g = await grantFor(name);
      return signApproval(op(name), g, isPlan(plan) ? pendingActionOf(plan) : plan, { now: t.clock.now(), ...(ttlMs !== undefined ? { ttlMs } : {}) });
    },
    async breakGlass(name, plan, reason) {
      const g = await grantFor(name);
      return signBreakGlass(op(name), g, isPlan(plan) ? pendingActionOf(plan) : plan, reason, { now: t.clock.now() });
    },
    close() {
      state.close();
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every journal entry's payload as text: for "no secret in plaintext" assertions. */
export function journalText(j: Journal): string {
  return j
    .list()
    .map((e) => `${e.kind} ${e.actor} ${JSON.stringify(e.payload)}`)
    .join('\n');
}
