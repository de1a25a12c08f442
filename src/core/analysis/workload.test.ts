import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { podRefs } from './entities';
import { K8S_SAFE, podWorkload, statefulSetOf } from './workload';

const safe = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...K8S_SAFE.split('')), minLength: min, maxLength: max });
/** Workload names: dash-separated words that each contain a vowel (so none looks like a hash). */
const word = fc.tuple(fc.stringMatching(/^[a-z]{0,5}$/), fc.constantFrom('a', 'e', 'i', 'o', 'u'), fc.stringMatching(/^[a-z0-9]{0,5}$/)).map(([a, v, b]) => `${a}${v}${b}`);
const base = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join('-'));

describe('pod → workload', () => {
  test('known shapes', () => {
    expect(podWorkload('vllm-llama70b-6d9f7c5b8-k2x7q')).toBe('vllm-llama70b');
    expect(podWorkload('checkout-5d4f8c7b9-x2k4p')).toBe('checkout');
    expect(podWorkload('fluent-bit-x7k2p')).toBe('fluent-bit');
    expect(podWorkload('backup-28473921-x7k2p')).toBe('backup');
    expect(podWorkload('postgres-0')).toBe('postgres-0');
    expect(statefulSetOf('postgres-0')).toBe('postgres');
    expect(podWorkload('envoy-proxy')).toBe('envoy-proxy');
    expect(podWorkload('api')).toBe('api');
    expect(podRefs('postgres-1')).toEqual(['pod:postgres-1', 'workload:postgres-1', 'workload:postgres']);
  });

  test('property: Deployment pods lose the ReplicaSet hash and the pod suffix', () => {
    fc.assert(fc.property(base, safe(5, 10), safe(5, 5), (b, hash, sfx) => {
        expect(podWorkload(`${b}-${hash}-${sfx}`)).toBe(b);
      }));
  });

  test('property: DaemonSet and Job pods lose their 5-character suffix', () => {
    fc.assert(fc.property(base, safe(5, 5), (b, sfx) => {
        expect(podWorkload(`${b}-${sfx}`)).toBe(b);
      }));
  });

  test('property: StatefulSet pods keep their ordinal; their set is the name before it', () => {
    fc.assert(
      fc.property(base, fc.nat(9999), (b, n) => {
        expect(podWorkload(`${b}-${n}`)).toBe(`${b}-${n}`);
        expect(statefulSetOf(`${b}-${n}`)).toBe(b);
      }),
    );
  });

  test('property: names without a generated suffix are returned unchanged', () => {
    fc.assert(fc.property(base, (b) => {
        expect(podWorkload(b)).toBe(b);
      }));
  });
});
