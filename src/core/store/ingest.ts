/** Validation of untrusted ingest input: every element is parsed before anything is written. */
import type { z } from 'zod';
import { ContractFailure } from '../../shared/envelope';
import { EventInput, MetricSeriesInput } from '../../shared/events';

export interface ValidInput {
  events: EventInput[];
  series: MetricSeriesInput[];
}

function issueText(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${where}: invalid`;
  const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${where}${field}: ${issue.message}`;
}

function parseAll<T>(name: string, list: unknown, schema: z.ZodType<T>): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ContractFailure('bad_input', `${name}: expected an array`);
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = schema.safeParse(list[i]);
    if (!r.success) throw new ContractFailure('bad_input', issueText(`${name}[${i}]`, r.error));
    out.push(r.data);
  }
  return out;
}

/** Throws ContractFailure('bad_input') naming the first invalid element and field. */
export function validateIngest(input: { events?: unknown; series?: unknown }): ValidInput {
  return {
    events: parseAll('events', input.events, EventInput),
    series: parseAll('series', input.series, MetricSeriesInput),
  };
}
