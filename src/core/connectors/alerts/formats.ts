/**
 * Import formats for every alert payload (files are JSON documents), recognised by content:
 * Alertmanager webhook v4, Alertmanager API v2 alert lists, Grafana Alerting, PagerDuty V3,
 * Opsgenie, Datadog monitor webhooks. Incidents are not opened on import (a file is evidence,
 * not a page); the alerts land on the alerts lane. Limits: ./limits.ts.
 */
import type { ImportFormat, ParsedBatch, ParsedInput } from '../../import/formats/types';
import { ImportError } from '../../import/formats/types';
import { ALERT_PARSERS, type AlertParser } from './parse';

function docOf(input: ParsedInput): unknown {
  return input.kind === 'json' ? input.doc : undefined;
}

function format(p: AlertParser): ImportFormat {
  return {
    id: p.id,
    label: p.label,
    detect(input) {
      try {
        return input.kind === 'json' && p.detect(input.doc);
      } catch {
        return false;
      }
    },
    parse(input, ctx): ParsedBatch {
      if (input.kind !== 'json') throw new ImportError(`${p.label}: expected a JSON document`);
      const r = p.parse(docOf(input), ctx.now);
      if (r.alerts.length === 0 && r.ignored.length > 0) {
        throw new ImportError(`${p.label}: nothing to import (${r.ignored.map((i) => i.reason).join('; ')})`);
      }
      return { events: r.alerts, series: [] };
    },
  };
}

/** Order matters: the first format whose `detect` claims a document parses it. */
export const alertFormats: ImportFormat[] = [
  format(ALERT_PARSERS.alertmanager),
  format(ALERT_PARSERS.grafana),
  format(ALERT_PARSERS.alertmanagerApi),
  format(ALERT_PARSERS.pagerduty),
  format(ALERT_PARSERS.opsgenie),
  format(ALERT_PARSERS.datadog),
];
