/**
 * Imports one file by content, whole or not at all: read within limits → strict UTF-8 →
 * ParsedInput (JSON / JSON Lines / YAML / text) → the first format of the registry that claims
 * it parses it → one validated store transaction (`store.ingest`), then the batch's incidents.
 * Every failure becomes a result with the reason and where; nothing is written for it.
 * Cancellation (the signal) is honoured up to the write, which is one synchronous transaction.
 */
import type { ImportFileResult } from '../../../shared/contract-ingest';
import { Incident } from '../../../shared/incident';
import { ContractFailure } from '../../../shared/envelope';
import type { EventStore } from '../../store/api';
import { importFormats } from '../formats/registry';
import { ImportError, type ImportFormat, type ParsedBatch, type ParsedInput, type PriceTable } from '../formats/types';
import { countBatch, zeroFileCounts } from './counts';
import { PIPELINE_LIMITS, type PipelineLimits } from './limits';
import { buildInput } from './parse-input';
import { decodeUtf8, ImportCancelled, readLimited, throwIfCancelled } from './read-file';

export type ImportTarget = Pick<EventStore, 'ingest' | 'upsertIncident'>;
export type ImportPhase = 'read' | 'parse' | 'write' | 'done';

export interface ImportOneOptions {
  limits?: Partial<PipelineLimits>;
  signal?: AbortSignal;
  onProgress?: (phase: ImportPhase, bytesDone: number, bytesTotal: number) => void;
  /** Name shown in the result instead of the path (uploads). */
  displayName?: string;
  formats?: readonly ImportFormat[];
  now?: number;
  prices?: PriceTable;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export function detectFormat(input: ParsedInput, formats: readonly ImportFormat[]): ImportFormat | null {
  for (const f of formats) {
    try {
      if (f.detect(input)) return f;
    } catch {
      // detect must never throw; one that does is treated as "not mine".
    }
  }
  return null;
}

function describeInput(input: ParsedInput): string {
  switch (input.kind) {
    case 'json':
      return input.skippedLines > 0 ? `a JSON document (after ${input.skippedLines} skipped lines)` : 'a JSON document';
    case 'jsonl':
      return `JSON Lines (${input.lines.length} lines)`;
    case 'yaml':
      return `YAML (${input.docs.length} document${input.docs.length === 1 ? '' : 's'})`;
    case 'text':
      return 'text';
  }
}

function parseWith(format: ImportFormat, input: ParsedInput, opts: ImportOneOptions): ParsedBatch {
  try {
    return format.parse(input, { now: opts.now ?? Date.now(), prices: opts.prices });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`the ${format.label} parser failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function validIncidents(batch: ParsedBatch): Incident[] {
  return (batch.incidents ?? []).map((i, n) => {
    const r = Incident.safeParse(i);
    if (!r.success) {
      const issue = r.error.issues[0];
      const path = `incidents[${n}]${issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? ''}`;
      throw new ImportError(`${path}: ${issue?.message ?? 'invalid'}`, { path });
    }
    return r.data;
  });
}

export async function importOne(store: ImportTarget, path: string, opts: ImportOneOptions = {}): Promise<ImportFileResult> {
  const started = performance.now();
  const limits: PipelineLimits = { ...PIPELINE_LIMITS, ...opts.limits };
  const formats = opts.formats ?? importFormats;
  const result: ImportFileResult = { path: opts.displayName ?? path, format: null, ok: false, counts: zeroFileCounts(), error: null, tookMs: 0 };
  let total = 0;
  try {
    const bytes = await readLimited(path, {
      maxBytes: limits.maxBytes,
      signal: opts.signal,
      onProgress: (done, all) => {
        total = all;
        opts.onProgress?.('read', done, all);
      },
    });
    opts.onProgress?.('parse', bytes.length, total);
    await tick();
    throwIfCancelled(opts.signal);
    const input = await buildInput(decodeUtf8(bytes), limits, opts.signal);
    const format = detectFormat(input, formats);
    if (!format) {
      throw new ImportError(`unrecognised format: ${describeInput(input)} that none of the known formats claims (tried: ${formats.map((f) => f.id).join(', ')})`);
    }
    result.format = format.id;
    const batch = parseWith(format, input, opts);
    const incidents = validIncidents(batch);
    await tick();
    throwIfCancelled(opts.signal);
    opts.onProgress?.('write', bytes.length, total);
    const stats = store.ingest({ events: batch.events, series: batch.series });
    for (const i of incidents) store.upsertIncident(i);
    result.counts = { ...countBatch(batch), duplicates: stats.duplicates };
    result.ok = true;
  } catch (e) {
    if (e instanceof ImportError) {
      result.error = e.message;
      if (e.where) result.where = e.where;
    } else if (e instanceof ImportCancelled) result.error = e.message;
    else if (e instanceof ContractFailure) result.error = `invalid record: ${e.message}`;
    else {
      const code = (e as NodeJS.ErrnoException).code;
      result.error = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
    }
  }
  result.tookMs = Math.round(performance.now() - started);
  opts.onProgress?.('done', total, total);
  return result;
}
