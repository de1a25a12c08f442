/**
 * The shape of a remediation policy file (YAML, snake_case keys): service tiers, risk per action,
 * blast-radius limits, rate limits, the circuit breaker and observation mode. Durations are
 * written as in runbooks (`30s`, `10m`, `1h`).
 */
import { z } from 'zod';
import { Duration } from '../runbooks/duration';

export const TIERS = ['tier-1', 'tier-2', 'tier-3'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;
export const PolicyRisk = z.enum(['low', 'medium', 'high']);

const Count = (max: number) => z.number().int().min(0).max(max);
const Name = z.string().min(1).max(253);

/** How large one action may be. Unset measures are not limited. */
export const Limits = z
  .object({
    /** The replica count a scale may set. */
    max_replicas: Count(10_000).optional(),
    /** Replicas added or removed at once. */
    max_replica_change: Count(10_000).optional(),
    /** Pods one action may evict or replace. */
    max_pods: Count(10_000).optional(),
    /** Objects one action may change (one per request that changes something). */
    max_targets: Count(10_000).optional(),
  })
  .strict();
export type Limits = z.infer<typeof Limits>;

export const RateLimit = z.object({ max_actions: z.number().int().min(1).max(1_000), window: Duration(60_000, 24 * 3_600_000) }).strict();
export type RateLimit = z.infer<typeof RateLimit>;

export const Service = z
  .object({
    name: Name,
    tier: Tier,
    /** What belongs to the service: Kubernetes namespaces, workload / node / application names, target names. */
    match: z
      .object({
        namespaces: z.array(Name).max(100).optional(),
        names: z.array(Name).max(100).optional(),
        targets: z.array(Name).max(100).optional(),
      })
      .strict(),
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const ActionPolicy = z
  .object({
    /** false: the action cannot be dispatched at all under this policy. */
    allowed: z.boolean().default(true),
    /** Overrides the catalogue's risk. */
    risk: PolicyRisk.optional(),
    /** Above these the action is refused outright (tighter than, and in addition to, the global limits). */
    limits: Limits.optional(),
    /** Above these two distinct operators must approve. */
    two_person_above: Limits.optional(),
    /** Per-action rate limit (instead of the default one). */
    rate_limit: RateLimit.optional(),
  })
  .strict();
export type ActionPolicy = z.infer<typeof ActionPolicy>;

export const Policy = z
  .object({
    version: z.literal(1),
    /** enforce: dispatch after approval. observe: never send; record what would have been done. */
    mode: z.enum(['enforce', 'observe']),
    /** The tier of anything no service matches (the strictest, unless said otherwise). */
    default_tier: Tier.default('tier-1'),
    services: z.array(Service).max(500).default([]),
    two_person: z
      .object({
        /** Services of these tiers need two distinct approvers for every change. */
        tiers: z.array(Tier).max(3).default(['tier-1']),
        /** Actions of these risks need two distinct approvers. */
        risks: z.array(PolicyRisk).max(3).default(['high']),
      })
      .strict()
      .default({ tiers: ['tier-1'], risks: ['high'] }),
    blast_radius: z.object({ limits: Limits, two_person_above: Limits }).strict(),
    /** Default per-action rate limit (counted per action id). */
    rate_limit: RateLimit,
    /** More than `max_actions` dispatches in `window` halts ALL dispatching until a person resets it. */
    circuit_breaker: z.object({ max_actions: z.number().int().min(1).max(1_000), window: Duration(60_000, 24 * 3_600_000) }).strict(),
    /** Send the target's dry run first where it has one (Kubernetes dryRun=All, Argo CD dryRun). */
    dry_run_first: z.boolean().default(true),
    break_glass: z.object({ allowed: z.boolean() }).strict().default({ allowed: true }),
    verification: z
      .object({ timeout: Duration(1_000, 3_600_000), interval: Duration(100, 600_000) })
      .strict()
      .default({ timeout: '2m', interval: '5s' }),
    actions: z.record(z.string().min(1).max(64), ActionPolicy).default({}),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;
