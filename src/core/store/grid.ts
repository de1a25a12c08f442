/** Columnar per-pixel buckets for one event lane, with each bucket's most significant event. */
import type { EventBuckets } from '../../shared/window';

export class BucketGrid {
  readonly count: number[];
  readonly errors: number[];
  readonly warns: number[];
  readonly tokens: number[];
  readonly costUsd: number[];
  private readonly topScore: Float64Array;
  private readonly topId: Float64Array;

  constructor(
    readonly from: number,
    readonly step: number,
    readonly width: number,
  ) {
    this.count = new Array<number>(width).fill(0);
    this.errors = new Array<number>(width).fill(0);
    this.warns = new Array<number>(width).fill(0);
    this.tokens = new Array<number>(width).fill(0);
    this.costUsd = new Array<number>(width).fill(0);
    this.topScore = new Float64Array(width).fill(-1);
    this.topId = new Float64Array(width).fill(-1);
  }

  /** Bucket of a time; clamped so float rounding at the right edge never drops a row. */
  index(ts: number): number {
    const i = Math.floor((ts - this.from) / this.step);
    return i < 0 ? 0 : i >= this.width ? this.width - 1 : i;
  }

  /** Adds aggregated rows [i, count, errors, warns, tokens, cost, topScore, topId] (from SQL). */
  addRows(rows: unknown[][]): void {
    for (const r of rows) {
      const raw = Number(r[0]);
      const i = raw < 0 ? 0 : raw >= this.width ? this.width - 1 : raw;
      this.add(i, Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4] ?? 0), Number(r[5] ?? 0), Number(r[6]), Number(r[7]));
    }
  }

  add(i: number, n: number, e: number, w: number, tok: number, cost: number, score: number, id: number): void {
    this.count[i] = (this.count[i] ?? 0) + n;
    this.errors[i] = (this.errors[i] ?? 0) + e;
    this.warns[i] = (this.warns[i] ?? 0) + w;
    this.tokens[i] = (this.tokens[i] ?? 0) + tok;
    this.costUsd[i] = (this.costUsd[i] ?? 0) + cost;
    if (score > (this.topScore[i] ?? -1)) {
      this.topScore[i] = score;
      this.topId[i] = id;
    }
  }

  /** Ids of the `limit` most significant bucket tops, most significant first. */
  topIds(limit: number): number[] {
    const idx: number[] = [];
    for (let i = 0; i < this.width; i++) if ((this.topId[i] ?? -1) >= 0) idx.push(i);
    idx.sort((a, b) => (this.topScore[b] ?? 0) - (this.topScore[a] ?? 0));
    return idx.slice(0, limit).map((i) => this.topId[i] ?? 0);
  }

  toBuckets(): EventBuckets {
    return {
      t0: this.from,
      step: this.step,
      count: this.count,
      errors: this.errors,
      warns: this.warns,
      tokens: this.tokens,
      costUsd: this.costUsd,
    };
  }
}
