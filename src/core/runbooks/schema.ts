/**
 * The shape of a runbook file (YAML, snake_case keys). Structure only: which actions and queries
 * exist, parameter checks, approvals and templates are the validator's (validate.ts).
 */
import { z } from 'zod';
import { HypothesisCategory } from '../../shared/hypotheses';
import { Duration } from './duration';

export const RunbookId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and "-" (at most 64)');
const StepId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a step id: lower-case letters, digits and "-", starting with a letter');
const Text = (max: number) => z.string().trim().min(1).max(max);
const LabelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a label name');

export const STEP_ACTIONS = ['verify_hypothesis', 'diagnose', 'mitigate', 'verify_resolution', 'notify'] as const;
export const StepAction = z.enum(STEP_ACTIONS);
export type StepAction = z.infer<typeof StepAction>;

export const Threshold = z
  .object({
    op: z.enum(['<', '<=', '>', '>=', '==', '!=']),
    value: z.number(),
    /** How a result with several series or rows becomes one number. */
    of: z.enum(['max', 'min', 'sum', 'count']).default('max'),
    /** The condition must hold this long (verification waits for stability). */
    for: Duration(0, 3_600_000).optional(),
  })
  .strict();
export type Threshold = z.infer<typeof Threshold>;

/** `expected: text` is short for `expected: { summary: text }`. */
export const Expected = z.preprocess(
  (v) => (typeof v === 'string' ? { summary: v } : v),
  z.object({ summary: Text(1024), threshold: Threshold.optional() }).strict(),
);

export const Step = z
  .object({
    id: StepId,
    name: Text(200),
    action: StepAction,
    /** A catalogue action id (mitigate, notify) or a read-only query kind (the other actions). */
    uses: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).default({}),
    /** The configured target (connection) the action goes to; the default one of its kind when absent. */
    target: z.string().min(1).max(128).optional(),
    requires_approval: z.boolean().optional(),
    timeout: Duration(1_000, 3_600_000),
    expected: Expected,
    on_failure: z.enum(['escalate', 'abort']).optional(),
  })
  .strict();
export type Step = z.infer<typeof Step>;

export const AlertTrigger = z
  .object({ name: z.string().min(1).max(256), labels: z.record(LabelName, z.string().max(512)).optional() })
  .strict();

export const HypothesisTrigger = z
  .object({
    runbook: RunbookId.optional(),
    category: HypothesisCategory.optional(),
    min_confidence: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export const Trigger = z
  .object({ alerts: z.array(AlertTrigger).max(20).default([]), hypotheses: z.array(HypothesisTrigger).max(20).default([]) })
  .strict();

export const Runbook = z
  .object({
    id: RunbookId,
    title: Text(200),
    description: Text(4000),
    category: HypothesisCategory,
    /** The severity this failure usually warrants (a hint for triage). */
    severity: z.enum(['sev1', 'sev2', 'sev3', 'sev4']),
    /** The service tiers the runbook is written for (policy decides what each tier allows). */
    service_tiers: z.array(z.enum(['tier-1', 'tier-2', 'tier-3'])).min(1).max(3).optional(),
    owner: Text(128).optional(),
    trigger: Trigger,
    steps: z.array(Step).min(1).max(30),
  })
  .strict();
export type Runbook = z.infer<typeof Runbook>;
