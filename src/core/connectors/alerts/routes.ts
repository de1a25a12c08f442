/**
 * The alert webhook routes on the local receiver:
 *   POST /webhooks/alertmanager | grafana | opsgenie | datadog   (shared bearer token or basic auth)
 *   POST /webhooks/pagerduty                                     (X-PagerDuty-Signature, HMAC-SHA256)
 * Answers 200 with { accepted, duplicates, ignored, reasons, incidents }, 400 with a precise
 * message for a malformed payload (nothing written), 401 for missing or bad credentials, 503
 * when the store is read-only. Body limit: ./limits.ts MAX_BODY_BYTES.
 */
import { ContractFailure } from '../../../shared/envelope';
import type { CoreContext } from '../../app/context';
import { ImportError } from '../../import/formats/types';
import type { OpenOrJoinOptions } from '../../incidents/open-or-join';
import type { ReceiverRequest, ReceiverResponse, ReceiverRoute } from '../../receiver/types';
import { decodeJsonBody } from './body';
import { MAX_BODY_BYTES } from './limits';
import type { AlertParse } from './normalize';
import { ALERT_PARSERS } from './parse';
import { receiveAlerts } from './receive';
import { webhookSecrets } from './secrets';
import { verifyPagerDutySignature, verifySharedToken } from './signatures';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function reply(status: number, body: unknown): ReceiverResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

type Source = 'alertmanager' | 'grafana' | 'pagerduty' | 'opsgenie' | 'datadog';

function parseFor(source: Source, doc: unknown, now: number): AlertParse {
  switch (source) {
    case 'alertmanager':
      return ALERT_PARSERS.alertmanager.parse(doc, now);
    case 'grafana':
      return ALERT_PARSERS.grafana.parse(doc, now);
    case 'pagerduty':
      return ALERT_PARSERS.pagerduty.parse(doc, now);
    case 'opsgenie':
      return ALERT_PARSERS.opsgenie.parse(doc, now);
    case 'datadog':
      return ALERT_PARSERS.datadog.parse(doc, now);
  }
}

function authorized(ctx: CoreContext, source: Source, req: ReceiverRequest): string | null {
  const secrets = webhookSecrets(ctx);
  if (source === 'pagerduty') {
    if (secrets.pagerDutySecret === null) return 'no PagerDuty signing secret is configured (SITREP_PAGERDUTY_SECRET)';
    const sig = req.headers['x-pagerduty-signature'];
    if (sig === undefined) return 'missing X-PagerDuty-Signature';
    return verifyPagerDutySignature(req.rawBody, sig, secrets.pagerDutySecret) ? null : 'invalid X-PagerDuty-Signature';
  }
  const auth = req.headers.authorization;
  if (auth === undefined) return 'missing Authorization header (Bearer token)';
  return verifySharedToken(auth, secrets.token) ? null : 'invalid credentials';
}

export function alertWebhookRoutes(ctx: CoreContext, opts: OpenOrJoinOptions & { now?: () => number } = {}): ReceiverRoute[] {
  const now = opts.now ?? Date.now;
  const sources: Source[] = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'datadog'];
  return sources.map((source) => ({
    method: 'POST',
    path: `/webhooks/${source}`,
    maxBodyBytes: MAX_BODY_BYTES,
    handle(req: ReceiverRequest): ReceiverResponse {
      const denied = authorized(ctx, source, req);
      if (denied !== null) return { ...reply(401, { error: 'unauthorized', message: denied }), headers: { ...JSON_HEADERS, 'www-authenticate': 'Bearer realm="sitrep"' } };
      const receivedAt = now();
      let parsed: AlertParse;
      try {
        parsed = parseFor(source, decodeJsonBody(req.body), receivedAt);
      } catch (err) {
        if (err instanceof ImportError) {
          const where = err.where?.path ?? (err.where?.offset !== undefined ? `byte ${err.where.offset}` : undefined);
          return reply(400, { error: 'bad_payload', message: `${source} payload rejected: ${err.message}`, ...(where ? { where } : {}) });
        }
        throw err;
      }
      try {
        const s = receiveAlerts(ctx, parsed, receivedAt, opts);
        return reply(200, s);
      } catch (err) {
        if (err instanceof ContractFailure) {
          const status = err.code === 'forbidden' ? 503 : 400;
          return reply(status, { error: err.code, message: `${source} payload rejected: ${err.message}` });
        }
        ctx.log(`webhook ${source} failed`, err);
        return reply(503, { error: 'unavailable', message: 'the alert could not be stored; retry later' });
      }
    },
  }));
}
