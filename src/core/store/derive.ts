/** Derives the stored columns of an event (lane, display name, status, significance score…). */
import type { EventInput, EventKind } from '../../shared/events';
import { LANE_OF_KIND } from '../../shared/lanes';
import type { EventLaneId } from '../../shared/lanes';
import type { EventStatusCode } from '../../shared/window';
import { flagsOf } from './flags';

/** Column order of the `events` insert (see statements.ts `insertEvent`). */
export type EventRow = [
  ts: number,
  durMs: number | null,
  kind: EventKind,
  lane: EventLaneId,
  service: string,
  name: string,
  status: EventStatusCode,
  score: number,
  severity: string | null,
  tokens: number | null,
  costUsd: number | null,
  traceId: string | null,
  spanId: string | null,
  externalId: string | null,
  body: string,
  /** Bit set computed at ingest (src/core/store/flags.ts); null for lanes that carry none. */
  flags: number | null,
];

const STATUS_WEIGHT = 1e12;
export const STATUS_RANK: Record<EventStatusCode, number> = { ok: 0, warn: 1, error: 2 };

/** Significance: error > warn > ok, then longer duration. */
export function scoreOf(status: EventStatusCode, durMs: number | null): number {
  return STATUS_RANK[status] * STATUS_WEIGHT + Math.min(durMs ?? 0, STATUS_WEIGHT - 1);
}

export function displayName(e: EventInput): string {
  switch (e.kind) {
    case 'llm_call':
      return e.model;
    case 'agent_action':
      return e.tool;
    case 'span':
      return e.name;
    case 'log':
      return e.body.slice(0, 200);
    case 'alert':
      return `${e.name} (${e.state})`;
    case 'change':
      return `${e.changeType} ${e.target}`;
  }
}

export function statusOf(e: EventInput): EventStatusCode {
  switch (e.kind) {
    case 'llm_call':
      // A call that succeeded but whose structured output did not parse is the classic silent
      // LLM failure (HTTP 200, garbage out): flag it, so it shows on the timeline.
      if (e.status === 'error') return 'error';
      return e.outputValid === false ? 'warn' : 'ok';
    case 'agent_action':
      return e.outcome === 'ok' ? 'ok' : 'error';
    case 'span':
      return e.status;
    case 'log':
      return e.severity === 'error' || e.severity === 'fatal' ? 'error' : e.severity === 'warn' ? 'warn' : 'ok';
    case 'alert':
      if (e.state !== 'firing') return 'ok';
      return e.severity === 'critical' ? 'error' : e.severity === 'warning' ? 'warn' : 'ok';
    case 'change':
      return 'ok';
  }
}

export function toRow(e: EventInput): EventRow {
  const durMs = e.durMs ?? (e.kind === 'llm_call' ? e.latencyMs : null);
  const status = statusOf(e);
  const llm = e.kind === 'llm_call';
  const severity = e.kind === 'log' || e.kind === 'alert' ? e.severity : null;
  const lane = LANE_OF_KIND[e.kind];
  const body = JSON.stringify(e);
  return [
    e.ts,
    durMs,
    e.kind,
    lane,
    e.service,
    displayName(e),
    status,
    scoreOf(status, durMs),
    severity,
    llm ? e.inputTokens + e.outputTokens : null,
    llm ? e.costUsd : null,
    e.traceId ?? null,
    e.spanId ?? null,
    e.externalId ?? null,
    body,
    flagsOf(lane, body),
  ];
}
