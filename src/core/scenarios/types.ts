/**
 * The scenario suite's vocabulary: a labelled incident (what the analysis should find), the
 * knobs a fault turns on the background traffic and metrics, and a scenario definition.
 */
import type { HypothesisCategory } from '../../shared/hypotheses';
import type { Rng } from '../demo/prng';
import type { Emitter } from './emit';
import type { PodInfo, World } from './world';

export interface ScenarioLabel {
  id: string;
  title: string;
  expected: {
    category: HypothesisCategory;
    runbook: string;
    /** Acceptable entity refs for the root cause (`service:x`, `workload:x`, `node:n`, `model:m`, `provider:p`, `tool:t`, `prompt:p` …). */
    entities: string[];
  };
  /** A false-correlation trap: entity refs that must not be blamed first. */
  trap?: { mustNotRankFirst: string[] };
}

/** What a tool call turns into when a fault overrides it. */
export interface ToolOverride {
  outcome: 'ok' | 'error' | 'invalid_args' | 'denied' | 'timeout';
  message?: string;
  /** Text the tool returned (kept on the span as gen_ai.tool.call.result). */
  result?: string;
  durMul?: number;
}

/** A hosted-provider call that failed or slowed. */
export interface ProviderFault {
  httpStatus: number;
  errorType: string;
  message: string;
  latencyMs: number;
}

/** What a prompt-injection attempt looks like in one request. */
export interface InjectionAttempt {
  /** Where the injected text arrives: the user's message or a tool's output. */
  via: 'user' | 'tool';
  text: string;
  /** The tool the agent is steered to call, with its arguments. */
  steerTool: string;
  steerArgs: string;
  /** Whether the guard stopped it (denied) or the call went out. */
  blocked: boolean;
}

/**
 * Functions of time (ms since the epoch) a fault overrides; every one is optional and the
 * background's healthy behaviour applies when absent.
 */
export interface Knobs {
  /** Requests per second multiplier of a flow ('agent', 'rag', 'checkout', 'orders', 'search', 'billing'). */
  trafficMul?(flow: string, t: number): number;
  promptVersion?(t: number): string;
  invalidJsonRate?(t: number): number;
  outputTokenMul?(app: 'agent' | 'rag', t: number): number;
  inputTokenMul?(app: 'agent' | 'rag', t: number): number;
  /** Extra plan→tool→observe iterations of the agent for one request. */
  agentExtraSteps?(t: number, rng: Rng): number;
  /** Tool choice weights for one agent step (null: the normal mix). */
  toolWeights?(t: number): Readonly<Record<string, number>> | null;
  toolOverride?(tool: string, t: number, rng: Rng): ToolOverride | null;
  injection?(t: number, rng: Rng): InjectionAttempt | null;
  provider?(provider: string, model: string, t: number, rng: Rng): ProviderFault | null;
  /** State of one vLLM replica: down (connection refused), slow (latency multiplier). */
  vllmPod?(pod: string, t: number): { down?: boolean; slow?: number } | null;
  /** 0..1: how full the KV cache of every replica is pushed. */
  kvPressure?(t: number): number;
  /** 0..1: how exhausted a service's database connection pool is. */
  dbPool?(service: string, t: number): number;
  /** Probability that a request to `service` lands on a restarting (OOM-killed) pod. */
  serviceCrash?(service: string, t: number): number;
  /** Error rate of calls to an external upstream (by peer.service). */
  upstream?(peer: string, t: number): number;
  /** The pods serving `service` at `t` (a rollout replaces them); null: the world's pods. */
  pods?(service: string, t: number): PodInfo[] | null;
  /** Latency multiplier of requests served by one pod. */
  podSlow?(pod: string, t: number): number;
  /** TLS failures calling `service` (expired certificate). */
  certExpired?(service: string, t: number): boolean;
}

export interface SeriesCtx {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** Scenario-specific series, sampled like the rest. */
export interface ExtraSeries {
  name: string;
  labels: Record<string, string>;
  lane: 'gpu' | 'inference' | 'infra';
  unit?: string;
  /** Value at `t`, or null for no sample (target down, not yet created). */
  value(t: number, rng: Rng): number | null;
}

export interface ScenarioParts {
  label: ScenarioLabel;
  knobs: Knobs;
  /** One-off events (changes, alerts, Kubernetes events, Xid reports), written through the connectors' mappers. */
  script(emit: Emitter): void;
  /** Overrides a base series' value at `t` (null: no sample); returning `v` leaves it. */
  adjust?(s: SeriesCtx, t: number, v: number, rng: Rng): number | null;
  extraSeries?: ExtraSeries[];
}

export interface ScenarioDef {
  id: string;
  title: string;
  /** Builds the fault on a world drawn for one seed; `rng` is the fault's own draws (timing, magnitude). */
  build(world: World, rng: Rng): ScenarioParts;
}
