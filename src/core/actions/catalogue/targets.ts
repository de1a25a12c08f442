/**
 * Where an action is sent: one schema per target kind. Targets name their secrets; the values
 * live in the credential vault and never appear in a rendered request.
 */
import { z } from 'zod';
import { SecretName } from './secrets';

/** An http(s) origin plus optional path prefix: no credentials, query or fragment; no trailing slash. */
export const BaseUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return false;
    }
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && u.search === '' && u.hash === '';
  }, 'an http(s) URL without credentials, query or fragment')
  .transform((s) => new URL(s).href.replace(/\/+$/, ''));

const TargetName = z.string().min(1).max(128);

export const K8sTarget = z.object({ kind: z.literal('k8s'), name: TargetName, api_server: BaseUrl, token_secret: SecretName }).strict();
export const ArgoCdTarget = z.object({ kind: z.literal('argocd'), name: TargetName, base_url: BaseUrl, token_secret: SecretName }).strict();
export const AlertmanagerTarget = z
  .object({ kind: z.literal('alertmanager'), name: TargetName, base_url: BaseUrl, token_secret: SecretName.nullable().default(null) })
  .strict();
export const PagerDutyTarget = z
  .object({
    kind: z.literal('pagerduty'),
    name: TargetName,
    api_url: BaseUrl.default('https://api.pagerduty.com'),
    events_url: BaseUrl.default('https://events.pagerduty.com'),
    /** REST API key (escalate, notes). */
    token_secret: SecretName,
    /** Events API v2 integration (routing) key (page). */
    routing_key_secret: SecretName,
    /** The PagerDuty user the REST calls act as (the `From` header). */
    from_email: z.email().max(256),
  })
  .strict();
export const SlackTarget = z
  .object({ kind: z.literal('slack'), name: TargetName, api_url: BaseUrl.default('https://slack.com/api'), token_secret: SecretName })
  .strict();

/**
 * A webhook target: the request one system (feature-flag service, LLM gateway, rate limiter)
 * expects, with `{{ params.NAME }}` placeholders for the action's parameters. In `path` they are
 * percent-encoded; in `body` a string that is exactly one placeholder takes the parameter's JSON
 * value, and any other string gets the value as text.
 */
export const WebhookTarget = z
  .object({
    kind: z.literal('webhook'),
    name: TargetName,
    base_url: BaseUrl,
    method: z.enum(['POST', 'PUT', 'PATCH']),
    path: z
      .string()
      .max(1024)
      .refine((p) => /^\/[^?#\s]*$/.test(p.replace(/\{\{[^}]*\}\}/g, 'x')), 'a path starting with "/", without query or fragment'),
    auth: z
      .object({ header: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/), prefix: z.string().max(32).default(''), secret: SecretName })
      .strict()
      .nullable()
      .default(null),
    body: z.json(),
  })
  .strict();

export const Target = z.discriminatedUnion('kind', [K8sTarget, ArgoCdTarget, AlertmanagerTarget, WebhookTarget, PagerDutyTarget, SlackTarget]);
export type Target = z.infer<typeof Target>;
export type K8sTarget = z.infer<typeof K8sTarget>;
export type ArgoCdTarget = z.infer<typeof ArgoCdTarget>;
export type AlertmanagerTarget = z.infer<typeof AlertmanagerTarget>;
export type WebhookTarget = z.infer<typeof WebhookTarget>;
export type PagerDutyTarget = z.infer<typeof PagerDutyTarget>;
export type SlackTarget = z.infer<typeof SlackTarget>;

export interface TargetByKind {
  k8s: K8sTarget;
  argocd: ArgoCdTarget;
  alertmanager: AlertmanagerTarget;
  webhook: WebhookTarget;
  pagerduty: PagerDutyTarget;
  slack: SlackTarget;
}
