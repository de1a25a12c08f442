/**
 * Stable masks for presentation mode: the same value always gets the same mask within a run
 * (`‹email·3›`), so a viewer can still tell that two rows name the same address without seeing
 * it. The map from masks back to values never leaves the core; it is used only to turn masks the
 * renderer sends back (an incident id it was shown masked) into the values handlers expect.
 */

/** A mask as it appears in text: `‹label·n›`, or `‹label›` once the book is full. */
export const MASK_RE = /‹[^‹›\n]{1,48}›/g;
export const MASK_SPLIT_RE = /(‹[^‹›\n]{1,48}›)/;

/** How many distinct values get a numbered mask; beyond that, masks are unnumbered (still masked). */
export const MAX_NUMBERED = 100_000;

export class MaskBook {
  private readonly byKey = new Map<string, string>();
  private readonly byMask = new Map<string, string>();
  private readonly perLabel = new Map<string, number>();

  /** The mask of `value` in class `label` (a short word shown inside the mask). */
  mask(label: string, value: string): string {
    const key = `${label}\u0000${value}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    if (this.byKey.size >= MAX_NUMBERED) return `‹${label}›`;
    const n = (this.perLabel.get(label) ?? 0) + 1;
    this.perLabel.set(label, n);
    const m = `‹${label}·${n}›`;
    this.byKey.set(key, m);
    this.byMask.set(m, value);
    return m;
  }

  /** Puts the values back for every mask this book issued; anything else is left as it is. */
  restore(text: string): string {
    if (!text.includes('‹')) return text;
    return text.replace(MASK_RE, (m) => this.byMask.get(m) ?? m);
  }

  get size(): number {
    return this.byKey.size;
  }
}
