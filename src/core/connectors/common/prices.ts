/**
 * Per-model LLM prices, USD per 1M tokens, for the cost of LLM calls. A default table of common
 * hosted models (list prices, 2025; self-hosted models cost 0 unless priced), overridable by an
 * optional `prices.json` beside the store:
 *   { "my-model": { "inputPerMTok": 0.5, "outputPerMTok": 1.5 }, … }
 * or the same under a "models" key. Entries override or extend the defaults. Lookup: exact name,
 * then without a provider prefix ('openai/gpt-4o' → 'gpt-4o'), then the longest table name that
 * is a prefix ending at '-', ':' or '@' ('gpt-4o-mini-2024-07-18' → 'gpt-4o-mini').
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PriceTable } from '../../import/formats/types';

const p = (inputPerMTok: number, outputPerMTok: number): { inputPerMTok: number; outputPerMTok: number } => ({ inputPerMTok, outputPerMTok });

export const DEFAULT_PRICES: PriceTable = {
  'gpt-5': p(1.25, 10),
  'gpt-5-mini': p(0.25, 2),
  'gpt-5-nano': p(0.05, 0.4),
  'gpt-4.1': p(2, 8),
  'gpt-4.1-mini': p(0.4, 1.6),
  'gpt-4.1-nano': p(0.1, 0.4),
  'gpt-4o': p(2.5, 10),
  'gpt-4o-mini': p(0.15, 0.6),
  'gpt-4-turbo': p(10, 30),
  'gpt-4': p(30, 60),
  'gpt-3.5-turbo': p(0.5, 1.5),
  o1: p(15, 60),
  'o1-mini': p(1.1, 4.4),
  o3: p(2, 8),
  'o3-mini': p(1.1, 4.4),
  'o4-mini': p(1.1, 4.4),
  'text-embedding-3-small': p(0.02, 0),
  'text-embedding-3-large': p(0.13, 0),
  'text-embedding-ada-002': p(0.1, 0),
  'claude-opus-4': p(15, 75),
  'claude-sonnet-4': p(3, 15),
  'claude-3-7-sonnet': p(3, 15),
  'claude-3-5-sonnet': p(3, 15),
  'claude-3-5-haiku': p(0.8, 4),
  'claude-haiku-4-5': p(1, 5),
  'claude-3-opus': p(15, 75),
  'claude-3-haiku': p(0.25, 1.25),
  'gemini-2.5-pro': p(1.25, 10),
  'gemini-2.5-flash': p(0.3, 2.5),
  'gemini-2.0-flash': p(0.1, 0.4),
  'gemini-1.5-pro': p(1.25, 5),
  'gemini-1.5-flash': p(0.075, 0.3),
  'mistral-large': p(2, 6),
  'mistral-small': p(0.2, 0.6),
};

const Price = z.object({ inputPerMTok: z.number().finite().min(0).max(1e6), outputPerMTok: z.number().finite().min(0).max(1e6) }).strict();
const Table = z.record(z.string().min(1).max(256), Price).refine((t) => Object.keys(t).length <= 10_000, 'at most 10,000 models');

const MAX_PRICE_FILE = 4 * 1024 * 1024;

/**
 * The default table merged with `dataDir/prices.json` when present. Throws an Error naming the
 * file and the first problem when the file is unreadable, too large or invalid.
 */
export function loadPriceTable(dataDir: string | null): PriceTable {
  if (dataDir === null) return { ...DEFAULT_PRICES };
  const file = join(dataDir, 'prices.json');
  if (!existsSync(file)) return { ...DEFAULT_PRICES };
  const raw = readFileSync(file);
  if (raw.byteLength > MAX_PRICE_FILE) throw new Error(`${file}: larger than 4 MiB`);
  let doc: unknown;
  try {
    doc = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`, { cause: err });
  }
  const models = typeof doc === 'object' && doc !== null && 'models' in doc ? (doc as { models: unknown }).models : doc;
  const r = Table.safeParse(models);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${file}: ${i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'invalid'}`);
  }
  const own: PriceTable = {};
  for (const [name, price] of Object.entries(r.data)) own[name.toLowerCase()] = price;
  return { ...DEFAULT_PRICES, ...own };
}

/** The price entry for a model name (see the lookup rule above), or undefined. */
export function priceFor(table: PriceTable, model: string): { inputPerMTok: number; outputPerMTok: number } | undefined {
  const m = model.trim().toLowerCase();
  if (m === '') return undefined;
  const exact = Object.prototype.hasOwnProperty.call(table, m) ? table[m] : undefined;
  if (exact) return exact;
  const slash = m.lastIndexOf('/');
  if (slash >= 0) return priceFor(table, m.slice(slash + 1));
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (!m.startsWith(name)) continue;
    const next = m.charAt(name.length);
    if (next !== '-' && next !== ':' && next !== '@') continue;
    if (best === undefined || name.length > best.length) best = name;
  }
  return best === undefined ? undefined : table[best];
}

/** Cost of a call: the first model name that has a price wins; unknown → 0 with known = false. */
export function costOf(table: PriceTable, models: (string | undefined)[], inputTokens: number, outputTokens: number): { usd: number; known: boolean } {
  for (const model of models) {
    if (model === undefined) continue;
    const price = priceFor(table, model);
    if (price) return { usd: (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1e6, known: true };
  }
  return { usd: 0, known: false };
}
