/**
 * One Alertmanager-shaped alert (webhook v4 `alerts[]`, API v2 list items, Grafana's `alerts[]`)
 * onto an AlertEvent. Severity from the `severity` label (then `priority`, `level`); runbook
 * from the `runbook_url` annotation (then `runbook`, `runbookURL`, `__runbook_url__`, and the
 * same keys in the payload's commonAnnotations). Firing: ts = startsAt; resolved: ts = endsAt.
 */
import type { AlertEvent, AlertState } from '../../../../shared/events';
import { ImportError } from '../../../import/formats/types';
import { labelsFingerprint } from '../fingerprint';
import { makeAlert, mapSeverity, serviceFrom, type AlertSource } from '../normalize';
import { obj, optStr, parseTime, stringMap } from '../read';

const RUNBOOK_KEYS = ['runbook_url', 'runbook', 'runbookURL', 'runbookUrl', '__runbook_url__'];

export function pickRunbook(...maps: Record<string, string>[]): string | undefined {
  for (const m of maps) for (const k of RUNBOOK_KEYS) if (m[k] !== undefined && m[k].trim() !== '') return m[k];
  return undefined;
}

export interface AmAlertOptions {
  source: AlertSource;
  /** State when the item says nothing (API v2 lists hold current alerts: firing). */
  state?: AlertState;
  commonAnnotations?: Record<string, string>;
  extraLabels?: Record<string, string>;
  attrs?: Record<string, string | number | boolean | undefined>;
  now: number;
}

export function mapAmAlert(raw: unknown, path: string, o: AmAlertOptions): AlertEvent {
  const a = obj(raw, path);
  const labels = stringMap(a.labels, `${path}.labels`);
  const annotations = stringMap(a.annotations, `${path}.annotations`);
  const name = labels.alertname ?? labels.__alert_rule_title__ ?? optStr(a.title) ?? 'unnamed alert';
  let state: AlertState;
  const status = a.status;
  if (typeof status === 'string') {
    if (status === 'firing') state = 'firing';
    else if (status === 'resolved') state = 'resolved';
    else throw new ImportError(`${path}.status: expected "firing" or "resolved", got ${JSON.stringify(status.slice(0, 40))}`, { path: `${path}.status` });
  } else if (o.state !== undefined) state = o.state;
  else throw new ImportError(`${path}.status: missing`, { path: `${path}.status` });
  const startsAt = parseTime(a.startsAt, `${path}.startsAt`);
  const endsAt = parseTime(a.endsAt, `${path}.endsAt`);
  const ts = state === 'resolved' ? (endsAt ?? startsAt ?? o.now) : (startsAt ?? o.now);
  const fingerprint = optStr(a.fingerprint) ?? labelsFingerprint(labels);
  const all = { ...labels, ...(o.extraLabels ?? {}) };
  const common = o.commonAnnotations ?? {};
  return makeAlert({
    source: o.source,
    name,
    fingerprint,
    state,
    ts,
    severity: mapSeverity(labels.severity ?? labels.priority ?? labels.level),
    service: serviceFrom(labels),
    labels: all,
    summary: annotations.summary ?? annotations.message ?? annotations.description ?? common.summary ?? optStr(a.valueString),
    runbookUrl: pickRunbook(annotations, common),
    durMs: state === 'resolved' && startsAt !== undefined && endsAt !== undefined && endsAt >= startsAt ? endsAt - startsAt : undefined,
    attrs: {
      description: annotations.description,
      generatorURL: optStr(a.generatorURL),
      startsAt: startsAt,
      endsAt: endsAt,
      dashboardURL: optStr(a.dashboardURL),
      panelURL: optStr(a.panelURL),
      silenceURL: optStr(a.silenceURL),
      valueString: optStr(a.valueString),
      ...(o.attrs ?? {}),
    },
  });
}
