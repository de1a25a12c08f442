/**
 * Real end to end: a real Prometheus evaluates an alerting rule, a real Alertmanager delivers it
 * over HTTP to Sitrep's receiver (startReceiver) and webhook route (bearer token), the alert lands in a real store's alerts
 * lane and opens an incident; a re-delivery of the same body deduplicates.
 * Skipped (with the reason) when the Debian binaries are missing; FAILS under CI=true.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../receiver/server';
import { alertmanagerAvailable, startAlertmanager } from '../../testing/servers/alertmanager';
import { binaryAvailable, startServer, tempDir, type RunningServer } from '../../testing/servers/process';
import type { Connection } from '../../../shared/connections';
import { alertmanagerClient } from './client';
import { labelsFingerprint } from './fingerprint';
import { alertWebhookRoutes } from './routes';
import { webhookSecrets } from './secrets';
import { testContext } from './test-context';

const PROMETHEUS_BIN = '/usr/bin/prometheus';
const have = alertmanagerAvailable() && binaryAvailable(PROMETHEUS_BIN);

/** Minimal private Prometheus starter: one always-firing rule, alerts sent to `amUrl`. */
async function startPrometheus(amUrl: string): Promise<RunningServer> {
  const dir = tempDir('prometheus');
  writeFileSync(
    join(dir, 'rules.yml'),
    `groups:
  - name: sitrep-e2e
    interval: 1s
    rules:
      - alert: SupportAgentInvalidJSONRate
        expr: vector(1)
        for: 0s
        labels: { severity: critical, service: support-agent }
        annotations:
          summary: Invalid JSON rate above 10% on support-agent
          runbook_url: https://runbooks.example/support-agent/invalid-json
`,
  );
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs: [{ targets: ['${new URL(amUrl).host}'] }]
`,
  );
  const server = await startServer({
    name: 'prometheus',
    bin: PROMETHEUS_BIN,
    dir,
    // resend-delay 1s: an alert evaluated before the Alertmanager was discovered is dropped and,
    // with the default 1m delay, only re-sent a minute later.
    args: (port, d) => [`--config.file=${join(d, 'prometheus.yml')}`, `--storage.tsdb.path=${join(d, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--rules.alert.resend-delay=1s'],
    readyPath: '/-/ready',
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (!have && process.env.CI !== 'true') {
  console.warn(`[e2e] skipping the Prometheus → Alertmanager → Sitrep test: ${PROMETHEUS_BIN} or prometheus-alertmanager not installed (apt-get install prometheus prometheus-alertmanager)`);
}

describe.skipIf(!have && process.env.CI !== 'true')('Prometheus → Alertmanager → Sitrep webhook (real servers)', () => {
  const ctx = testContext();
  const bodies: Buffer[] = [];
  let front: Receiver | undefined;
  let am: RunningServer | undefined;
  let prom: RunningServer | undefined;
  let t0 = 0;

  beforeAll(async () => {
    if (!have) throw new Error('CI=true: /usr/bin/prometheus and /usr/bin/prometheus-alertmanager must be installed');
    // The routes as served, recording what Alertmanager sent (to re-deliver it below).
    const routes = alertWebhookRoutes(ctx).map((r) => ({
      ...r,
      handle: (req: Parameters<typeof r.handle>[0]) => {
        if (req.path === '/webhooks/alertmanager') bodies.push(req.rawBody);
        return r.handle(req);
      },
    }));
    front = await startReceiver({ routes, port: 0 });
    t0 = Date.now();
    am = await startAlertmanager({ webhookUrl: `${front.url}/webhooks/alertmanager`, bearerToken: webhookSecrets(ctx).token });
    prom = await startPrometheus(am.url);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await am?.stop();
    await front?.close();
    ctx.store.close();
  });

  it('delivers the firing alert into the alerts lane and opens an incident; a re-delivery dedups', async () => {
    const deadline = Date.now() + 30_000;
    while (ctx.store.listIncidents().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const deliveredMs = Date.now() - t0;
    console.info(`[e2e] alert delivered ${deliveredMs} ms after the servers started`);
    const incidents = ctx.store.listIncidents();
    if (incidents.length === 0) {
      const promAlerts = await fetch(`${prom?.url ?? ''}/api/v1/alerts`).then((r) => r.text()).catch((e: unknown) => String(e));
      const amAlerts = (await fetch(`${prom?.url ?? ''}/api/v1/alertmanagers`).then((r) => r.text())) + await fetch(`${am?.url ?? ''}/api/v2/alerts`).then((r) => r.text()).catch((e: unknown) => String(e));
      console.error(`[e2e] prometheus log: ${prom?.output().split("\n").filter((l) => /notif|error|warn/i.test(l)).join("\n").slice(0, 3000) ?? ""}`);
      console.error(`[e2e] deliveries: ${bodies.length}; Prometheus alerts: ${promAlerts.slice(0, 1000)}; Alertmanager alerts: ${amAlerts.slice(0, 1000)}`);
    }
    expect(incidents, `no incident within 30 s.\nAlertmanager:\n${am?.output() ?? ''}\nPrometheus:\n${prom?.output().slice(-3000) ?? ''}`).toHaveLength(1);
    const inc = incidents[0];
    expect(inc).toMatchObject({ title: 'Invalid JSON rate above 10% on support-agent', severity: 'sev1', status: 'open', services: ['support-agent'] });

    const w = ctx.store.window({ from: (inc?.windowFrom ?? 0), to: (inc?.windowTo ?? 1), widthPx: 100, lanes: [{ type: 'events', lane: 'alerts' }] });
    const lane = w.lanes[0];
    expect(lane?.type === 'events' ? lane.total : -1).toBe(1);
    const item = lane?.type === 'events' ? lane.items[0] : undefined;
    expect(item).toMatchObject({ kind: 'alert', service: 'support-agent', name: 'SupportAgentInvalidJSONRate (firing)' });
    const detail = ctx.store.getEvent(item?.id ?? -1);
    expect(detail?.event.kind).toBe('alert');
    if (detail?.event.kind !== 'alert') return;
    expect(detail.event).toMatchObject({ severity: 'critical', state: 'firing', source: 'alertmanager', runbookUrl: 'https://runbooks.example/support-agent/invalid-json' });
    // Our fingerprint function agrees with the real Alertmanager's.
    expect(labelsFingerprint(detail.event.labels)).toBe(detail.event.fingerprint);

    const raw = bodies[0];
    expect(raw).toBeDefined();
    const res = await fetch(`${front?.url ?? ''}/webhooks/alertmanager`, { method: 'POST', body: raw, headers: { authorization: `Bearer ${webhookSecrets(ctx).token}`, 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 0, duplicates: 1, incidents: [] });
    expect(ctx.store.stats().events).toBe(1);
    expect(ctx.store.listIncidents()).toHaveLength(1);
  }, 45_000);

  it('alertmanagerClient probes the real Alertmanager and fetches the same alert (deduplicated)', async () => {
    const conn: Connection = { id: 'am', createdAt: 0, name: 'am', kind: 'alertmanager', url: am?.url ?? '', auth: { type: 'none' }, tls: { insecureSkipVerify: false }, headers: {}, options: {}, timeoutMs: 5_000 };
    const p = await alertmanagerClient.probe(conn);
    expect(p).toMatchObject({ ok: true, detail: expect.stringMatching(/^Alertmanager 0\.\d+/) as string });
    const batch = await alertmanagerClient.fetchWindow(conn, { from: 0, to: Date.now() + 60_000, services: ['support-agent'] });
    expect(batch.events.map((e) => (e.kind === 'alert' ? [e.name, e.state, e.labels.sitrep_am_state] : null))).toEqual([['SupportAgentInvalidJSONRate', 'firing', 'active']]);
    expect(ctx.store.ingest({ events: batch.events })).toMatchObject({ events: 0, duplicates: 1 });
    const none = await alertmanagerClient.probe({ ...conn, url: prom?.url ?? '' });
    expect(none).toMatchObject({ ok: false });
  });
});
