import { describe, expect, it } from 'vitest';
import { SourceKind } from '../../shared/connections';
import { clientFor, probeConnection } from './clients';

describe('clients', () => {
  it('has a connector client for every kind', () => {
    for (const k of SourceKind.options) expect(clientFor(k)?.kinds, k).toContain(k);
  });

  it('never throws from a probe: a closed port is "refused"', async () => {
    const r = await probeConnection({
      id: 'x',
      name: 'x',
      kind: 'loki',
      url: 'http://127.0.0.1:1',
      auth: { type: 'none' },
      tls: { insecureSkipVerify: false },
      headers: {},
      options: {},
      timeoutMs: 2000,
      createdAt: 0,
    });
    expect(r).toMatchObject({ ok: false, code: 'refused' });
  });
});
