/** Counts of an import by family, and their sums over files. */
import type { ImportCounts, ImportFileCounts } from '../../../shared/contract-ingest';
import type { EventKind } from '../../../shared/events';
import type { ParsedBatch } from '../formats/types';

const KEY: Record<EventKind, keyof ImportCounts | null> = {
  llm_call: 'llm_calls',
  agent_action: 'agent_actions',
  span: 'spans',
  log: 'logs',
  alert: 'alerts',
  change: 'changes',
};

export function zeroCounts(): ImportCounts {
  return { llm_calls: 0, agent_actions: 0, spans: 0, logs: 0, points: 0, alerts: 0, changes: 0 };
}

export function zeroFileCounts(): ImportFileCounts {
  return { ...zeroCounts(), series: 0, incidents: 0, duplicates: 0 };
}

export function countBatch(batch: ParsedBatch): ImportFileCounts {
  const c = zeroFileCounts();
  for (const e of batch.events) {
    const k = KEY[e.kind];
    if (k) c[k]++;
  }
  for (const s of batch.series) c.points += s.points.length;
  c.series = batch.series.length;
  c.incidents = batch.incidents?.length ?? 0;
  return c;
}

export function addCounts(total: ImportCounts, c: ImportCounts): void {
  for (const k of Object.keys(total) as (keyof ImportCounts)[]) total[k] += c[k];
}
