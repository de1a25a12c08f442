/** What an import did, per file. */
export interface ImportError {
  /** 1-based line of a JSON Lines file, or of a JSON document's syntax error. */
  line?: number;
  /** The field at fault: `event.ts`, `events[12].attrs`, `sitrep`, `(root)`. */
  field?: string;
  message: string;
}

export interface ImportReport {
  file: string;
  format: 'json' | 'jsonl' | 'unknown';
  /** No errors at all. */
  ok: boolean;
  /** Whether anything was written to the store. */
  written: boolean;
  events: number;
  duplicates: number;
  series: number;
  points: number;
  incidents: number;
  /** Up to `maxErrors` errors… */
  errors: ImportError[];
  /** …out of this many. */
  errorCount: number;
  tookMs: number;
}

export function emptyReport(file: string): ImportReport {
  return {
    file,
    format: 'unknown',
    ok: true,
    written: false,
    events: 0,
    duplicates: 0,
    series: 0,
    points: 0,
    incidents: 0,
    errors: [],
    errorCount: 0,
    tookMs: 0,
  };
}

/** `file:12: event.ts: Expected number` */
export function formatImportError(file: string, e: ImportError): string {
  return [file + (e.line !== undefined ? `:${e.line}` : ''), e.field, e.message].filter((x) => x !== undefined).join(': ');
}
