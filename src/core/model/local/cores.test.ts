import { describe, expect, it } from 'vitest';
import { parsePhysicalCores, physicalCores } from './cores';

const block = (phys: number, core: number, proc: number): string => `processor\t: ${proc}\nphysical id\t: ${phys}\ncore id\t\t: ${core}\n`;

describe('physical cores', () => {
  it('counts distinct (physical id, core id) pairs: hyper-threads share a core', () => {
    const smt = [block(0, 0, 0), block(0, 1, 1), block(0, 0, 2), block(0, 1, 3)].join('\n');
    expect(parsePhysicalCores(smt)).toBe(2);
    const twoSockets = [block(0, 0, 0), block(1, 0, 1)].join('\n');
    expect(parsePhysicalCores(twoSockets)).toBe(2);
  });
  it('falls back to half the logical CPUs (at least one) when cpuinfo names no cores', () => {
    expect(physicalCores(() => 'processor : 0\n', 8)).toBe(4);
    expect(physicalCores(() => { throw new Error('no /proc'); }, 1)).toBe(1);
  });
});

describe('default inference threads', () => {
  it('leaves one physical core to the rest of the app, keeping at least one', async () => {
    const { defaultThreads } = await import('./cores');
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(8)).toBe(7);
  });
});
