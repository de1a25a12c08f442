/** Test helpers for the auth module: a settable clock and operators with known credentials. */
import type { Role } from './operators-doc';
import { createOperatorStore, type OperatorStore } from './operators';
import type { OperatorsStorage } from './operators-storage';
import { totp } from './totp';

export interface Clock {
  now(): number;
  set(t: number): void;
  advance(ms: number): number;
}

export function testClock(start = 1_750_000_000_000): Clock {
  let t = start;
  return { now: () => t, set: (v) => void (t = v), advance: (ms) => (t += ms) };
}

export interface TestOperator {
  name: string;
  password: string;
  secret: Buffer;
}

export interface TestOperators {
  store: OperatorStore;
  clock: Clock;
  ops: Map<string, TestOperator>;
  /** A code for a fresh TOTP step (moves the clock on by one step, so codes never repeat). */
  code(name: string): string;
}

export async function testOperators(specs: [string, Role[]][], storage: OperatorsStorage | string | null = null, clock: Clock = testClock()): Promise<TestOperators> {
  const store = createOperatorStore(storage, { now: clock.now });
  const ops = new Map<string, TestOperator>();
  for (const [name, roles] of specs) {
    const password = `pw of ${name} 0123456789`;
    const added = await store.add(name, password, roles);
    ops.set(name, { name, password, secret: added.totpSecret });
  }
  return {
    store,
    clock,
    ops,
    code(name) {
      const op = ops.get(name);
      if (!op) throw new Error(`no test operator ${name}`);
      return totp(op.secret, clock.advance(30_000));
    },
  };
}
