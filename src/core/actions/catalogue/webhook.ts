/**
 * Webhook actions: a request the target describes (method, path and JSON body with
 * `{{ params.NAME }}` placeholders), filled with the action's validated parameters.
 */
import { z } from 'zod';
import { defineAction, RenderRefusal, type Rendered } from './define';
import { Key } from './names';
import { request } from './request';
import { secretRef } from './secrets';
import type { WebhookTarget } from './targets';
import { parseTemplate, renderTemplate, soleVariable, type Scalar } from './template';
import type { JsonValue } from './types';

type Params = Readonly<Record<string, Scalar | undefined>>;

function lookupIn(params: Params, path: readonly string[], where: readonly (string | number)[]): Scalar {
  const [root, key, ...rest] = path;
  if (root !== 'params' || key === undefined || rest.length > 0) throw new RenderRefusal(`"${path.join('.')}": webhook templates may only use params.NAME`, where);
  const v = Object.hasOwn(params, key) ? params[key] : undefined;
  if (v === undefined) throw new RenderRefusal(`"params.${key}" is not a parameter of this action (or was not given)`, where);
  return v;
}

function fill(s: string, params: Params, where: readonly (string | number)[], encode: boolean): JsonValue {
  const parsed = parseTemplate(s);
  if (!parsed.ok) throw new RenderRefusal(parsed.message, where);
  const sole = soleVariable(parsed.parts);
  if (sole !== null && !encode) return lookupIn(params, sole, where);
  const r = renderTemplate(parsed.parts, (path) => {
    const v = lookupIn(params, path, where);
    return encode ? encodeURIComponent(String(v)) : v;
  });
  if (!r.ok) throw new RenderRefusal(`unknown variable ${r.missing}`, where);
  return r.text;
}

function fillJson(v: JsonValue, params: Params, where: readonly (string | number)[]): JsonValue {
  if (typeof v === 'string') return fill(v, params, where, false);
  if (Array.isArray(v)) return v.map((x, i) => fillJson(x, params, [...where, i]));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillJson(x, params, [...where, k])]));
  return v;
}

function renderWebhook(params: Params, t: WebhookTarget): Rendered {
  const path = fill(t.path, params, ['target', 'path'], true);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (t.auth !== null) headers[t.auth.header.toLowerCase()] = `${t.auth.prefix}${secretRef(t.auth.secret)}`;
  const body = fillJson(t.body, params, ['target', 'body']);
  return {
    requests: [request(t.method, `${t.base_url}${String(path)}`, headers, body)],
    preconditions: [],
    verification: [],
  };
}

const common = { targetKind: 'webhook', filledAtPreview: [], dryRun: false, mutates: true } as const;

export const webhookToolKillSwitch = defineAction({
  ...common,
  id: 'webhook.tool_kill_switch',
  title: "Switch an agent's tool off (feature flag)",
  description: "Turns a tool off (or back on) through the feature flag that gates it; the agent stops calling it within the flag service's propagation time.",
  params: z.object({ flag_key: Key, tool: Key, enabled: z.boolean() }).strict(),
  risk: 'medium',
  bounds: ['one flag per action'],
  preconditions: ['the flag is still in the state shown'],
  verification: ['calls to the tool stop (or resume) within the timeout'],
  render: (p, t) => renderWebhook(p, t),
});

export const webhookProviderFailover = defineAction({
  ...common,
  id: 'webhook.provider_failover',
  title: 'Fail over to another model provider',
  description: "Points a route of the LLM gateway at another provider (and model), e.g. while the primary provider's API is failing.",
  params: z.object({ route: Key, from_provider: Key, to_provider: Key, to_model: Key.optional() }).strict(),
  risk: 'high',
  bounds: ['one gateway route per action', 'only to a different provider'],
  preconditions: ['the route still sends to the provider shown', 'the fallback provider answers its health check'],
  verification: ['requests on the route reach the fallback provider and succeed'],
  check: (p) => (p.from_provider === p.to_provider ? [{ path: ['to_provider'], message: 'is the provider the route already uses' }] : []),
  render: (p, t) => renderWebhook(p, t),
});

export const MAX_RATE_FACTOR = 10;

export const webhookRateLimit = defineAction({
  ...common,
  id: 'webhook.rate_limit',
  title: 'Change a rate limit',
  description: 'Sets the requests-per-minute limit of one scope (tenant, route, API key) at the gateway or rate limiter.',
  params: z
    .object({
      scope: Key,
      requests_per_minute: z.number().int().min(1).max(1_000_000),
      current_requests_per_minute: z.number().int().min(1).max(1_000_000),
    })
    .strict(),
  filledAtPreview: ['current_requests_per_minute'],
  risk: 'medium',
  bounds: ['1 to 1,000,000 requests per minute', `at most a factor of ${MAX_RATE_FACTOR} up or down at once`],
  preconditions: ['the limit is still the one shown'],
  verification: ['the limiter reports the new limit', 'rejections (HTTP 429) on the scope move as expected'],
  check: (p) => {
    const ratio = p.requests_per_minute / p.current_requests_per_minute;
    return ratio > MAX_RATE_FACTOR || ratio < 1 / MAX_RATE_FACTOR
      ? [{ path: ['requests_per_minute'], message: `changes the limit by more than a factor of ${MAX_RATE_FACTOR} (from ${p.current_requests_per_minute})` }]
      : [];
  },
  render: (p, t) => renderWebhook(p, t),
});
