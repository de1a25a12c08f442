/**
 * A real Prometheus (Debian's /usr/bin/prometheus) for integration tests: loopback, a free
 * port, a temporary folder removed on stop, scraping itself and the given targets.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryAvailable, startServer, tempDir, type RunningServer } from './process';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const prometheusAvailable = (): boolean => binaryAvailable(PROMETHEUS_BIN);

export interface ScrapeTarget {
  job: string;
  /** host:port */
  targets: string[];
  metricsPath?: string;
}

export interface PrometheusOptions {
  scrapeTargets?: ScrapeTarget[];
  /** Rule files' YAML contents (written as rules-N.yml). */
  ruleFiles?: string[];
  /** Alertmanager base URL (http://127.0.0.1:PORT). */
  alertmanagerUrl?: string;
  /** Scrape and rule evaluation interval; default 1 s. */
  scrapeIntervalSec?: number;
  /**
   * Put the whole server behind HTTP basic auth (Prometheus's web config). Prometheus stores
   * bcrypt hashes only; the tests use BASIC_AUTH_FIXTURE, a hash made once for a test password.
   */
  basicAuth?: { user: string; password: string; bcryptHash: string };
}

/** A test user for `basicAuth`: the bcrypt hash (cost 10) of `password`, made with libxcrypt. */
export const BASIC_AUTH_FIXTURE = {
  user: 'sitrep',
  password: 'sitrep-basic-pass',
  bcryptHash: '$2b$10$M9J7h91t23LVhVn40JrKLeqdCq.G.gjOyTmlVxu6AEYk56QnbkDAi',
} as const;

const q = (s: string): string => JSON.stringify(s);

export function prometheusConfig(opts: PrometheusOptions, port: number): string {
  const every = `${opts.scrapeIntervalSec ?? 1}s`;
  const lines = [`global: { scrape_interval: ${every}, evaluation_interval: ${every} }`];
  const rules = (opts.ruleFiles ?? []).map((_, i) => q(`rules-${i}.yml`));
  if (rules.length > 0) lines.push(`rule_files: [${rules.join(', ')}]`);
  if (opts.alertmanagerUrl) {
    lines.push('alerting:', '  alertmanagers:', `    - static_configs: [{ targets: [${q(new URL(opts.alertmanagerUrl).host)}] }]`);
  }
  lines.push('scrape_configs:');
  lines.push(`  - job_name: prometheus`, `    static_configs: [{ targets: [${q(`127.0.0.1:${port}`)}] }]`);
  for (const t of opts.scrapeTargets ?? []) {
    lines.push(`  - job_name: ${q(t.job)}`);
    if (t.metricsPath) lines.push(`    metrics_path: ${q(t.metricsPath)}`);
    lines.push(`    static_configs: [{ targets: [${t.targets.map(q).join(', ')}] }]`);
  }
  return lines.join('\n') + '\n';
}

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<RunningServer> {
  const dir = tempDir('prometheus');
  (opts.ruleFiles ?? []).forEach((body, i) => writeFileSync(join(dir, `rules-${i}.yml`), body));
  let srv: RunningServer;
  try {
    srv = await startServer({
      name: 'prometheus',
      bin: PROMETHEUS_BIN,
      dir,
      args: (port, d) => {
        writeFileSync(join(d, 'prometheus.yml'), prometheusConfig(opts, port));
        const web: string[] = [];
        if (opts.basicAuth) {
          writeFileSync(join(d, 'web.yml'), `basic_auth_users:\n  ${q(opts.basicAuth.user)}: ${q(opts.basicAuth.bcryptHash)}\n`);
          web.push(`--web.config.file=${join(d, 'web.yml')}`);
        }
        return [
          ...web,
          `--config.file=${join(d, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(d, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ];
      },
      readyPath: '/-/ready',
      readyHeaders: opts.basicAuth
        ? { Authorization: `Basic ${Buffer.from(`${opts.basicAuth.user}:${opts.basicAuth.password}`).toString('base64')}` }
        : undefined,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const stop = srv.stop;
  return { ...srv, stop: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); } };
}
