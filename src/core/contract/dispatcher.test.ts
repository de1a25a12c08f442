import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/contract';
import { ContractFailure, type Envelope } from '../../shared/envelope';
import { createDispatcher } from './dispatcher';
import type { Handlers, SenderInfo } from './handlers';
import { registerContract } from './register';
import { contractSamples } from './samples';
import { createTestSeam } from './test-seam';

const sender: SenderInfo = { host: 'test', role: 'operator' };

/** Handlers that answer each channel's sample output and record what they were called with. */
function sampleHandlers(calls: Array<[Channel, unknown]>): Handlers {
  const h = {} as Record<Channel, (input: unknown) => unknown>;
  for (const c of CHANNELS) {
    h[c] = (input) => {
      calls.push([c, input]);
      return contractSamples[c].output;
    };
  }
  return h as unknown as Handlers;
}

function setup(overrides: Partial<Handlers> = {}) {
  const calls: Array<[Channel, unknown]> = [];
  const log = vi.fn();
  const dispatch = createDispatcher({ ...sampleHandlers(calls), ...overrides }, { log });
  const seam = createTestSeam();
  registerContract(seam, dispatch);
  return { seam, calls, log, dispatch };
}

function errorOf(env: Envelope<unknown>) {
  if (env.ok) throw new Error(`expected an error, got ${JSON.stringify(env.value)}`);
  return env.error;
}

describe('registerContract', () => {
  it('registers every channel exactly once', () => {
    const { seam } = setup();
    expect([...seam.registered].sort()).toEqual([...CHANNELS].sort());
  });
});

describe('every channel through the test seam', () => {
  it('has samples for every channel', () => {
    for (const c of CHANNELS) expect(contractSamples[c], `samples for ${c}`).toBeDefined();
  });

  for (const channel of CHANNELS) {
    it(`${channel}: a good call reaches the handler and answers ok`, async () => {
      const { seam, calls } = setup();
      const sample = contractSamples[channel];
      const env = await seam.invoke(channel, sample.good);
      expect(env).toEqual({ ok: true, value: sample.output });
      expect(calls.map(([c]) => c)).toEqual([channel]);
    });

    it(`${channel}: a malformed call is refused with bad_input and never reaches the handler`, async () => {
      const { seam, calls } = setup();
      const err = errorOf(await seam.invoke(channel, contractSamples[channel].bad));
      expect(err.code).toBe('bad_input');
      expect(err.issues?.length).toBeGreaterThan(0);
      expect(calls).toEqual([]);
    });
  }
});

describe('dispatcher', () => {
  it('refuses an unknown channel', async () => {
    const { dispatch, seam } = setup();
    expect(errorOf(await dispatch('shell.exec', {}, sender)).code).toBe('unknown_channel');
    expect(errorOf(await dispatch({ toString: () => 'app.info' }, {}, sender)).code).toBe('unknown_channel');
    expect(errorOf(await dispatch('__proto__', {}, sender)).code).toBe('unknown_channel');
    expect(errorOf(await seam.invoke('constructor', {})).code).toBe('unknown_channel');
  });

  it('reports field issues with a path', async () => {
    const { dispatch } = setup();
    const err = errorOf(
      await dispatch('timeline.window', { from: 1, to: 2, widthPx: 10, lanes: [{ type: 'events', lane: 'nope' }] }, sender),
    );
    expect(err.issues?.[0]?.path).toBe('lanes[0].lane');
    expect(err.message).toMatch(/timeline\.window/);
  });

  it('treats an omitted input as {} for channels without arguments', async () => {
    const { dispatch } = setup();
    expect((await dispatch('app.info', undefined, sender)).ok).toBe(true);
  });

  it('passes parsed input (defaults applied) and the sender to the handler', async () => {
    const seen: unknown[] = [];
    const { dispatch } = setup({
      'events.list': (input, s) => {
        seen.push(input, s);
        return { rows: [], next: null };
      },
    });
    await dispatch('events.list', { from: 1, to: 2 }, { host: 'browser', role: 'viewer' });
    expect(seen).toEqual([{ from: 1, to: 2, limit: 200 }, { host: 'browser', role: 'viewer' }]);
  });

  it('maps a ContractFailure onto its code and message', async () => {
    const { dispatch } = setup({
      'incidents.get': () => {
        throw new ContractFailure('not_found', 'No incident inc-9');
      },
    });
    expect(errorOf(await dispatch('incidents.get', { id: 'inc-9' }, sender))).toEqual({ code: 'not_found', message: 'No incident inc-9' });
  });

  it('turns any other error into a generic internal error, logging the detail', async () => {
    const { dispatch, log } = setup({
      'incidents.list': async () => {
        throw new Error('SQLITE_CORRUPT at /home/alice/secret.db');
      },
    });
    const err = errorOf(await dispatch('incidents.list', {}, sender));
    expect(err.code).toBe('internal');
    expect(err.message).not.toMatch(/SQLITE|alice/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[1])).toMatch(/SQLITE_CORRUPT/);
  });

  it('never sends a value that breaks the output schema', async () => {
    const { dispatch, log } = setup({
      'app.info': () => ({ name: 'Sitrep', version: 1, secret: 'x' }) as never,
    });
    const env = await dispatch('app.info', {}, sender);
    expect(errorOf(env).code).toBe('internal');
    expect(JSON.stringify(env)).not.toMatch(/secret/);
    expect(log).toHaveBeenCalled();
  });

  it('strips fields the output schema does not declare', async () => {
    const { dispatch } = setup({
      'app.info': () => ({ ...contractSamples['app.info'].output, token: 'abc' }) as never,
    });
    const env = await dispatch('app.info', {}, sender);
    expect(env.ok && JSON.stringify(env.value)).not.toMatch(/token/);
  });
});
