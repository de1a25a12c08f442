/**
 * The built-in demo incident: a prompt release that makes an LLM agent emit invalid JSON.
 * Deterministic (same seed and options → identical events), streamed into the store's bulk
 * writer in time order with bounded memory (only in-flight requests are held, in a heap).
 */
import type { EventInput } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import type { BulkWriter, EventStore, IngestStats } from '../store/api';
import { supportAgentRequest, type GenContext } from './agent-request';
import { TimeHeap } from './heap';
import { createDemoMetrics } from './metrics';
import { createRng } from './prng';
import { DEFAULT_ANCHOR, DEFAULT_EVENTS, DEFAULT_SEED, SAMPLE_MS, WINDOW_AFTER, WINDOW_BEFORE } from './scenario';
import { demoIncident, scriptedEvents } from './script';
import { checkoutRequest, paymentsWebhook, searchRequest } from './web-requests';

export interface DemoOptions {
  /** Discrete events to generate (metric points not included). Default 50,000; 1,000 … 10,000,000. */
  events?: number;
  seed?: number;
  /** T0, the prompt release, in ms since the epoch. Default 2026-03-14T02:47:00Z. */
  anchor?: number;
}

export const MIN_EVENTS = 1_000;
export const MAX_EVENTS = 10_000_000;
const TICK_MS = 1_000;

/** Writes the demo's events and metric points; returns the incident record (not written). */
export function writeDemo(writer: BulkWriter, opts: DemoOptions = {}): Incident {
  const events = opts.events ?? DEFAULT_EVENTS;
  if (!Number.isInteger(events) || events < MIN_EVENTS || events > MAX_EVENTS) {
    throw new RangeError(`events must be an integer from ${MIN_EVENTS} to ${MAX_EVENTS}`);
  }
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const t0 = opts.anchor ?? DEFAULT_ANCHOR;
  const from = t0 - WINDOW_BEFORE;
  const to = t0 + WINDOW_AFTER;

  const heap = new TimeHeap<EventInput>();
  const scripted = scriptedEvents(t0);
  for (const e of scripted) heap.push(e);
  let logSeq = 0;
  const ctx: GenContext = { rng: createRng(seed), t0, emit: (e) => heap.push(e), seq: () => ++logSeq };
  const metrics = createDemoMetrics(writer, t0, seed);
  const budget = events - scripted.length;
  const ticks = Math.ceil((to - from) / TICK_MS);

  let generated = 0;
  let nextSample = from;
  for (let i = 0; i < ticks; i++) {
    const start = from + i * TICK_MS;
    const end = start + TICK_MS;
    while (nextSample < end && nextSample <= to) {
      metrics.sample(nextSample);
      nextSample += SAMPLE_MS;
    }
    const target = Math.round((budget * (i + 1)) / ticks);
    while (generated < target) {
      const ts = Math.floor(ctx.rng.range(start, end));
      const r = ctx.rng.next();
      if (r < 0.3) generated += supportAgentRequest(ctx, ts);
      else if (r < 0.55) generated += checkoutRequest(ctx, ts);
      else if (r < 0.85) generated += searchRequest(ctx, ts);
      else generated += paymentsWebhook(ctx, ts);
    }
    while (heap.peekTs() < end) {
      const e = heap.pop();
      if (e) writer.event(e);
    }
  }
  for (; nextSample <= to; nextSample += SAMPLE_MS) metrics.sample(nextSample);
  for (let e = heap.pop(); e; e = heap.pop()) writer.event(e);
  return demoIncident(t0);
}

/** Generates the demo incident into the store and records the incident. */
export function generateDemo(
  store: Pick<EventStore, 'bulk' | 'upsertIncident'>,
  opts: DemoOptions = {},
): { incident: Incident; stats: IngestStats } {
  const writer = store.bulk();
  const incident = writeDemo(writer, opts);
  const stats = writer.commit();
  store.upsertIncident(incident);
  return { incident, stats };
}
