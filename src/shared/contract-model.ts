/**
 * Contract channels of the model layer (declared here, spread into ../contract.ts): the model
 * settings (which model, redaction, the network switch), the model doctor, and a streamed model
 * review of an incident's hypotheses. No output carries a secret: a remote API key is named by
 * reference (`env:NAME` or a vault connection), never sent either way.
 */
import { z } from 'zod';
import { AnalysisResult } from './hypotheses';

const Empty = z.object({}).strict();
const IncidentId = z.string().min(1).max(128);
const JobId = z.string().min(1).max(64);

export const ModelMode = z.enum(['none', 'local', 'remote']);
export type ModelMode = z.infer<typeof ModelMode>;

const GgufPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /\.gguf$/i.test(p), 'a model file ends in .gguf')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'give the full path of the file');
const HttpUrl = z
  .string()
  .url()
  .max(2048)
  .refine((u) => /^https?:\/\//i.test(u), 'the endpoint URL starts with http:// or https://');
/** `env:NAME` (an environment variable of the core's process) or the name of a vault connection. */
export const ApiKeyRef = z
  .string()
  .min(1)
  .max(128)
  .refine((r) => r.trim() === r, 'no spaces around the reference')
  .refine((r) => !r.startsWith('env:') || /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(r), 'env: is followed by a variable name');

export const RedactionSwitches = z.object({ secrets: z.boolean(), emails: z.boolean(), ips: z.boolean(), userIds: z.boolean() }).strict();
export type RedactionSwitches = z.infer<typeof RedactionSwitches>;

/** What the renderer sees of the model settings. */
export const ModelSettingsView = z.object({
  mode: ModelMode,
  local: z.object({
    path: z.string().max(4096).nullable(),
    threads: z.number().int().min(1).nullable(),
    contextSize: z.number().int().min(0),
    budgetTokens: z.number().int().min(0),
    redact: z.boolean(),
  }),
  remote: z
    .object({
      url: z.string().max(2048),
      model: z.string().max(256),
      apiKeyRef: z.string().max(128).nullable(),
      budgetTokens: z.number().int().min(0),
    })
    .nullable(),
  redaction: RedactionSwitches,
  offline: z.boolean(),
});
export type ModelSettingsView = z.infer<typeof ModelSettingsView>;

/** A change to the model settings: only the parts given change. */
export const ModelSettingsPatch = z
  .object({
    mode: ModelMode.optional(),
    local: z
      .object({
        path: GgufPath.nullable().optional(),
        threads: z.number().int().min(1).max(512).nullable().optional(),
        contextSize: z.number().int().min(512).max(131_072).optional(),
        budgetTokens: z.number().int().min(200).max(100_000).optional(),
        redact: z.boolean().optional(),
      })
      .strict()
      .optional(),
    remote: z
      .object({ url: HttpUrl, model: z.string().min(1).max(256), apiKeyRef: ApiKeyRef.nullable(), budgetTokens: z.number().int().min(200).max(200_000).optional() })
      .strict()
      .nullable()
      .optional(),
    redaction: RedactionSwitches.partial().strict().optional(),
    offline: z.boolean().optional(),
  })
  .strict();
export type ModelSettingsPatch = z.input<typeof ModelSettingsPatch>;

export const DoctorFinding = z.object({
  level: z.enum(['ok', 'warn', 'error']),
  check: z.string().max(64),
  message: z.string().max(2048),
  fix: z.string().max(2048),
});
export type DoctorFinding = z.infer<typeof DoctorFinding>;

export const DoctorReport = z.object({ mode: ModelMode, target: z.string().max(2048).nullable(), findings: z.array(DoctorFinding).max(50) });
export type DoctorReport = z.infer<typeof DoctorReport>;

/** A review in progress: the answer so far, then the reviewed result (or why it failed). */
export const ReviewProgress = z.object({
  jobId: JobId,
  incidentId: IncidentId,
  /** `local:<file>` or `remote:<host>`. */
  model: z.string().max(512),
  /** Where the prompt goes (remote), null for a local model. */
  egressHost: z.string().max(512).nullable(),
  /** The answer streamed so far (bounded; the reviewed result has what was kept). */
  text: z.string().max(65_536),
  done: z.boolean(),
  cancelled: z.boolean(),
  result: AnalysisResult.optional(),
  error: z.string().max(1024).optional(),
});
export type ReviewProgress = z.infer<typeof ReviewProgress>;

export const modelChannels = {
  'model.settings.get': { input: Empty, output: ModelSettingsView },
  'model.settings.set': { input: ModelSettingsPatch, output: ModelSettingsView },
  /** Checks the saved choice: the file or the endpoint, in words a person can act on. */
  'model.doctor': { input: Empty, output: DoctorReport },
  /** Starts a model review of the incident's latest analysis; progress comes as `analysis.review.progress`. */
  'analysis.review.start': { input: z.object({ incidentId: IncidentId }).strict(), output: z.object({ jobId: JobId }) },
  'analysis.review.cancel': { input: z.object({ jobId: JobId }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

export const modelPushEvents = {
  'analysis.review.progress': ReviewProgress,
} as const;
