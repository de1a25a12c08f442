import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOf, DEFAULT_PRICES, loadPriceTable, priceFor } from '../connectors/common/prices';

describe('price table', () => {
  it('matches exact names, provider prefixes and dated versions by the longest prefix', () => {
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor(DEFAULT_PRICES, 'gpt-4-0613')).toEqual(DEFAULT_PRICES['gpt-4']);
    expect(priceFor(DEFAULT_PRICES, 'openai/gpt-4o')).toEqual(DEFAULT_PRICES['gpt-4o']);
    expect(priceFor(DEFAULT_PRICES, 'gpt-4omega')).toBeUndefined();
    expect(costOf(DEFAULT_PRICES, ['llama-3-8b-local'], 1000, 1000)).toEqual({ usd: 0, known: false });
  });

  it('loads a prices.json override, and names the problem in an invalid one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-prices-'));
    try {
      expect(loadPriceTable(dir)).toEqual(DEFAULT_PRICES);
      writeFileSync(join(dir, 'prices.json'), JSON.stringify({ models: { 'Llama-3-8B-Local': { inputPerMTok: 0.05, outputPerMTok: 0.1 } } }));
      expect(costOf(loadPriceTable(dir), ['llama-3-8b-local'], 1e6, 1e6).usd).toBeCloseTo(0.15);
      writeFileSync(join(dir, 'prices.json'), JSON.stringify({ 'gpt-4o': { inputPerMTok: -1, outputPerMTok: 1 } }));
      expect(() => loadPriceTable(dir)).toThrow(/prices\.json: gpt-4o\.inputPerMTok/);
      writeFileSync(join(dir, 'prices.json'), '{');
      expect(() => loadPriceTable(dir)).toThrow(/not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
