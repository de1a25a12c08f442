/** Collects the evidence of one analysis: sequential ids, bounded samples, the query that produced each. */
import type { Evidence, EvidenceKind } from '../../shared/hypotheses';
import { clamp01, round } from './stats';

export interface EvidenceDraft {
  kind: EvidenceKind;
  summary: string;
  entities: readonly string[];
  at: number;
  eventIds?: readonly number[];
  seriesIds?: readonly number[];
  /** Exact SQL (window bounds inlined), or `derived` with the ids of the evidence it was derived from. */
  sql?: string;
  derivedFrom?: readonly string[];
  strength: number;
  facts?: Record<string, number | string | boolean | null>;
}

const MAX_EVIDENCE = 480;

export class EvidenceBook {
  private readonly items: Evidence[] = [];
  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {}

  add(d: EvidenceDraft): string | null {
    if (this.items.length >= MAX_EVIDENCE) return null;
    const id = `ev-${this.items.length + 1}`;
    const facts: Evidence['facts'] = {};
    for (const [k, v] of Object.entries(d.facts ?? {}).slice(0, 40)) {
      facts[k.slice(0, 64)] = typeof v === 'number' ? (Number.isFinite(v) ? round(v, 6) : null) : typeof v === 'string' ? v.slice(0, 512) : v;
    }
    const text = d.sql ?? `derived from ${(d.derivedFrom ?? []).join(', ') || 'the analysis'}`;
    this.items.push({
      id,
      kind: d.kind,
      summary: d.summary.slice(0, 1024),
      entities: uniqueRefs(d.entities).slice(0, 32),
      at: Math.max(0, Math.round(d.at)),
      eventIds: [...new Set(d.eventIds ?? [])].slice(0, 50),
      seriesIds: [...new Set(d.seriesIds ?? [])].slice(0, 20),
      query: { language: d.sql === undefined ? 'derived' : 'sql', text: text.slice(0, 4096), from: this.from, to: this.to },
      strength: round(clamp01(d.strength), 4),
      facts,
    });
    return id;
  }

  get(id: string): Evidence | undefined {
    return this.items.find((e) => e.id === id);
  }

  all(): Evidence[] {
    return this.items;
  }
}

const REF = /^[a-z_]+:.+$/;
/** Deduplicated, well-formed entity refs (kind:name, 3..512 chars), order kept. */
export function uniqueRefs(refs: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of refs) if (r.length >= 3 && r.length <= 512 && REF.test(r) && !out.includes(r)) out.push(r);
  return out;
}
