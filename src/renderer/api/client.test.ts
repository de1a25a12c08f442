// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SitrepBridge } from '../../shared/bridge';
import { CallError, call, onPush } from './client';
import { setBridge } from './transport';

const appInfo = {
  name: 'Sitrep',
  version: '0.1.0',
  host: 'browser',
  store: { path: '/tmp/x.db', events: 3, series: 1, points: 10 },
  readOnly: false,
};

function fakeBridge(answer: unknown | (() => Promise<unknown>)): SitrepBridge & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    invoke: async (channel, input) => {
      calls.push([channel, input]);
      if (typeof answer === 'function') return (await (answer as () => Promise<unknown>)()) as never;
      return answer as never;
    },
    on: () => () => undefined,
  };
}

async function callError(p: Promise<unknown>): Promise<CallError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CallError) return err;
    throw err;
  }
  throw new Error('expected a CallError');
}

afterEach(() => setBridge(null));

describe('call', () => {
  it('unwraps an ok envelope and returns the parsed value', async () => {
    const bridge = fakeBridge({ ok: true, value: appInfo });
    setBridge(bridge);
    await expect(call('app.info', {})).resolves.toEqual(appInfo);
    expect(bridge.calls).toEqual([['app.info', {}]]);
  });

  it('throws a CallError with code, message and issues on an error envelope', async () => {
    setBridge(
      fakeBridge({
        ok: false,
        error: { code: 'bad_input', message: 'invalid input', issues: [{ path: 'id', message: 'too small' }] },
      }),
    );
    const err = await callError(call('events.get', { id: 1 }));
    expect(err.code).toBe('bad_input');
    expect(err.message).toBe('invalid input');
    expect(err.issues).toEqual([{ path: 'id', message: 'too small' }]);
    expect(err.channel).toBe('events.get');
  });

  it('throws bad_response when the value does not match the output schema', async () => {
    setBridge(fakeBridge({ ok: true, value: { ...appInfo, name: 'NotSitrep' } }));
    const err = await callError(call('app.info', {}));
    expect(err.code).toBe('bad_response');
    expect(err.issues.some((i) => i.path === 'name')).toBe(true);
  });

  it('throws bad_response on something that is not an envelope', async () => {
    setBridge(fakeBridge({ hello: 'world' }));
    expect((await callError(call('app.info', {}))).code).toBe('bad_response');
  });

  it('throws unreachable with a clear message when the transport fails', async () => {
    setBridge(fakeBridge(() => Promise.reject(new Error('connection refused'))));
    const err = await callError(call('incidents.list', {}));
    expect(err.code).toBe('unreachable');
    expect(err.message).toBe('Could not reach the core: connection refused');
  });
});

describe('onPush', () => {
  it('delivers valid payloads and drops malformed ones', () => {
    let emit: (payload: unknown) => void = () => undefined;
    setBridge({
      invoke: async () => ({ ok: true, value: null }),
      on: (event, listener) => {
        expect(event).toBe('store.changed');
        emit = listener;
        return () => undefined;
      },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const got: unknown[] = [];
    onPush('store.changed', (p) => got.push(p));
    emit({ areas: ['events'] });
    emit({ areas: ['nope'] });
    expect(got).toEqual([{ areas: ['events'] }]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
