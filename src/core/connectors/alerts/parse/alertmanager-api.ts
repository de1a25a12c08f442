/**
 * Alertmanager API v2 alert lists (`GET /api/v2/alerts`): an array of { labels, annotations,
 * startsAt, endsAt, updatedAt, fingerprint, generatorURL, receivers, status: { state:
 * active|suppressed|unprocessed, silencedBy, inhibitedBy } }. The list is the CURRENT state:
 * every item is a firing alert (ts = startsAt; endsAt there is an expiry, not a resolution), so
 * its externalId equals the one the webhook gives the same firing and they deduplicate.
 * Suppressed alerts are kept, labelled `sitrep_silenced="true"` (silencedBy non-empty) and/or
 * `sitrep_inhibited="true"` (inhibitedBy non-empty), with `sitrep_am_state`; they never open an
 * incident (see incidents/open-or-join.ts). Limits: ../limits.ts.
 */
import { ImportError } from '../../../import/formats/types';
import { MAX_ALERTS } from '../limits';
import type { AlertParse } from '../normalize';
import { arr, isObj, obj } from '../read';
import { mapAmAlert } from './am-alert';

const STATES = new Set(['active', 'suppressed', 'unprocessed']);

export function isAlertmanagerApiList(doc: unknown): boolean {
  if (!Array.isArray(doc) || doc.length === 0) return false;
  const first: unknown = doc[0];
  return isObj(first) && isObj(first.labels) && isObj(first.status) && typeof first.status.state === 'string' && 'startsAt' in first;
}

export function parseAlertmanagerApiList(doc: unknown, now: number): AlertParse {
  const list = arr(doc, '$');
  if (list.length > MAX_ALERTS) throw new ImportError(`$: ${list.length} alerts, more than the limit of ${MAX_ALERTS}`, { path: '$' });
  const alerts = list.map((raw, i) => {
    const path = `[${i}]`;
    const status = obj(obj(raw, path).status, `${path}.status`);
    const state = status.state;
    if (typeof state !== 'string' || !STATES.has(state)) {
      throw new ImportError(`${path}.status.state: expected active, suppressed or unprocessed, got ${JSON.stringify(state ?? null)}`, { path: `${path}.status.state` });
    }
    const silencedBy = Array.isArray(status.silencedBy) ? status.silencedBy.filter((s) => typeof s === 'string') : [];
    const inhibitedBy = Array.isArray(status.inhibitedBy) ? status.inhibitedBy.filter((s) => typeof s === 'string') : [];
    const extra: Record<string, string> = { sitrep_am_state: state };
    if (silencedBy.length > 0) extra.sitrep_silenced = 'true';
    if (inhibitedBy.length > 0) extra.sitrep_inhibited = 'true';
    return mapAmAlert(raw, path, {
      source: 'alertmanager',
      state: 'firing',
      extraLabels: extra,
      now,
      attrs: { silencedBy: silencedBy.join(',') || undefined, inhibitedBy: inhibitedBy.join(',') || undefined },
    });
  });
  return { alerts, ignored: [] };
}
