/**
 * Contract channels of remediation (declared here, spread into ../contract.ts): the runbooks an
 * incident's hypotheses point to, their read-only diagnostics, the preview of one catalogue
 * action, signed approvals, the approvals queue, dispatch and observation mode's report.
 *
 * The renderer never carries an approval, a signature or a key: it names a plan the core
 * rendered (`planId`) and a step-up grant the core holds (`grantId`); the core signs, stores and
 * verifies. Every input is strict, so a field the schema does not know is refused.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();
const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const PlanId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a plan id');

export const PolicyMode = z.enum(['observe', 'enforce']);
export type PolicyMode = z.infer<typeof PolicyMode>;

export const PolicyInfo = z.object({
  mode: PolicyMode,
  /** Where the policy came from: the data folder's policy.yaml or the shipped default. */
  source: z.enum(['data_folder', 'shipped']),
  /** Set when the data folder's policy.yaml is invalid: nothing is dispatched until it is fixed. */
  problem: z.string().nullable(),
});
export type PolicyInfo = z.infer<typeof PolicyInfo>;

export const RunbookStepView = z.object({
  id: z.string(),
  name: z.string(),
  action: z.enum(['verify_hypothesis', 'diagnose', 'mitigate', 'verify_resolution', 'notify']),
  /** A read-only query kind (promql, k8s_get…) or a catalogue action id. */
  uses: z.string(),
  kind: z.enum(['query', 'action']),
  /** The catalogue action's title (actions only). */
  title: z.string().nullable(),
  /** The step's params, with the incident's and hypothesis' variables filled in where known. */
  params: z.record(z.string(), z.json()),
  /** The configured target the runbook names, if any. */
  target: z.string().nullable(),
  requiresApproval: z.boolean(),
  expected: z.string(),
  timeout: z.string(),
});
export type RunbookStepView = z.infer<typeof RunbookStepView>;

export const RunbookView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  severity: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
  hypothesisId: z.string().nullable(),
  steps: z.array(RunbookStepView),
});
export type RunbookView = z.infer<typeof RunbookView>;

export const RunbooksForIncident = z.object({
  incidentId: z.string(),
  analysisId: z.string().nullable(),
  policy: PolicyInfo,
  runbooks: z.array(RunbookView),
  /** Runbook files that did not load (file:line: message). */
  problems: z.array(z.string()),
});
export type RunbooksForIncident = z.infer<typeof RunbooksForIncident>;

export const EvidenceView = z.object({
  stepId: z.string(),
  name: z.string(),
  kind: z.string(),
  query: z.string(),
  window: z.object({ from: epochMs, to: epochMs }),
  status: z.enum(['ok', 'error', 'skipped']),
  resultDigest: z.string().nullable(),
  value: z.number().nullable(),
  passed: z.boolean().nullable(),
  error: z.string().nullable(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const DiagnoseResult = z.object({
  runbookId: z.string(),
  evidence: z.array(EvidenceView),
  /** False while the journal is locked: the evidence was shown but not recorded. */
  journaled: z.boolean(),
  ranAt: epochMs,
});
export type DiagnoseResult = z.infer<typeof DiagnoseResult>;

export const RequestView = z.object({
  method: z.string(),
  url: z.string(),
  /** Lower-case names; secrets appear only as ⟦secret:NAME⟧ placeholders. */
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
});
export type RequestView = z.infer<typeof RequestView>;

export const CheckView = z.object({ description: z.string(), read: RequestView.nullable() });
export type CheckView = z.infer<typeof CheckView>;

export const ValueChange = z.object({ field: z.string(), from: z.json(), to: z.json() });
export type ValueChange = z.infer<typeof ValueChange>;

export const RequirementsView = z.object({
  service: z.string().nullable(),
  tier: z.string(),
  risk: z.enum(['low', 'medium', 'high']),
  twoPerson: z.boolean(),
  twoPersonReasons: z.array(z.string()),
  /** Non-empty: the policy refuses this action as rendered, whoever approves it. */
  refusals: z.array(z.string()),
  /** Blast radius: replicas, pods, objects changed. */
  measures: z.record(z.string(), z.number()),
});
export type RequirementsView = z.infer<typeof RequirementsView>;

export const PreviewInput = z
  .object({
    actionId: z.string().min(1).max(64),
    params: z.record(z.string().max(64), z.json()),
    target: z.json(),
  })
  .strict();
export type PreviewInput = z.input<typeof PreviewInput>;

export const PlanPreview = z.object({
  planId: PlanId,
  actionId: z.string(),
  title: z.string(),
  description: z.string(),
  targetName: z.string(),
  requests: z.array(RequestView),
  preconditions: z.array(CheckView),
  verification: z.array(CheckView),
  /** The target API has a dry run of this request (sent first when the policy says so). */
  dryRun: z.boolean(),
  dryRunFirst: z.boolean(),
  changes: z.array(ValueChange),
  requirements: RequirementsView,
  approvalsNeeded: z.number().int().min(1).max(2),
  policy: PolicyInfo,
  renderedAt: epochMs,
  /** Approvals of this plan cannot outlive it. */
  expiresAt: epochMs,
});
export type PlanPreview = z.infer<typeof PlanPreview>;

export const ApproveInput = z
  .object({
    planId: PlanId,
    grantId: z.string().min(1).max(64),
    /** Break-glass: one commander acts alone, with this written reason (flagged in the journal). */
    breakGlassReason: z.string().trim().min(10).max(4000).optional(),
  })
  .strict();
export type ApproveInput = z.input<typeof ApproveInput>;

export const ApproverView = z.object({ operator: z.string(), kind: z.enum(['approval', 'break_glass']), signedAt: epochMs, expiresAt: epochMs });
export type ApproverView = z.infer<typeof ApproverView>;

export const PendingItem = z.object({
  planId: PlanId,
  actionId: z.string(),
  title: z.string(),
  targetName: z.string(),
  /** "METHOD URL" of each request. */
  requests: z.array(z.string()),
  approvals: z.array(ApproverView),
  approvalsNeeded: z.number().int().min(1).max(2),
  twoPersonReasons: z.array(z.string()),
  /** Enough approvals from distinct operators: it can be dispatched. */
  ready: z.boolean(),
  /** The earliest moment an approval (or the plan) expires. */
  expiresAt: epochMs,
});
export type PendingItem = z.infer<typeof PendingItem>;

export const PendingList = z.object({ items: z.array(PendingItem), policy: PolicyInfo });
export type PendingList = z.infer<typeof PendingList>;

export const ApproveResult = z.object({
  item: PendingItem,
  secondApproverRequired: z.boolean(),
});
export type ApproveResult = z.infer<typeof ApproveResult>;

export const OUTCOME_STATUSES = ['refused', 'observed', 'failed', 'verified', 'unverified', 'escalated'] as const;
export const DispatchResult = z.object({
  status: z.enum(OUTCOME_STATUSES),
  dispatchId: z.string(),
  actionId: z.string().nullable(),
  /** Refusals: why (no_approval, two_person_required, expired, policy_refused…). */
  reason: z.string().nullable(),
  message: z.string(),
  sent: z.array(z.object({ method: z.string(), url: z.string(), status: z.number().int().nullable(), ok: z.boolean() })),
  checks: z.array(z.object({ description: z.string(), ok: z.boolean(), observed: z.string() })),
  breakGlass: z.boolean(),
});
export type DispatchResult = z.infer<typeof DispatchResult>;

export const ObservationsResult = z.object({
  policy: PolicyInfo,
  wouldHaveDone: z.number().int().min(0),
  doneByHand: z.number().int().min(0),
  matched: z.number().int().min(0),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});
export type ObservationsResult = z.infer<typeof ObservationsResult>;

export const remediationChannels = {
  /** The runbooks the latest analysis' hypotheses point to, with their steps and the policy's mode. */
  'runbooks.forIncident': { input: z.object({ incidentId: z.string().min(1).max(128) }).strict(), output: RunbooksForIncident },
  /** Runs a runbook's read-only diagnostic steps and answers the evidence (journaled when the journal is open). */
  'remediation.diagnose': { input: z.object({ incidentId: z.string().min(1).max(128), runbookId: z.string().min(1).max(64) }).strict(), output: DiagnoseResult },
  /** Renders one catalogue action exactly as it would be sent; the core keeps the plan under `planId`. */
  'remediation.preview': { input: PreviewInput, output: PlanPreview },
  /** The signed-in operator approves a plan: the core signs with the step-up grant's key. */
  'remediation.approve': { input: ApproveInput, output: ApproveResult },
  /** Plans with approvals, waiting for a second operator or for dispatch. */
  'remediation.pending': { input: Empty, output: PendingList },
  /** Dispatches a plan with the approvals the core holds for it; the dispatcher verifies everything again. */
  'remediation.dispatch': { input: z.object({ planId: PlanId }).strict(), output: DispatchResult },
  /** Observation mode: what Sitrep would have done against what the responders did. */
  'remediation.observations': { input: Empty, output: ObservationsResult },
  /**
   * A responder did this previewed action by hand (outside Sitrep): journaled beside what Sitrep
   * would have done, so observation mode's accuracy can be measured.
   */
  'remediation.recordHuman': { input: z.object({ planId: z.string().min(1).max(64), note: z.string().max(1024).optional() }).strict(), output: ObservationsResult },
} as const;
