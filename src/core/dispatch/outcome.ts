/** What `dispatch` answers: refused (nothing sent), observed (observation mode), or what happened after sending. */
import type { ApprovalFailure } from '../auth/approval';
import type { Requirements } from '../policy';
import type { CheckResult } from './checks';

export type RefusalReason =
  | 'invalid_plan'
  | 'not_in_catalogue'
  | 'plan_mismatch'
  | 'policy_refused'
  | 'no_approval'
  | ApprovalFailure
  | 'duplicate_approval'
  | 'two_person_required'
  | 'same_operator'
  | 'break_glass_refused'
  | 'breaker_open'
  | 'breaker_tripped'
  | 'rate_limited'
  | 'secret_missing'
  | 'precondition_changed'
  | 'journal_failed';

export interface SentRequest {
  method: string;
  url: string;
  status: number | null;
  ok: boolean;
}

export type DispatchOutcome =
  | { status: 'refused'; dispatchId: string; actionId: string | null; reason: RefusalReason; message: string; requirements?: Requirements; preconditions?: CheckResult[] }
  | { status: 'observed'; dispatchId: string; actionId: string; requirements: Requirements; message: string }
  /** Sent, and the target refused it (dry run or the real request). */
  | { status: 'failed'; dispatchId: string; actionId: string; phase: 'dry_run' | 'send'; message: string; sent: SentRequest[]; breakGlass: boolean; escalated: true }
  /** Sent; every verification check passed. */
  | { status: 'verified'; dispatchId: string; actionId: string; sent: SentRequest[]; checks: CheckResult[]; breakGlass: boolean }
  /** Sent; the action has no automatic check, so a person must confirm the effect. */
  | { status: 'unverified'; dispatchId: string; actionId: string; sent: SentRequest[]; breakGlass: boolean; message: string }
  /** Sent; verification failed or could not be evaluated within its time: a person was called. */
  | { status: 'escalated'; dispatchId: string; actionId: string; sent: SentRequest[]; checks: CheckResult[]; breakGlass: boolean; message: string };

export interface Escalation {
  dispatchId: string;
  actionId: string;
  message: string;
  checks: CheckResult[];
}
