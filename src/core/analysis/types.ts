/** What the analyzers hand to the hypothesis rules: signals, each backed by one piece of evidence. */
import type Database from 'better-sqlite3';
import type { EvidenceBook } from './evidence';
import type { Frame } from './frame';

/**
 * The kind of a signal. Symptoms are what users feel (errors, latency, bad output); the others are
 * resource, capacity or change signals that may explain them.
 */
export type SignalKind =
  | 'error_rate'
  | 'dependency_error'
  | 'latency'
  | 'traffic'
  | 'invalid_output'
  | 'refusal'
  | 'policy_violation'
  | 'llm_error'
  | 'tokens'
  | 'cost'
  | 'tool_error'
  | 'tool_combo'
  | 'agent_frequency'
  | 'injection'
  | 'version_regression'
  | 'log_error'
  | 'xid'
  | 'gpu_throttle_thermal'
  | 'gpu_throttle_power'
  | 'gpu_temperature'
  | 'gpu_clock'
  | 'gpu_memory'
  | 'gpu_util'
  | 'kv_cache'
  | 'queue'
  | 'memory'
  | 'cpu'
  | 'restart'
  | 'oom'
  | 'pool'
  | 'metric'
  | 'alert';

/** Failure classes recognised in log templates, alert names and span status messages. */
export type FailureClass =
  | 'db_pool'
  | 'certificate'
  | 'oom'
  | 'upstream'
  | 'provider'
  | 'gpu'
  | 'kv_cache'
  | 'structured_output'
  | 'tool'
  | 'thermal'
  | 'injection'
  | 'cost'
  | 'other';

export interface Signal {
  evidenceId: string;
  kind: SignalKind;
  /** Most specific first. */
  entities: string[];
  /** Onset (or first seen). */
  at: number;
  strength: number;
  symptom: boolean;
  direction: 'up' | 'down' | null;
  failureClass?: FailureClass;
  /** Extra facts the rules use (e.g. an Xid code, a prompt version). */
  detail?: Record<string, string | number | boolean>;
}

export interface Ctx {
  db: Database.Database;
  frame: Frame;
  book: EvidenceBook;
}

export const SYMPTOM_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>([
  'error_rate',
  'dependency_error',
  'latency',
  'invalid_output',
  'refusal',
  'policy_violation',
  'llm_error',
  'tool_error',
  'log_error',
  'alert',
]);
