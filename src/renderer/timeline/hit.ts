/**
 * Boxes of the items drawn in the last frame, in plot CSS pixels, kept in growable typed arrays
 * so the draw loop does not allocate. Hit testing walks them topmost-first.
 */
export class HitBoxes {
  n = 0;
  x: Float32Array = new Float32Array(1024);
  y: Float32Array = new Float32Array(1024);
  w: Float32Array = new Float32Array(1024);
  h: Float32Array = new Float32Array(1024);
  /** Index of the lane in the prepared window, and of the item in that lane. */
  lane: Uint8Array = new Uint8Array(1024);
  item: Uint32Array = new Uint32Array(1024);

  reset(): void {
    this.n = 0;
  }

  push(x: number, y: number, w: number, h: number, lane: number, item: number): void {
    if (this.n === this.x.length) this.grow();
    const i = this.n++;
    this.x[i] = x;
    this.y[i] = y;
    this.w[i] = w;
    this.h[i] = h;
    this.lane[i] = lane;
    this.item[i] = item;
  }

  private grow(): void {
    const size = this.x.length * 2;
    const f = (a: Float32Array): Float32Array => {
      const b = new Float32Array(size);
      b.set(a);
      return b;
    };
    this.x = f(this.x);
    this.y = f(this.y);
    this.w = f(this.w);
    this.h = f(this.h);
    const l = new Uint8Array(size);
    l.set(this.lane);
    this.lane = l;
    const it = new Uint32Array(size);
    it.set(this.item);
    this.item = it;
  }
}

/**
 * Index of the box under (px, py), or -1. Boxes drawn later win; within `slop` px of a thin box
 * counts, and among near misses the closest wins.
 */
export function hitTest(boxes: HitBoxes, px: number, py: number, slop = 3): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = boxes.n - 1; i >= 0; i--) {
    const x = boxes.x[i] ?? 0;
    const y = boxes.y[i] ?? 0;
    const w = boxes.w[i] ?? 0;
    const h = boxes.h[i] ?? 0;
    if (py < y - slop || py > y + h + slop) continue;
    const dx = px < x ? x - px : px > x + w ? px - x - w : 0;
    const dy = py < y ? y - py : py > y + h ? py - y - h : 0;
    const d = dx + dy;
    if (d === 0) return i;
    if (d <= slop && d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}
