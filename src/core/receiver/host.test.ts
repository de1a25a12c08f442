import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testContext } from '../otlp/test-helpers';
import { startHostReceiver } from './host';

describe('startHostReceiver', () => {
  it('serves every route on a free port, and continues without a receiver when the port is taken', async () => {
    const lines: string[] = [];
    const ctx = testContext();
    const r = await startHostReceiver(ctx, { port: 0, say: (l) => lines.push(l) });
    expect(r).not.toBeNull();
    const ok = await fetch(`${r!.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(ok.status).toBe(200);
    const blocker = createServer();
    await new Promise<void>((d) => blocker.listen(0, '127.0.0.1', d));
    const taken = (blocker.address() as AddressInfo).port;
    expect(await startHostReceiver(ctx, { port: taken, say: (l) => lines.push(l) })).toBeNull();
    expect(lines).toEqual([`telemetry receiver not started: port ${taken} is already in use (use --otlp-port N; continuing without it)`]);
    await new Promise<void>((d) => blocker.close(() => d()));
    await r!.close();
  });
});
