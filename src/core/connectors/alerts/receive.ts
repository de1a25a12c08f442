/**
 * Writes parsed alert transitions into the store and applies them to incidents. Every alert
 * was already validated by its parser and is validated again by `store.ingest` (all before the
 * first write); each is written in its own transaction so the store says which ones were
 * re-deliveries (same kind + externalId: skipped), and only new ones touch incidents.
 */
import { ContractFailure } from '../../../shared/envelope';
import type { AlertEvent } from '../../../shared/events';
import { AlertEvent as AlertEventSchema } from '../../../shared/events';
import type { CoreContext } from '../../app/context';
import { openOrJoin, type IncidentOutcome, type OpenOrJoinOptions } from '../../incidents/open-or-join';
import type { AlertParse } from './normalize';

export interface ReceiveSummary {
  accepted: number;
  duplicates: number;
  ignored: number;
  reasons: string[];
  incidents: IncidentOutcome[];
}

export function receiveAlerts(ctx: CoreContext, parsed: AlertParse, receivedAt: number, opts: OpenOrJoinOptions = {}): ReceiveSummary {
  // Validate the whole payload first: a bad element writes nothing at all.
  parsed.alerts.forEach((a, i) => {
    const r = AlertEventSchema.safeParse(a);
    if (!r.success) throw new ContractFailure('bad_input', `alert ${i}: ${r.error.issues[0]?.message ?? 'invalid'} at ${r.error.issues[0]?.path.join('.') ?? '?'}`);
  });
  const fresh: AlertEvent[] = [];
  let duplicates = 0;
  for (const a of parsed.alerts) {
    const s = ctx.store.ingest({ events: [a] });
    if (s.duplicates > 0) duplicates++;
    else fresh.push(a);
  }
  if (fresh.length > 0) ctx.emit('store.changed', { areas: ['events'] });
  const incidents = fresh.length > 0 ? openOrJoin(ctx, fresh, receivedAt, opts) : [];
  return {
    accepted: fresh.length,
    duplicates,
    ignored: parsed.ignored.length,
    reasons: parsed.ignored.map((i) => i.reason),
    incidents,
  };
}
