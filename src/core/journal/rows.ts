/** Journal entries as the viewer shows them: a one-line summary and the payload as bounded JSON. */
import type { JournalRow } from '../../shared/contract-governance';
import type { PageEntry } from './journal';

export const MAX_PAYLOAD_CHARS = 16 * 1024;
const MAX_SUMMARY = 400;

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_SUMMARY ? `${t.slice(0, MAX_SUMMARY - 1)}…` : t;
}

function field(p: Record<string, unknown>, k: string): string | null {
  const v = p[k];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

/** What a person reads first for each kind of entry. */
export function summarize(kind: string, payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '';
  const p = payload as Record<string, unknown>;
  switch (kind) {
    case 'note':
    case 'decision':
      return oneLine(field(p, 'text') ?? '');
    case 'hypothesis':
      return oneLine(`${field(p, 'title') ?? ''}${p.confidence !== undefined ? ` (confidence ${field(p, 'confidence')})` : ''}`);
    case 'evidence':
      return oneLine(`${field(p, 'source') ?? 'query'}: ${field(p, 'query') ?? ''}`);
    case 'break_glass':
      return oneLine(`BREAK-GLASS by ${field(p, 'operator') ?? '?'} on ${field(p, 'actionId') ?? '?'}: ${field(p, 'reason') ?? ''}`);
    case 'dispatching':
      return oneLine(`dispatching ${field(p, 'actionId') ?? '?'} (request ${(field(p, 'requestHash') ?? '').slice(0, 12)})`);
    case 'dispatch_result':
    case 'verification':
      return oneLine(`${field(p, 'actionId') ?? '?'}: ${p.ok === true ? 'ok' : 'FAILED'}${field(p, 'message') ? ` — ${field(p, 'message')}` : ''}`);
    case 'approval':
      return oneLine(`approval of ${field(p, 'actionId') ?? '?'}`);
    case 'model_io':
      return oneLine(`model ${field(p, 'model') ?? (field(p, 'modelSha256') ?? '').slice(0, 12)}`);
    case 'checkpoint':
      return oneLine(`checkpoint of #${field(p, 'seq') ?? '?'}`);
    default:
      return oneLine(JSON.stringify(p));
  }
}

export function toRow(e: PageEntry): JournalRow {
  if (e.unreadable) {
    return { seq: e.seq, ts: e.ts, kind: e.kind.slice(0, 64), actor: e.actor, summary: 'Modified: this entry does not match what was sealed. Run Verify.', payload: '', truncated: false, hash: e.hash, unreadable: true };
  }
  const json = JSON.stringify(e.payload, null, 2) ?? '';
  const truncated = json.length > MAX_PAYLOAD_CHARS;
  return {
    seq: e.seq,
    ts: e.ts,
    kind: e.kind,
    actor: e.actor,
    summary: summarize(e.kind, e.payload),
    payload: truncated ? json.slice(0, MAX_PAYLOAD_CHARS) : json,
    truncated,
    hash: e.hash,
    unreadable: false,
  };
}
