/**
 * A postmortem draft: what Sitrep can say about an incident from the store (alerts, changes, LLM
 * tokens and cost, metric series), the latest analysis (hypotheses, decisions, blast radius) and
 * the journal (decisions, approvals, dispatches, notes, actions done by hand). Every section has
 * the generated text and, once the commander edits it, the edited text; exports use the edited
 * text where there is one. Where something is unknown the draft says so and why; it never fills
 * a gap with a guess.
 */
import { z } from 'zod';
import { IncidentSeverity, IncidentStatus } from './incident';

const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const text = (max: number) => z.string().max(max);

export const POSTMORTEM_SECTIONS = ['summary', 'impact', 'timeline', 'root_cause', 'rejected', 'contributing', 'action_items', 'response'] as const;
export const SectionKey = z.enum(POSTMORTEM_SECTIONS);
export type SectionKey = z.infer<typeof SectionKey>;

export const SECTION_TITLES: Record<SectionKey, string> = {
  summary: 'Summary',
  impact: 'Impact',
  timeline: 'Timeline',
  root_cause: 'Root cause',
  rejected: 'What was tried and rejected',
  contributing: 'Contributing factors',
  action_items: 'Action items',
  response: 'Response times',
};

/** The most a section's text may hold (generated or edited). */
export const MAX_SECTION_CHARS = 20_000;

export const PostmortemSection = z.object({
  key: SectionKey,
  title: text(64),
  /** What Sitrep wrote from the data. */
  generated: text(MAX_SECTION_CHARS),
  /** The commander's text, or null when the section was never edited (or was reverted). */
  edited: text(MAX_SECTION_CHARS).nullable(),
  editedBy: text(200).nullable(),
  editedAt: epochMs.nullable(),
  /** The generated text changed since the commander edited this section (a regeneration found new data). */
  generatedChanged: z.boolean(),
});
export type PostmortemSection = z.infer<typeof PostmortemSection>;

export const TIMELINE_KINDS = ['milestone', 'alert', 'change', 'hypothesis', 'decision', 'action', 'note'] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineLine = z.object({
  ts: epochMs,
  kind: TimelineKind,
  text: text(1024),
  /** Where the line comes from: an event in the store, the analysis, the journal, the incident record. */
  source: z.enum(['store', 'analysis', 'journal', 'incident']),
  /** The journal entry it was drafted from (#seq), when it came from the journal. */
  journalSeq: z.number().int().min(1).nullable(),
  /** The stored event it shows (alerts and changes), to select it on the timeline. */
  eventId: z.number().int().min(0).nullable(),
  actor: text(200).nullable(),
});
export type TimelineLine = z.infer<typeof TimelineLine>;

export const RESPONSE_MEASURES = ['detect', 'context', 'mitigate', 'resolve'] as const;
export const ResponseMeasure = z.object({
  key: z.enum(RESPONSE_MEASURES),
  label: text(64),
  /** null: unknown (then `note` says why). */
  ms: z.number().int().min(0).nullable(),
  from: z.object({ label: text(256), ts: epochMs }).nullable(),
  to: z.object({ label: text(512), ts: epochMs }).nullable(),
  /** What the figure was measured from, or why it is unknown. */
  note: text(1024),
});
export type ResponseMeasure = z.infer<typeof ResponseMeasure>;

export const LlmUsage = z.object({
  calls: z.number().int().min(0),
  failed: z.number().int().min(0),
  tokens: z.number().min(0),
  costUsd: z.number().min(0),
  /** What the same span would have used at the rate before the onset; null without a baseline. */
  expectedTokens: z.number().min(0).nullable(),
  expectedCostUsd: z.number().min(0).nullable(),
});
export type LlmUsage = z.infer<typeof LlmUsage>;

export const Impact = z.object({
  /** Onset to resolution; null while unresolved. */
  durationMs: z.number().int().min(0).nullable(),
  requestShare: z.number().min(0).max(1).nullable(),
  usersAffected: z.number().int().min(0).nullable(),
  usersTotal: z.number().int().min(0).nullable(),
  services: z.array(text(512)).max(50),
  endpoints: z.array(text(512)).max(50),
  /** LLM calls from the onset to the resolution (or the end of the window); null when the store has none. */
  llm: LlmUsage.nullable(),
  /** Gaps, each with why. */
  unknowns: z.array(text(512)).max(20),
});
export type Impact = z.infer<typeof Impact>;

export const EvidenceRef = z.object({
  id: text(64),
  kind: text(32),
  summary: text(1024),
  at: epochMs,
  /** The exact query and window that reproduce it. */
  query: text(4096),
  from: epochMs,
  to: epochMs,
  eventId: z.number().int().min(0).nullable(),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

export const RootCause = z.object({
  hypothesisId: text(64),
  title: text(256),
  confidence: z.number().min(0).max(1),
  /** accepted: the commander accepted it; proposed: the analysis ranks it first, nobody confirmed it yet. */
  status: z.enum(['accepted', 'proposed']),
  reason: text(1024).nullable(),
  category: text(32),
  runbook: text(128).nullable(),
  entities: z.array(text(512)).max(32),
  evidence: z.array(EvidenceRef).max(12),
});
export type RootCause = z.infer<typeof RootCause>;

export const RejectedItem = z.object({
  what: text(512),
  why: text(1024),
  /** `engine` (the analysis ruled it out), a person (a decision), or `action` (an action that failed). */
  by: text(200),
  ts: epochMs.nullable(),
  journalSeq: z.number().int().min(1).nullable(),
});
export type RejectedItem = z.infer<typeof RejectedItem>;

export const ACTION_ITEM_KINDS = ['monitor', 'eval', 'change_safety', 'runbook', 'follow_up'] as const;
export const ActionItem = z.object({
  kind: z.enum(ACTION_ITEM_KINDS),
  text: text(1024),
  /** The data the item was drafted from. */
  basis: text(1024),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const ChartSeries = z.object({
  title: text(256),
  unit: text(32).nullable(),
  /** [t, v] pairs over the chart window; v null where there is no data. */
  points: z.array(z.tuple([epochMs, z.number().nullable()])).max(600),
});
export type ChartSeries = z.infer<typeof ChartSeries>;

export const PostmortemDraft = z.object({
  version: z.literal(1),
  incidentId: text(128),
  incident: z.object({
    title: text(512),
    severity: IncidentSeverity,
    status: IncidentStatus,
    startedAt: epochMs,
    detectedAt: epochMs.nullable(),
    resolvedAt: epochMs.nullable(),
    windowFrom: epochMs,
    windowTo: epochMs,
    services: z.array(text(512)).max(64),
  }),
  generatedAt: epochMs,
  /** The analysis the draft used, and whether it was the stored one (else it was run for this draft). */
  analysis: z.object({ id: text(64), createdAt: epochMs, stored: z.boolean() }).nullable(),
  journal: z.object({
    included: z.boolean(),
    /** Journal entries that concern this incident. */
    entries: z.number().int().min(0),
    note: text(512),
  }),
  timeline: z.array(TimelineLine).max(400),
  response: z.array(ResponseMeasure).length(RESPONSE_MEASURES.length),
  impact: Impact,
  rootCause: RootCause.nullable(),
  rejected: z.array(RejectedItem).max(60),
  contributing: z.array(z.object({ title: text(256), confidence: z.number().min(0).max(1), status: text(32) })).max(20),
  actionItems: z.array(ActionItem).max(30),
  charts: z.object({ from: epochMs, to: epochMs, series: z.array(ChartSeries).max(6) }),
  /** The generated text of every section, in POSTMORTEM_SECTIONS order. */
  generated: z.record(SectionKey, text(MAX_SECTION_CHARS)),
});
export type PostmortemDraft = z.infer<typeof PostmortemDraft>;

/** A draft with the commander's edits laid over it: what the screen shows and the exports print. */
export const Postmortem = z.object({
  draft: PostmortemDraft,
  sections: z.array(PostmortemSection).length(POSTMORTEM_SECTIONS.length),
  /** False when the draft was generated for this answer only (read-only store): edits cannot be saved. */
  stored: z.boolean(),
});
export type Postmortem = z.infer<typeof Postmortem>;

/** The text an export prints for a section: the edit when there is one. */
export const effectiveText = (s: PostmortemSection): string => s.edited ?? s.generated;
