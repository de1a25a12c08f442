/**
 * The shapes of the action catalogue: what an allowlisted action is, the exact HTTP requests it
 * renders (secrets masked as ⟦secret:NAME⟧ until the dispatcher fills them in), and the checks to
 * run before dispatch (preconditions) and afterwards (verification).
 */
import type { z } from 'zod';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const TARGET_KINDS = ['k8s', 'argocd', 'alertmanager', 'webhook', 'pagerduty', 'slack'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export type Risk = 'low' | 'medium' | 'high';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** One exact request. `body` is the exact text sent; `secrets` names every ⟦secret:NAME⟧ it contains. */
export interface RenderedRequest {
  method: HttpMethod;
  url: string;
  /** Header names in lower case, sorted. */
  headers: Readonly<Record<string, string>>;
  body: string | null;
  secrets: readonly string[];
}

/** What a read must show: the JSON value at `pointer` (RFC 6901) of the response compared with `value`. */
export interface Expectation {
  pointer: string;
  op: 'eq' | 'ne' | 'gte' | 'lte' | 'present' | 'absent';
  value: JsonValue;
}

/** A check: what to look at (a read-only GET, when the target has one) and what it must show. */
export interface Check {
  description: string;
  read: RenderedRequest | null;
  expect: Expectation | null;
}

export interface RenderOptions {
  /** Render the target API's dry run (Kubernetes `dryRun=All`, Argo CD `dryRun: true`). Refused when the action has none. */
  dryRun?: boolean;
  /** The time written into the request (restart annotations, silence start), ms since the epoch. Default: now. */
  now?: number;
}

export interface ParamIssue {
  /** Path into the params, e.g. ['matchers', 0, 'name'], or ['target', 'base_url']. */
  path: readonly (string | number)[];
  message: string;
}

export type RenderResult =
  | { ok: true; requests: readonly RenderedRequest[]; preconditions: readonly Check[]; verification: readonly Check[] }
  | { ok: false; issues: readonly ParamIssue[] };

export interface ActionDefinition {
  id: string;
  title: string;
  description: string;
  targetKind: TargetKind;
  /** The full parameter schema (strict: unknown fields are refused). */
  params: z.ZodObject;
  /**
   * Parameters the preview fills in from the live state or the signed-in operator (e.g. the
   * current replica count, the revision to return to); a runbook does not set them.
   */
  filledAtPreview: readonly string[];
  risk: Risk;
  /** Changes production (every step using it needs a human's approval). */
  mutates: boolean;
  /** The target API offers a dry run of this exact request. */
  dryRun: boolean;
  /** Hard limits, in words (the schema enforces them). */
  bounds: readonly string[];
  /** What is re-checked immediately before dispatch, in words. */
  preconditions: readonly string[];
  /** What is checked afterwards, in words. */
  verification: readonly string[];
  /** Parameter checks across fields, beyond the schema (no request is rendered). */
  checkParams(params: unknown): readonly ParamIssue[];
  renderRequest(params: unknown, target: unknown, options?: RenderOptions): RenderResult;
}
