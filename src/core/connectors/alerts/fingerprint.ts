/**
 * Alertmanager's alert fingerprint, computed the way Prometheus' `model.LabelSet.Fingerprint()`
 * does (FNV-1a 64 over the label names and values sorted by name, each followed by the 0xff
 * separator, printed as 16 hex digits). Used when a payload carries labels but no fingerprint
 * (the webhook before v0.19, API v2 lists from some versions), so the same alert keeps one
 * identity whether it arrived by webhook, by API poll or from a file.
 */
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

function mix(h: bigint, bytes: Uint8Array): bigint {
  let x = h;
  for (const b of bytes) {
    x ^= BigInt(b);
    x = (x * PRIME) & MASK;
  }
  return x;
}

const SEP = new Uint8Array([0xff]);

export function labelsFingerprint(labels: Record<string, string>): string {
  let h = OFFSET;
  for (const name of Object.keys(labels).sort()) {
    h = mix(h, encoder.encode(name));
    h = mix(h, SEP);
    h = mix(h, encoder.encode(labels[name] ?? ''));
    h = mix(h, SEP);
  }
  return h.toString(16).padStart(16, '0');
}
