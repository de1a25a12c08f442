/**
 * The last step of every parser of these connectors: each mapped event and series is checked
 * against the unified model's schema, so a parse either returns a batch the store will accept
 * whole, or throws an ImportError naming the first offending item (nothing is half-written).
 */
import { EventInput, MetricSeriesInput } from '../../../shared/events';
import { ImportError, type ParsedBatch } from '../../import/formats/types';

export function finishBatch(events: EventInput[], series: MetricSeriesInput[] = [], source = 'input'): ParsedBatch {
  for (let i = 0; i < events.length; i++) {
    const r = EventInput.safeParse(events[i]);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ImportError(`${source}: mapped event ${i} is invalid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), { path: `events[${i}]` });
    }
  }
  for (let i = 0; i < series.length; i++) {
    const r = MetricSeriesInput.safeParse(series[i]);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ImportError(`${source}: mapped series ${i} is invalid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), { path: `series[${i}]` });
    }
  }
  return { events, series };
}

/** Guards a list's length before mapping it. */
export function checkCount(n: number, max: number, what: string, path: string): void {
  if (n > max) throw new ImportError(`${what}: ${n} items, more than the limit of ${max}`, { path });
}
