/**
 * Contract channels of file import and live incident polling (declared here, spread into ../contract.ts),
 * and the payloads of their push events (`import.progress`, `live.status`, listed in ../contract.ts).
 */
import { z } from 'zod';

/** What an import wrote, by family. `totals` of a CLI run carry exactly these seven keys. */
export const ImportCounts = z.object({
  llm_calls: z.number().int().min(0),
  agent_actions: z.number().int().min(0),
  spans: z.number().int().min(0),
  logs: z.number().int().min(0),
  points: z.number().int().min(0),
  alerts: z.number().int().min(0),
  changes: z.number().int().min(0),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/** Per file: the counts above, plus series, incidents and events already stored (skipped). */
export const ImportFileCounts = ImportCounts.extend({
  series: z.number().int().min(0),
  incidents: z.number().int().min(0),
  duplicates: z.number().int().min(0),
});
export type ImportFileCounts = z.infer<typeof ImportFileCounts>;

export const ImportWhere = z.object({
  line: z.number().int().optional(),
  offset: z.number().int().optional(),
  path: z.string().max(1024).optional(),
});

/** One file's outcome: imported whole (ok) or rejected with the reason and where. */
export const ImportFileResult = z.object({
  path: z.string().max(4096),
  /** Format id (`otlp-json-traces`, `sitrep-jsonl`…) or null when no format claimed the file. */
  format: z.string().max(128).nullable(),
  ok: z.boolean(),
  counts: ImportFileCounts,
  error: z.string().max(8192).nullable(),
  where: ImportWhere.optional(),
  tookMs: z.number().min(0),
});
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const ImportJobResult = z.object({
  files: z.array(ImportFileResult),
  totals: ImportCounts,
  cancelled: z.boolean(),
});
export type ImportJobResult = z.infer<typeof ImportJobResult>;

export const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a job id is 8–64 letters, digits, _ or -');

export const ImportProgress = z.object({
  jobId: JobId,
  /** The file being imported (its display name). */
  file: z.string().max(4096),
  fileIndex: z.number().int().min(0).optional(),
  fileCount: z.number().int().min(0).optional(),
  phase: z.enum(['read', 'parse', 'write', 'done']).optional(),
  bytesDone: z.number().min(0),
  bytesTotal: z.number().min(0),
  done: z.boolean(),
  result: ImportJobResult.optional(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const LiveSourceStatus = z.object({
  connectionId: z.string(),
  name: z.string().optional(),
  ok: z.boolean(),
  error: z.string().max(2048).optional(),
  /** ms epoch of the last finished poll, null before the first. */
  lastPoll: z.number().nullable(),
  events: z.number().int().min(0).optional(),
});
export type LiveSourceStatus = z.infer<typeof LiveSourceStatus>;

export const LiveStatus = z.object({ incidentId: z.string(), sources: z.array(LiveSourceStatus) });
export type LiveStatus = z.infer<typeof LiveStatus>;

const IncidentRef = z.object({ incidentId: z.string().min(1).max(128) }).strict();

export const ingestChannels = {
  /**
   * Import local files (desktop: dropped files turned into paths by the preload). Returns at once
   * with the job id; progress and the result arrive as `import.progress` pushes.
   * `names` (optional, same length) are the names shown instead of the paths.
   */
  'import.paths': {
    input: z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(1000),
        names: z.array(z.string().min(1).max(1024)).max(1000).optional(),
        jobId: JobId.optional(),
      })
      .strict()
      .refine((i) => i.names === undefined || i.names.length === i.paths.length, {
        message: '`names` must have one entry per path',
        path: ['names'],
      }),
    output: z.object({ jobId: JobId, files: z.number().int() }),
  },
  'import.cancel': { input: z.object({ jobId: JobId }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'live.watch': { input: IncidentRef, output: z.object({ watching: z.boolean(), intervalMs: z.number().int(), sources: z.number().int() }) },
  'live.unwatch': { input: IncidentRef, output: z.object({ watching: z.boolean() }) },
} as const;

/** Push events of this feature (spread into `pushEvents` in ../contract.ts). */
export const ingestPushEvents = {
  'import.progress': ImportProgress,
  'live.status': LiveStatus,
} as const;
