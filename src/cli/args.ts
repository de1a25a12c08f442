/** Argument parsers for commander options: each throws InvalidArgumentError with a readable reason. */
import { InvalidArgumentError } from 'commander';
import { LaneId, isMetricLane } from '../shared/lanes';
import type { LaneRequest } from '../shared/window';

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 timestamp with a time zone (`2026-03-14T02:47:00Z`) → epoch ms. */
export function parseIso(value: string): number {
  const ms = ISO_RE.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InvalidArgumentError('expected an ISO 8601 time with a zone, e.g. 2026-03-14T02:47:00Z');
  }
  return ms;
}

export function intParser(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\d+$/.test(value.replace(/[_,]/g, '')) ? Number(value.replace(/[_,]/g, '')) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
    }
    return n;
  };
}

/** `alerts,llm,gpu` → lane requests, in the order given. */
export function parseLanes(value: string): LaneRequest[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected a comma-separated list of lanes');
  const out: LaneRequest[] = [];
  for (const name of names) {
    const lane = LaneId.safeParse(name);
    if (!lane.success) throw new InvalidArgumentError(`unknown lane "${name}"; lanes: ${LaneId.options.join(', ')}`);
    const l = lane.data;
    if (isMetricLane(l)) out.push({ type: 'metrics', lane: l });
    else out.push({ type: 'events', lane: l });
  }
  return out;
}

export function allLanes(): LaneRequest[] {
  return parseLanes(LaneId.options.join(','));
}
