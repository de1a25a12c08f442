/**
 * The dispatcher: approvals and policy verified immediately before sending, journaled before and
 * after, dry run first, verification afterwards; observation mode; diagnostics as evidence.
 */
export { dispatch, DEFAULT_TIMEOUT_MS, type DispatchContext } from './dispatch';
export type { DispatchOutcome, Escalation, RefusalReason, SentRequest } from './outcome';
export { checkPlan, pendingActionOf, planDigest, preparePlan, type Plan, type PlanResult } from './plan';
export { openDispatchState, type BreakerState, type DispatchState } from './state';
export { breakerResetAction, resetBreaker, BREAKER_RESET_ACTION, type ResetResult } from './breaker';
export { secretsFromConnections, type SecretSource } from './secrets';
export { runDiagnostics, promqlRunner, type DiagnosticsContext, type Evidence, type QueryOutput, type QueryRunner, type QueryWindow } from './diagnostics';
export { storeRunner } from './store-runner';
export { observationReport, recordHumanAction, type HumanAction, type ObservationReport } from './observe';
