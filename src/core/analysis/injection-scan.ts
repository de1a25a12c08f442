/** Runs the prompt-injection detector over the LLM inputs/outputs and tool outputs the prefilter let through. */
import { ref } from './entities';
import { iso } from './event-series';
import { scanForInjection, type InjectionHit } from './injection';
import { cmp } from './lanes';
import { all, sql } from './sql';
import type { Ctx, Signal } from './types';

interface Suspect {
  id: number;
  ts: number;
  service: string;
  trace_id: string | null;
  body: string;
}

interface Hit extends InjectionHit {
  id: number;
  ts: number;
  service: string;
  traceId: string | null;
  where: string;
  tool: string | null;
  model: string | null;
}

const TEXT_FIELDS = ['inputPreview', 'outputPreview', 'error', 'statusMessage'];

function scanBody(s: Suspect): Hit | null {
  let e: unknown;
  try {
    e = JSON.parse(s.body);
  } catch {
    return null;
  }
  if (typeof e !== 'object' || e === null) return null;
  const o = e as Record<string, unknown>;
  const texts: [string, string][] = [];
  for (const f of TEXT_FIELDS) if (typeof o[f] === 'string') texts.push([f, o[f]]);
  const attrs = o.attrs;
  if (typeof attrs === 'object' && attrs !== null) {
    for (const [k, v] of Object.entries(attrs as Record<string, unknown>)) if (typeof v === 'string' && v.length >= 12) texts.push([`attrs.${k}`, v]);
  }
  for (const [where, text] of texts) {
    const h = scanForInjection(text);
    if (h !== null) {
      return {
        ...h,
        id: s.id,
        ts: s.ts,
        service: s.service,
        traceId: s.trace_id,
        where,
        tool: o.kind === 'agent_action' && typeof o.tool === 'string' ? o.tool : null,
        model: o.kind === 'llm_call' && typeof o.model === 'string' ? o.model : null,
      };
    }
  }
  return null;
}

export function injectionSignals(ctx: Ctx, suspects: readonly Suspect[]): Signal[] {
  const { frame } = ctx;
  const hits = suspects.map(scanBody).filter((h): h is Hit => h !== null);
  if (hits.length === 0) return [];
  const split = frame.from + 0.35 * (frame.to - frame.from);
  const out: Signal[] = [];
  const byService = new Map<string, Hit[]>();
  for (const h of hits) (byService.get(h.service) ?? byService.set(h.service, []).get(h.service))?.push(h);
  for (const [service, hs] of [...byService.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    hs.sort((a, b) => a.ts - b.ts || a.id - b.id);
    const early = hs.filter((h) => h.ts < split).length;
    const late = hs.length - early;
    // A tool action in the same trace after the injected text: a high-risk flow.
    const followed: string[] = [];
    for (const h of hs.slice(0, 20)) {
      if (h.traceId === null) continue;
      const q = sql`SELECT name FROM events WHERE ts / 3600000 IN (${Math.floor(h.ts / 3_600_000)}, ${Math.floor(h.ts / 3_600_000) + 1})
        AND trace_id = ${h.traceId} AND lane = 'agent' AND ts >= ${h.ts} ORDER BY ts LIMIT 5`;
      for (const r of all<{ name: string }>(ctx.db, q)) if (!followed.includes(r.name)) followed.push(r.name);
    }
    const rules = [...new Set(hs.map((h) => h.rule))].sort();
    // A rule that fires as often before as after (benign prompt text matching it) does not count.
    const active = rules.filter((rule) => {
      const e = hs.filter((h) => h.rule === rule && h.ts < split).length;
      const l = hs.filter((h) => h.rule === rule && h.ts >= split).length;
      return e === 0 || l >= 4 * e;
    });
    const uniform = active.length === 0;
    const strength = uniform ? 0.15 : Math.min(0.95, 0.45 + 0.08 * Math.min(5, hs.length) + (followed.length > 0 ? 0.15 : 0));
    const tools = [...new Set(hs.map((h) => h.tool).filter((t): t is string => t !== null)), ...followed].slice(0, 4);
    const models = [...new Set(hs.map((h) => h.model).filter((m): m is string => m !== null))].slice(0, 2);
    const entities = [ref('service', service), ...tools.map((t) => ref('tool', t)), ...models.map((m) => ref('model', m))];
    const first = hs[0] as Hit;
    const id = ctx.book.add({
      kind: 'monitor',
      summary: `prompt-injection detector: ${hs.length} hit(s) in ${service} (${rules.join(', ')}) from ${iso(first.ts)}, e.g. in ${first.where}: “${first.excerpt.slice(0, 160)}”${followed.length > 0 ? `; followed by tool calls ${followed.join(', ')}` : ''}`,
      entities,
      at: first.ts,
      eventIds: hs.map((h) => h.id),
      // The flagged events themselves (the detector's rules run in the engine, not in SQL).
      sql: `SELECT id, ts, kind, service, trace_id, body FROM events WHERE id IN (${hs.slice(0, 200).map((h) => h.id).join(', ')}) ORDER BY ts`,
      strength,
      facts: { monitor: 'prompt-injection detector', hits: hs.length, before_baseline_split: early, after_baseline_split: late, rules: rules.join(','), active_rules: active.join(','), tool_followed: followed.length > 0 },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'injection', entities, at: first.ts, strength, symptom: false, direction: 'up', failureClass: 'injection', detail: { hits: hs.length, followed: followed.length } });
  }
  return out;
}
