import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplay, type ReplayServer } from '../connectors/kubernetes/replay-server';
import { dispatch } from './dispatch';
import { preparePlan, type Plan } from './plan';
import { harness, journalText, type Harness } from './testing/harness';

const FLAGS_TOKEN = 'flg_live_7f3a9c2e1d';

let server: ReplayServer;
let h: Harness;

const flagsTarget = (url: string) => ({
  kind: 'webhook',
  name: 'flags',
  base_url: `${url}/api`,
  method: 'PATCH',
  path: '/flags/{{ params.flag_key }}',
  auth: { header: 'Authorization', prefix: 'Bearer ', secret: 'flags-token' },
  body: { enabled: '{{ params.enabled }}', reason: 'Sitrep kill switch for tool {{ params.tool }}' },
});

function plan(params: unknown, target: unknown): Plan {
  const p = preparePlan('webhook.tool_kill_switch', params, target, h.t.clock.now());
  if (!p.ok) throw new Error(p.message);
  return p.plan;
}

beforeAll(async () => {
  server = await startReplay((req) => (req.path.startsWith('/api/flags/') ? { status: 200, body: { key: req.path.split('/').pop(), enabled: false } } : undefined));
  h = await harness({ secrets: { 'flags-token': FLAGS_TOKEN } });
});
afterAll(async () => {
  h.close();
  await server.close();
});

describe('webhook action against a loopback server that records what it received', () => {
  it('sends exactly the approved request, with the secret substituted only at send time and never journaled', async () => {
    const p = plan({ flag_key: 'agent-tool-send_email', tool: 'send_email', enabled: false }, flagsTarget(server.url));
    // What the operator saw and signed carries the placeholder, never the token.
    expect(JSON.stringify(p)).not.toContain(FLAGS_TOKEN);
    expect(p.requests[0]?.headers.authorization).toBe('Bearer ⟦secret:flags-token⟧');
    const approval = await h.approve('ana', p);
    expect(JSON.stringify(approval)).not.toContain(FLAGS_TOKEN);

    const out = await dispatch(p, [approval], h.ctx());
    expect(out).toMatchObject({ status: 'unverified', actionId: 'webhook.tool_kill_switch', sent: [{ method: 'PATCH', status: 200, ok: true }] });

    expect(server.seen).toHaveLength(1);
    const got = server.seen[0];
    expect(got?.method).toBe('PATCH');
    expect(got?.path).toBe('/api/flags/agent-tool-send_email');
    expect([...(got?.query.keys() ?? [])]).toEqual([]);
    expect(got?.headers.authorization).toBe(`Bearer ${FLAGS_TOKEN}`);
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.body).toBe('{"enabled":false,"reason":"Sitrep kill switch for tool send_email"}');
    expect(got?.body).toBe(p.requests[0]?.body);

    const kinds = h.journal.list().map((e) => e.kind);
    expect(kinds).toEqual(['approval', 'dispatching', 'dispatch_result', 'verification']);
    const text = journalText(h.journal);
    expect(text).not.toContain(FLAGS_TOKEN);
    expect(text).toContain(`PATCH ${server.url}/api/flags/agent-tool-send_email`);
    expect(h.journal.verify()).toMatchObject({ ok: true });
  });

  it('refuses (and sends nothing) when a secret has no value', async () => {
    const before = server.seen.length;
    const p = plan({ flag_key: 'agent-tool-search', tool: 'search', enabled: false }, { ...flagsTarget(server.url), auth: { header: 'Authorization', prefix: 'Bearer ', secret: 'no-such-secret' } });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'refused', reason: 'secret_missing' });
    expect(server.seen.length).toBe(before);
  });

  it('scrubs a secret the far side echoes back from the result and the journal', async () => {
    const echo = await startReplay((req) => ({ status: 500, body: { error: `bad token ${String(req.headers.authorization)}` } }));
    try {
      const p = plan({ flag_key: 'agent-tool-x', tool: 'x', enabled: false }, flagsTarget(echo.url));
      const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
      expect(out).toMatchObject({ status: 'failed', phase: 'send' });
      expect(JSON.stringify(out)).not.toContain(FLAGS_TOKEN);
      expect(JSON.stringify(out)).toContain('‹redacted›');
      expect(journalText(h.journal)).not.toContain(FLAGS_TOKEN);
    } finally {
      await echo.close();
    }
  });
});
