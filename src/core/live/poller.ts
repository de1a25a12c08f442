/**
 * Live incidents: while an incident is watched (the renderer watches the open incident), every
 * `intervalMs` each connected source's `fetchWindow` is asked for [incident.windowFrom, now];
 * what comes back is ingested (the store deduplicates by kind + externalId), the incident's
 * windowTo is extended to now, and `store.changed` is pushed. Each source is independent: a
 * failing one is reported in `live.status` and never stops the others, and at most one poll per
 * source is in flight (a slow source skips ticks rather than piling up requests). Stops on
 * unwatch and on close (in-flight requests are aborted).
 */
import type { Connection, SourceKind } from '../../shared/connections';
import type { LiveSourceStatus } from '../../shared/contract-ingest';
import type { Incident } from '../../shared/incident';
import type { CoreContext } from '../app/context';
import type { SourceClient } from '../connections/source-client';

export const DEFAULT_POLL_MS = 15_000;

export interface PollerDeps {
  ctx: Pick<CoreContext, 'store' | 'emit' | 'log'>;
  listConnections: () => Promise<Connection[]>;
  clientFor: (kind: SourceKind) => SourceClient | null;
  intervalMs?: number;
  now?: () => number;
}

export interface LivePoller {
  watch(incidentId: string): { watching: boolean; intervalMs: number; sources: number };
  unwatch(incidentId: string): boolean;
  /** One poll of every source now (also what each tick runs); resolves when it finished. */
  pollNow(incidentId: string): Promise<void>;
  watching(): string[];
  close(): void;
}

interface Watch {
  timer: ReturnType<typeof setInterval>;
  abort: AbortController;
  status: Map<string, LiveSourceStatus>;
  sources: number;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 2000);

export function createLivePoller(deps: PollerDeps): LivePoller {
  const intervalMs = deps.intervalMs ?? DEFAULT_POLL_MS;
  const now = deps.now ?? Date.now;
  const watches = new Map<string, Watch>();
  /** connectionId → in-flight poll (one per source, across incidents). */
  const inFlight = new Set<string>();

  async function pollSource(w: Watch, incident: Incident, conn: Connection, to: number): Promise<boolean> {
    const prev = w.status.get(conn.id);
    const client = deps.clientFor(conn.kind);
    if (!client) {
      w.status.set(conn.id, { connectionId: conn.id, name: conn.name, ok: false, error: `no live client for ${conn.kind} sources yet`, lastPoll: prev?.lastPoll ?? null });
      return false;
    }
    inFlight.add(conn.id);
    try {
      const batch = await client.fetchWindow(conn, { from: incident.windowFrom, to, services: incident.services }, w.abort.signal);
      if (w.abort.signal.aborted) return false;
      const stats = deps.ctx.store.ingest({ events: batch.events, series: batch.series });
      w.status.set(conn.id, { connectionId: conn.id, name: conn.name, ok: true, lastPoll: now(), events: stats.events });
      return true;
    } catch (e) {
      w.status.set(conn.id, { connectionId: conn.id, name: conn.name, ok: false, error: message(e), lastPoll: now() });
      return false;
    } finally {
      inFlight.delete(conn.id);
    }
  }

  async function poll(incidentId: string): Promise<void> {
    const w = watches.get(incidentId);
    if (!w) return;
    const summary = deps.ctx.store.getIncident(incidentId);
    if (!summary) return;
    const { counts: _counts, ...incident } = summary;
    let conns: Connection[];
    try {
      conns = await deps.listConnections();
    } catch (e) {
      deps.ctx.log('[live] could not list connections', e);
      conns = [];
    }
    w.sources = conns.length;
    for (const id of [...w.status.keys()]) if (!conns.some((c) => c.id === id)) w.status.delete(id);
    if (conns.length === 0) {
      deps.ctx.emit('live.status', { incidentId, sources: [] });
      return;
    }
    const to = now();
    const busy = conns.filter((c) => inFlight.has(c.id));
    const due = conns.filter((c) => !inFlight.has(c.id));
    for (const c of busy) deps.ctx.log(`[live] ${c.name}: previous poll still running; skipping this tick`, null);
    const oks = await Promise.all(due.map((c) => pollSource(w, incident, c, to)));
    if (!watches.has(incidentId) || w.abort.signal.aborted) return;
    if (oks.some(Boolean)) {
      const fresh = deps.ctx.store.getIncident(incidentId);
      if (fresh && fresh.windowTo < to) {
        const { counts: _c, ...rest } = fresh;
        deps.ctx.store.upsertIncident({ ...rest, windowTo: to });
      }
      deps.ctx.emit('store.changed', { areas: ['events', 'metrics', 'incidents'] });
      deps.ctx.emit('incidents.changed', { ids: [incidentId] });
    }
    deps.ctx.emit('live.status', { incidentId, sources: conns.map((c) => w.status.get(c.id) ?? { connectionId: c.id, name: c.name, ok: true, lastPoll: null }) });
  }

  const safePoll = (incidentId: string): Promise<void> =>
    poll(incidentId).catch((e: unknown) => deps.ctx.log(`[live] poll of ${incidentId} failed`, e));

  function unwatch(incidentId: string): boolean {
    const w = watches.get(incidentId);
    if (!w) return false;
    clearInterval(w.timer);
    w.abort.abort();
    watches.delete(incidentId);
    return true;
  }

  return {
    watch(incidentId) {
      const existing = watches.get(incidentId);
      if (existing) return { watching: true, intervalMs, sources: existing.sources };
      const w: Watch = { timer: setInterval(() => void safePoll(incidentId), intervalMs), abort: new AbortController(), status: new Map(), sources: 0 };
      watches.set(incidentId, w);
      void safePoll(incidentId);
      return { watching: true, intervalMs, sources: 0 };
    },
    unwatch,
    pollNow: safePoll,
    watching: () => [...watches.keys()],
    close() {
      for (const id of [...watches.keys()]) unwatch(id);
    },
  };
}
