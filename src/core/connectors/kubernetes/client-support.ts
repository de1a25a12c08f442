/**
 * What the live clients of these connectors share: turning any failure into a ProbeResult, a
 * parse failure of a live answer into ConnectorError 'bad_shape', and keeping a batch to the
 * fetched window.
 */
import type { ProbeResult } from '../../../shared/connections';
import type { ParsedBatch } from '../../import/formats/types';
import { ImportError } from '../../import/formats/types';
import { ConnectorError } from '../common/http';

export async function probeWith(run: () => Promise<{ latencyMs: number; detail: string }>): Promise<ProbeResult> {
  try {
    const r = await run();
    return { ok: true, latencyMs: Math.round(r.latencyMs), detail: r.detail };
  } catch (err) {
    const e = asConnectorError(err);
    return { ok: false, code: e.code, message: e.message, latencyMs: null };
  }
}

export function asConnectorError(err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof ImportError) return new ConnectorError('bad_shape', `Unexpected answer: ${err.message}${err.where?.path ? ` at ${err.where.path}` : ''}`);
  return new ConnectorError('network', err instanceof Error ? err.message : String(err));
}

/** Parses a live answer with an import parser: its ImportError becomes 'bad_shape'. */
export function parseLive<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asConnectorError(err);
  }
}

export function inWindow(batch: ParsedBatch, from: number, to: number): ParsedBatch {
  return {
    events: batch.events.filter((e) => e.ts >= from && e.ts <= to),
    series: batch.series.map((s) => ({ ...s, points: s.points.filter(([t]) => t >= from && t <= to) })).filter((s) => s.points.length > 0),
  };
}

export function merge(batches: ParsedBatch[]): ParsedBatch {
  return { events: batches.flatMap((b) => b.events), series: batches.flatMap((b) => b.series) };
}
