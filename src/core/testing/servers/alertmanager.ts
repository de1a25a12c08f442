/**
 * A real Alertmanager (Debian's /usr/bin/prometheus-alertmanager) for integration tests, on
 * 127.0.0.1 with a free port, a temp folder and gossip disabled (`--cluster.listen-address=`),
 * routing everything to one webhook receiver with group_wait/group_interval 1s,
 * send_resolved: true and a bearer token (http_config.authorization).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryAvailable, startServer, tempDir, type RunningServer } from './process';

export const ALERTMANAGER_BIN = process.env.SITREP_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

export function alertmanagerAvailable(): boolean {
  return binaryAvailable(ALERTMANAGER_BIN);
}

export interface AlertmanagerOptions {
  webhookUrl: string;
  bearerToken?: string;
  /** repeat_interval (default 4h: no re-sends during a test). */
  repeatInterval?: string;
}

export function alertmanagerConfig(o: AlertmanagerOptions): string {
  const auth = o.bearerToken !== undefined ? `\n        http_config:\n          authorization:\n            type: Bearer\n            credentials: ${JSON.stringify(o.bearerToken)}` : '';
  return `route:
  receiver: sitrep
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: ${o.repeatInterval ?? '4h'}
receivers:
  - name: sitrep
    webhook_configs:
      - url: ${JSON.stringify(o.webhookUrl)}
        send_resolved: true${auth}
`;
}

export async function startAlertmanager(o: AlertmanagerOptions): Promise<RunningServer> {
  const dir = tempDir('alertmanager');
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, alertmanagerConfig(o));
  const server = await startServer({
    name: 'alertmanager',
    bin: ALERTMANAGER_BIN,
    dir,
    args: (port, d) => [`--config.file=${config}`, `--storage.path=${join(d, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=info'],
    readyPath: '/-/ready',
    timeoutMs: 20_000,
  });
  // startServer keeps a folder it was given: remove it on stop.
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
