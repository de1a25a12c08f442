import { describe, expect, it } from 'vitest';
import { DCGM_FP64_BLANK, DCGM_INT32_BLANK, DCGM_INT64_BLANK, decodeClockEventReasons, isDcgmBlank, xidEvents } from './dcgm';

describe('DCGM values', () => {
  it('recognises blank / not-supported sentinels and nothing else', () => {
    expect(isDcgmBlank(DCGM_INT32_BLANK)).toBe(true);
    expect(isDcgmBlank(DCGM_INT32_BLANK + 2)).toBe(true); // NOT_SUPPORTED
    expect(isDcgmBlank(2147483647)).toBe(true);
    expect(isDcgmBlank(DCGM_FP64_BLANK)).toBe(true);
    expect(isDcgmBlank(DCGM_FP64_BLANK + 2)).toBe(true);
    expect(isDcgmBlank(Number('9223372036854775792'))).toBe(true); // the int64 blank as parsed from text
    expect(isDcgmBlank(DCGM_INT64_BLANK)).toBe(true);
    for (const v of [0, 25, 8.969, 15109, 2147483631, 1e12]) expect(isDcgmBlank(v)).toBe(false);
    // Counters (energy in mJ) may pass 2^31 legitimately.
    expect(isDcgmBlank(DCGM_INT32_BLANK, true)).toBe(false);
  });

  it('decodes clock event (throttle) reasons', () => {
    expect(decodeClockEventReasons(0)).toEqual([]);
    expect(decodeClockEventReasons(1)).toEqual(['gpu_idle']);
    expect(decodeClockEventReasons(0x4 | 0x40)).toEqual(['sw_power_cap', 'hw_thermal']);
    expect(decodeClockEventReasons(0x80 | 0x200)).toEqual(['hw_power_brake', 'bit_9']);
    expect(decodeClockEventReasons(2 ** 40 + 8)).toEqual(['hw_slowdown', 'bit_40']);
    expect(decodeClockEventReasons(DCGM_INT32_BLANK)).toEqual([]);
    expect(decodeClockEventReasons(1.5)).toEqual([]);
  });

  it('emits one error log per change of the last Xid to a non-zero code', () => {
    const labels = { gpu: '3', UUID: 'GPU-abc', Hostname: 'node-7', modelName: 'NVIDIA H100' };
    const ev = xidEvents(labels, [
      [1000, 0],
      [2000, 79],
      [3000, 79],
      [4000, DCGM_INT32_BLANK],
      [5000, 0],
      [6000, 48],
      [7000, 13],
    ]);
    expect(ev.map((e) => [e.ts, e.attrs?.['gpu.xid']])).toEqual([[2000, 79], [6000, 48], [7000, 13]]);
    expect(ev[0]?.body).toBe('GPU 3 (UUID GPU-abc) on node-7 reported Xid 79: GPU has fallen off the bus: it is no longer reachable, the node needs attention');
    expect(ev[0]?.severity).toBe('error');
    expect(ev[0]?.service).toBe('node-7');
    expect(new Set(ev.map((e) => e.externalId)).size).toBe(3);
    // A non-zero first point counts (its start is before the window); unknown codes point to the catalog.
    expect(xidEvents({ gpu: '0' }, [[1, 200]])[0]?.body).toBe('GPU 0 reported Xid 200: see NVIDIA’s Xid catalog');
  });
});
