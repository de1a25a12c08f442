/**
 * The webhook secrets: a bearer token for Alertmanager, Grafana, Opsgenie and Datadog, and the
 * PagerDuty V3 signing secret. Stored in `<dataDir>/webhooks.json` (mode 0600, created on first
 * use with a random token); env `SITREP_WEBHOOK_TOKEN` / `SITREP_PAGERDUTY_SECRET` override them.
 * With no data folder (in-memory store) a random token lives for the process only.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from '../../app/context';

export interface WebhookSecrets {
  token: string;
  /** Null until the user sets one: PagerDuty deliveries are refused without it. */
  pagerDutySecret: string | null;
  /** Where the token came from, for the setup text. */
  origin: 'env' | 'file' | 'memory';
}

const memory = new WeakMap<CoreContext, WebhookSecrets>();

function readFile(path: string): { token?: string; pagerDutySecret?: string } {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    return {
      token: typeof o.token === 'string' && o.token.length >= 16 ? o.token : undefined,
      pagerDutySecret: typeof o.pagerDutySecret === 'string' && o.pagerDutySecret !== '' ? o.pagerDutySecret : undefined,
    };
  } catch {
    return {};
  }
}

function stored(ctx: CoreContext): { token: string; pagerDutySecret: string | null; origin: 'file' | 'memory' } {
  if (ctx.dataDir === null) {
    let m = memory.get(ctx);
    if (!m) {
      m = { token: randomBytes(24).toString('base64url'), pagerDutySecret: null, origin: 'memory' };
      memory.set(ctx, m);
    }
    return { token: m.token, pagerDutySecret: m.pagerDutySecret, origin: 'memory' };
  }
  const path = join(ctx.dataDir, 'webhooks.json');
  const f = existsSync(path) ? readFile(path) : {};
  if (f.token === undefined) {
    const token = randomBytes(24).toString('base64url');
    writeFileSync(path, JSON.stringify({ token, ...(f.pagerDutySecret ? { pagerDutySecret: f.pagerDutySecret } : {}) }, null, 2) + '\n', { mode: 0o600 });
    chmodSync(path, 0o600);
    return { token, pagerDutySecret: f.pagerDutySecret ?? null, origin: 'file' };
  }
  return { token: f.token, pagerDutySecret: f.pagerDutySecret ?? null, origin: 'file' };
}

export function webhookSecrets(ctx: CoreContext, env: NodeJS.ProcessEnv = process.env): WebhookSecrets {
  const s = stored(ctx);
  const envToken = env.SITREP_WEBHOOK_TOKEN;
  const envPd = env.SITREP_PAGERDUTY_SECRET;
  return {
    token: envToken !== undefined && envToken !== '' ? envToken : s.token,
    pagerDutySecret: envPd !== undefined && envPd !== '' ? envPd : s.pagerDutySecret,
    origin: envToken !== undefined && envToken !== '' ? 'env' : s.origin,
  };
}

/** The token the webhook senders must present (for `sitrep serve` to print). */
export function webhookToken(ctx: CoreContext): string {
  return webhookSecrets(ctx).token;
}

/** Setup text: the Alertmanager receiver snippet and where the other sources point. */
export function describeWebhookSetup(ctx: CoreContext, baseUrl = 'http://127.0.0.1:4318'): string {
  const s = webhookSecrets(ctx);
  const where = s.origin === 'env' ? 'from SITREP_WEBHOOK_TOKEN' : s.origin === 'file' ? `stored in ${join(ctx.dataDir ?? '', 'webhooks.json')}` : 'for this process only';
  return [
    `Alert webhooks on ${baseUrl}/webhooks/{alertmanager,grafana,pagerduty,opsgenie,datadog} (token ${where}).`,
    'Alertmanager (alertmanager.yml):',
    '  receivers:',
    '    - name: sitrep',
    '      webhook_configs:',
    `        - url: ${baseUrl}/webhooks/alertmanager`,
    '          send_resolved: true',
    '          http_config:',
    '            authorization:',
    `              credentials: ${s.token}`,
    `Grafana, Opsgenie, Datadog: send header "Authorization: Bearer ${s.token}" (or basic auth with it as the password).`,
    s.pagerDutySecret === null
      ? 'PagerDuty V3: set SITREP_PAGERDUTY_SECRET (or pagerDutySecret in webhooks.json) to the subscription signing secret; unsigned deliveries are refused.'
      : 'PagerDuty V3: deliveries are verified with the configured signing secret (X-PagerDuty-Signature).',
  ].join('\n');
}
