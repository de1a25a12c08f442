/**
 * NVIDIA DCGM specifics: blank / "not supported" sentinel values (never plotted), the clock
 * event (throttle) reason bitmask, and Xid codes. DCGM_FI_DEV_XID_ERRORS holds the LAST Xid code
 * a GPU reported, not a count: it becomes log events when it changes, never a plotted line.
 *
 * Sentinels, from DCGM's dcgm_structs.h: DCGM_INT32_BLANK 0x7ffffff0, DCGM_INT64_BLANK
 * 0x7ffffffffffffff0, DCGM_FP64_BLANK 140737488355328.0 (2^47); NOT_FOUND, NOT_SUPPORTED,
 * NOT_PERMISSIONED … are BLANK + 1, + 2, … so "this value and above" is blank. dcgm-exporter
 * prints the raw field value, so an int32 field can show 2147483632 and up. No real DCGM gauge
 * reaches 2^31 − 16 in the units dcgm-exporter uses except energy/byte counters, which we do
 * not plot raw; the int32 rule therefore applies to gauges only (see `isDcgmBlank`).
 */
import type { LogRecord } from '../../../shared/events';
import { clampShort, clampText } from '../common/text';

export const DCGM_INT32_BLANK = 0x7ffffff0;
/** 0x7ffffffffffffff0; as a double it rounds to 2^63 (text exposition prints it as 9.223372036854776e+18). */
export const DCGM_INT64_BLANK = 2 ** 63 - 16;
export const DCGM_FP64_BLANK = 140737488355328.0;

/**
 * True for a DCGM blank/not-supported sentinel. `counter` relaxes the int32 rule (energy in mJ
 * and byte counters legitimately pass 2^31); the fp64 and int64 rules always apply (2^47 mJ is
 * 4,000 years at 1 kW).
 */
export function isDcgmBlank(value: number, counter = false): boolean {
  if (!Number.isFinite(value)) return true;
  if (value >= DCGM_FP64_BLANK) {
    // 2^47 … 2^47 + 15 (fp64 sentinels) and everything up to the int64 sentinels (≈ 9.22e18).
    return true;
  }
  if (!counter && value >= DCGM_INT32_BLANK && value < DCGM_INT32_BLANK + 16) return true;
  return false;
}

/** Clock event (throttle) reasons: DCGM_CLOCKS_EVENT_REASON_* (1:1 with NVML's). */
export const CLOCK_EVENT_REASONS: readonly { bit: number; name: string; meaning: string }[] = [
  { bit: 0x1, name: 'gpu_idle', meaning: 'nothing running, clocks dropping to idle' },
  { bit: 0x2, name: 'clocks_setting', meaning: 'limited by the applications clocks setting' },
  { bit: 0x4, name: 'sw_power_cap', meaning: 'software power cap' },
  { bit: 0x8, name: 'hw_slowdown', meaning: 'hardware slowdown (temperature, power brake or fast trigger)' },
  { bit: 0x10, name: 'sync_boost', meaning: 'held by its sync boost group' },
  { bit: 0x20, name: 'sw_thermal', meaning: 'software thermal slowdown' },
  { bit: 0x40, name: 'hw_thermal', meaning: 'hardware thermal slowdown' },
  { bit: 0x80, name: 'hw_power_brake', meaning: 'hardware power brake (external assertion)' },
  { bit: 0x100, name: 'display_clocks', meaning: 'limited by the display clocks setting' },
];

/** Decodes the bitmask into reason names (unknown bits as `bit_N`); [] for 0, blanks or garbage. */
export function decodeClockEventReasons(mask: number): string[] {
  if (!Number.isInteger(mask) || mask <= 0 || isDcgmBlank(mask)) return [];
  const out: string[] = [];
  // Bitwise operators are 32-bit in JS: bits are read arithmetically, up to 2^52.
  for (let i = 0; i < 53; i++) {
    const bit = 2 ** i;
    if (bit > mask) break;
    if (Math.floor(mask / bit) % 2 === 1) out.push(CLOCK_EVENT_REASONS.find((r) => r.bit === bit)?.name ?? `bit_${i}`);
  }
  return out;
}

/** Common Xid codes and what they mean (NVIDIA's Xid catalog, abridged). */
export const XID_MEANINGS: Readonly<Record<number, string>> = {
  13: 'Graphics engine exception (usually an application fault: illegal address, illegal instruction)',
  31: 'GPU memory page fault (MMU fault: an application accessed an invalid address)',
  43: 'GPU stopped processing (a channel was reset after an application fault)',
  45: 'Preemptive cleanup of a channel, after a previous error',
  48: 'Double-bit ECC error (uncorrectable memory error): drain and reset the GPU',
  61: 'Internal micro-controller breakpoint/warning',
  62: 'Internal micro-controller halt: reset the GPU',
  63: 'ECC page retirement or row remapping recorded: reset the GPU to apply it',
  64: 'ECC page retirement or row remapping failed: the GPU needs service',
  74: 'NVLink error: check the link and the peer GPU',
  79: 'GPU has fallen off the bus: it is no longer reachable, the node needs attention',
  92: 'High single-bit ECC error rate',
  94: 'Contained ECC error: the affected application must restart',
  95: 'Uncontained ECC error: reset the GPU',
  119: 'GSP RPC timeout (GPU System Processor not responding): reset the GPU',
  120: 'GSP error: reset the GPU',
};

export function xidMeaning(code: number): string {
  return XID_MEANINGS[code] ?? 'see NVIDIA’s Xid catalog';
}

/**
 * One log event (severity error) each time a GPU's last Xid changes to a non-zero code. The first
 * point counts as a change when it is non-zero (the value before the window is unknown). Blank
 * sentinels are skipped. `labels` are the series' labels (gpu, UUID, Hostname, instance…).
 */
export function xidEvents(labels: Record<string, string>, points: readonly (readonly [number, number])[]): LogRecord[] {
  const out: LogRecord[] = [];
  const gpu = labels.gpu ?? labels.device ?? '?';
  const uuid = labels.UUID ?? labels.uuid;
  const host = labels.Hostname ?? labels.hostname ?? labels.instance ?? labels.node;
  const service = clampShort(host ?? (labels.gpu !== undefined ? `gpu ${labels.gpu}` : 'gpu'));
  let prev: number | null = null;
  for (const [ts, v] of points) {
    if (isDcgmBlank(v) || !Number.isInteger(v) || v < 0) continue;
    if (v !== 0 && v !== prev) {
      const meaning = xidMeaning(v);
      const who = `GPU ${gpu}${uuid ? ` (UUID ${uuid})` : ''}${host ? ` on ${host}` : ''}`;
      out.push({
        kind: 'log',
        externalId: clampShort(`xid:${uuid ?? `${host ?? ''}/${gpu}`}:${v}:${ts}`),
        ts,
        service,
        severity: 'error',
        body: clampText(`${who} reported Xid ${v}: ${meaning}`),
        attrs: {
          'gpu.xid': v,
          'gpu.xid.meaning': meaning,
          'gpu.index': clampShort(gpu),
          ...(uuid ? { 'gpu.uuid': clampShort(uuid) } : {}),
          ...(host ? { 'host.name': clampShort(host) } : {}),
          ...(labels.modelName ? { 'gpu.model': clampShort(labels.modelName) } : {}),
          source: 'dcgm-exporter',
        },
      });
    }
    prev = v;
  }
  return out;
}
