/**
 * Stored drafts and the commander's edits (tables `postmortem_drafts` and `postmortem_edits`, created
 * by the store's migration list, src/core/store/migrations.ts).
 * An edit remembers a digest of the generated text it replaced, so a regeneration that changes
 * that text can say so next to the edit, which it keeps.
 */
import { createHash } from 'node:crypto';
import { ContractFailure } from '../../shared/envelope';
import { POSTMORTEM_SECTIONS, PostmortemDraft, SECTION_TITLES, type Postmortem, type SectionKey } from '../../shared/postmortem';
import type { EventStore } from '../store/api';

export interface StoredEdit {
  section: SectionKey;
  text: string;
  actor: string;
  editedAt: number;
  baseDigest: string;
}

export const digestOf = (s: string): string => createHash('sha256').update(s).digest('hex');

function writable(store: EventStore): void {
  if (store.readOnly) throw new ContractFailure('forbidden', `The store ${store.path} is open read-only; the postmortem cannot be saved.`);
}

export function loadDraft(store: EventStore, incidentId: string): PostmortemDraft | null {
  const row = store.sql.prepare('SELECT draft_json FROM postmortem_drafts WHERE incident_id = ?').get(incidentId) as { draft_json: string } | undefined;
  if (row === undefined) return null;
  const parsed = PostmortemDraft.safeParse(JSON.parse(row.draft_json) as unknown);
  // A draft from another version of the schema is drafted again rather than shown half-read.
  return parsed.success ? parsed.data : null;
}

export function saveDraft(store: EventStore, draft: PostmortemDraft): void {
  writable(store);
  store.sql
    .prepare('INSERT INTO postmortem_drafts (incident_id, draft_json, generated_at) VALUES (?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET draft_json = excluded.draft_json, generated_at = excluded.generated_at')
    .run(draft.incidentId, JSON.stringify(draft), draft.generatedAt);
}

export function loadEdits(store: EventStore, incidentId: string): StoredEdit[] {
  const rows = store.sql.prepare('SELECT section, text, actor, edited_at, base_digest FROM postmortem_edits WHERE incident_id = ?').all(incidentId) as {
    section: string;
    text: string;
    actor: string;
    edited_at: number;
    base_digest: string;
  }[];
  return rows
    .filter((r): r is typeof r & { section: SectionKey } => (POSTMORTEM_SECTIONS as readonly string[]).includes(r.section))
    .map((r) => ({ section: r.section, text: r.text, actor: r.actor, editedAt: r.edited_at, baseDigest: r.base_digest }));
}

/** Saves (or, with null, removes) the commander's text of one section. */
export function saveEdit(store: EventStore, draft: PostmortemDraft, section: SectionKey, text: string | null, actor: string, at: number): void {
  writable(store);
  if (text === null) {
    store.sql.prepare('DELETE FROM postmortem_edits WHERE incident_id = ? AND section = ?').run(draft.incidentId, section);
    return;
  }
  store.sql
    .prepare(
      `INSERT INTO postmortem_edits (incident_id, section, text, actor, edited_at, base_digest) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (incident_id, section) DO UPDATE SET text = excluded.text, actor = excluded.actor, edited_at = excluded.edited_at, base_digest = excluded.base_digest`,
    )
    .run(draft.incidentId, section, text, actor.slice(0, 200), at, digestOf(draft.generated[section]));
}

export function discardEdits(store: EventStore, incidentId: string): number {
  writable(store);
  return store.sql.prepare('DELETE FROM postmortem_edits WHERE incident_id = ?').run(incidentId).changes;
}

/** The draft with the edits laid over it, section by section. */
export function withEdits(draft: PostmortemDraft, edits: readonly StoredEdit[], stored: boolean): Postmortem {
  const byKey = new Map(edits.map((e) => [e.section, e]));
  return {
    draft,
    stored,
    sections: POSTMORTEM_SECTIONS.map((key) => {
      const e = byKey.get(key);
      const generated = draft.generated[key];
      return {
        key,
        title: SECTION_TITLES[key],
        generated,
        edited: e?.text ?? null,
        editedBy: e?.actor ?? null,
        editedAt: e?.editedAt ?? null,
        generatedChanged: e !== undefined && e.baseDigest !== digestOf(generated),
      };
    }),
  };
}
