/** The lines of the hover card: from the compact item at once, from the full event once loaded. Pure. */
import type { EventDetail } from '../../shared/contract';
import type { EventItem } from '../../shared/window';
import { formatUsd, formatValue } from './format';
import { formatDuration, formatInstant } from './ticks';

export type CardLine = readonly [label: string, value: string];

export function itemLines(it: EventItem): CardLine[] {
  const lines: CardLine[] = [
    ['time', `${formatInstant(it.ts, true)} UTC`],
    ['service', it.service],
    ['status', it.status],
  ];
  if (it.durMs !== null) lines.push(['duration', formatDuration(it.durMs)]);
  if (it.tokens !== null) lines.push(['tokens', formatValue(it.tokens)]);
  if (it.costUsd !== null) lines.push(['cost', formatUsd(it.costUsd)]);
  return lines;
}

export function detailLines(d: EventDetail): CardLine[] {
  const e = d.event;
  switch (e.kind) {
    case 'llm_call':
      return [
        ['model', `${e.provider}/${e.model}`],
        ['operation', e.operation],
        ['tokens in/out', `${e.inputTokens} / ${e.outputTokens}`],
        ['cost', formatUsd(e.costUsd)],
        ['latency', formatDuration(e.latencyMs)],
        ['status', e.errorType ? `${e.status} (${e.errorType})` : e.status],
        ['finish reason', e.finishReason ?? '–'],
      ];
    case 'agent_action': {
      const l: CardLine[] = [
        ['agent', e.agent],
        ['tool', e.tool],
        ['outcome', e.outcome],
      ];
      if (e.error) l.push(['error', e.error.slice(0, 200)]);
      return l;
    }
    case 'span':
      return [
        ['span', e.name],
        ['duration', e.durMs !== undefined ? formatDuration(e.durMs) : '–'],
        ['status', e.statusMessage ? `${e.status}: ${e.statusMessage.slice(0, 120)}` : e.status],
      ];
    case 'alert': {
      const l: CardLine[] = [
        ['alert', e.name],
        ['state', `${e.state} · ${e.severity}`],
      ];
      if (e.summary) l.push(['summary', e.summary.slice(0, 200)]);
      return l;
    }
    case 'change':
      return [
        ['change', `${e.changeType} · ${e.target}`],
        ['by', e.author],
        ['summary', e.summary.slice(0, 200)],
      ];
    case 'log':
      return [
        ['severity', e.severity],
        ['body', e.body.slice(0, 200)],
      ];
  }
}
