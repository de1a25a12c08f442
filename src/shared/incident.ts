import { z } from 'zod';

export const IncidentSeverity = z.enum(['sev1', 'sev2', 'sev3', 'sev4']);
export const IncidentStatus = z.enum(['open', 'mitigated', 'resolved']);

export const Incident = z.object({
  id: z.string().min(1).max(128),
  title: z.string().max(512),
  severity: IncidentSeverity,
  status: IncidentStatus,
  startedAt: z.number(),
  detectedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  /** The window the incident view opens on. */
  windowFrom: z.number(),
  windowTo: z.number(),
  services: z.array(z.string()),
  summary: z.string().max(16_384),
});
export type Incident = z.infer<typeof Incident>;

/** Set on a review copy: an incident opened from a review bundle (read-only; see contract-bundle.ts). */
export const ReviewProvenance = z.object({
  kind: z.literal('bundle'),
  /** The incident's id where it was exported. */
  originalId: z.string(),
  exporter: z.object({ id: z.string(), name: z.string(), fingerprint: z.string(), trust: z.enum(['known', 'unknown', 'name_conflict']) }),
  exportedAt: z.number(),
  openedAt: z.number(),
  /** Every check passed when it was opened (a bundle that fails is never opened). */
  intact: z.boolean(),
  bundleSha256: z.string(),
});
export type ReviewProvenance = z.infer<typeof ReviewProvenance>;

export const IncidentSummary = Incident.extend({
  counts: z.object({
    events: z.number().int(),
    errors: z.number().int(),
    alerts: z.number().int(),
    changes: z.number().int(),
  }),
  provenance: ReviewProvenance.optional(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;
