/**
 * Datadog events → changes or logs. v1 `GET /api/v1/events` (`{events:[…]}`, date_happened in
 * seconds) and v2 `GET /api/v2/events` / `POST /api/v2/events/search` (`data[]` of type `event`,
 * ISO timestamp). An event is a change when its source or tags say deploy/config, or its title
 * does (heuristic, documented in docs/connectors.md):
 * - rollback: title/tags mention "rollback" or "roll back";
 * - deploy: tags `deployment`/`deploy`/`release`, a CI/CD source (github, gitlab, jenkins,
 *   circleci, argocd, spinnaker, octopus, harness, buildkite, travis, teamcity, azure devops,
 *   bitbucket), or "deploy"/"release"/"rollout" in the title;
 * - config: a config-management source (terraform, ansible, chef, puppet, saltstack,
 *   launchdarkly → feature_flag) or "config" in the title.
 * Anything else → a log (severity from alert_type: error → error, warning → warn, else info).
 * Limits: MAX_EVENTS entries.
 */
import type { ChangeType, EventInput } from '../../../shared/events';
import { ImportError } from '../../import/formats/types';
import { clampText } from '../common/text';
import { checkCount } from '../kubernetes/batch';
import { arr, isObj, num, obj, str, text, time, type Obj } from '../kubernetes/fields';
import { tagAttrs } from './logs';

export const MAX_EVENTS = 100_000;
const CICD = /^(github|gitlab|jenkins|circleci|argo ?cd|argocd|spinnaker|octopus|harness|buildkite|travis|teamcity|azure ?devops|bitbucket|codedeploy|deployment)/i;
const CONFIG = /^(terraform|ansible|chef|puppet|salt ?stack|saltstack)/i;
const FLAGS = /^(launchdarkly|split|flagsmith|statsig)/i;

export const isEventsV1 = (doc: unknown): boolean => isObj(doc) && Array.isArray(doc.events) && doc.events.every((e) => isObj(e) && e.date_happened !== undefined);
export const isEventsV2 = (doc: unknown): boolean =>
  isObj(doc) && Array.isArray(doc.data) && doc.data.length > 0 && doc.data.every((d) => isObj(d) && d.type === 'event' && isObj(d.attributes));

export function classify(title: string, source: string, tags: string[]): ChangeType | null {
  const t = `${title} ${tags.join(' ')}`;
  if (/roll ?back/i.test(t)) return 'rollback';
  if (FLAGS.test(source)) return 'feature_flag';
  if (CONFIG.test(source)) return 'config';
  if (tags.some((x) => /^(deployment|deploy|release)(:|$)/i.test(x)) || CICD.test(source) || /\b(deploy(ed|ment)?|release[ds]?|rollout|rolled out)\b/i.test(title)) return 'deploy';
  if (/\bconfig(uration)?\b/i.test(title)) return 'config';
  return null;
}

interface Norm {
  id?: string;
  ts: number;
  title: string;
  body: string;
  source: string;
  tags: string[];
  alertType?: string;
  host?: string;
  service?: string;
}

function mapOne(n: Norm): EventInput {
  const tagged = tagAttrs(n.tags);
  const service = n.service ?? tagged['tag.service'] ?? 'datadog';
  const type = classify(n.title, n.source, n.tags);
  const attrs = { ...tagged, ...(n.source ? { 'datadog.source': n.source } : {}), ...(n.host ? { host: n.host } : {}) };
  if (type) {
    return {
      kind: 'change',
      ...(n.id ? { externalId: `datadog:event:${n.id}` } : {}),
      ts: n.ts,
      service,
      changeType: type,
      target: tagged['tag.service'] ?? service,
      author: tagged['tag.user'] ?? (n.source || 'datadog'),
      summary: clampText(n.title + (n.body ? ` — ${n.body}` : '')),
      source: n.source ? n.source.toLowerCase().slice(0, 64) : 'datadog',
      attrs,
      ...(tagged['tag.version'] ? { to: tagged['tag.version'] } : {}),
    };
  }
  return {
    kind: 'log',
    ...(n.id ? { externalId: `datadog:event:${n.id}` } : {}),
    ts: n.ts,
    service,
    severity: n.alertType === 'error' ? 'error' : n.alertType === 'warning' ? 'warn' : 'info',
    body: clampText(n.title + (n.body ? `\n${n.body}` : '')),
    attrs,
  };
}

const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

export function mapEventsV1(doc: unknown): EventInput[] {
  if (!isObj(doc) || !Array.isArray(doc.events)) throw new ImportError('expected Datadog events ({events: [...]})', { path: '$.events' });
  const list = doc.events;
  checkCount(list.length, MAX_EVENTS, 'Datadog events', '$.events');
  return list.map((e, i) => {
    const o = obj(e);
    const secs = num(o.date_happened);
    if (secs === undefined || secs < 0 || secs > 8_640_000_000) throw new ImportError('event without a valid date_happened (seconds)', { path: `$.events[${i}].date_happened` });
    return mapOne({ id: str(o.id_str) ?? str(o.id), ts: Math.round(secs * 1000), title: str(o.title) ?? '', body: text(o.text) ?? '', source: str(o.source_type_name) ?? str(o.source) ?? '', tags: strings(o.tags), alertType: str(o.alert_type), host: str(o.host) });
  });
}

export function mapEventsV2(doc: unknown): EventInput[] {
  if (!isObj(doc) || !Array.isArray(doc.data)) throw new ImportError('expected Datadog events ({data: [...]})', { path: '$.data' });
  const list = doc.data;
  checkCount(list.length, MAX_EVENTS, 'Datadog events', '$.data');
  return list.map((e, i) => {
    const o = obj(e);
    const a = obj(o.attributes);
    const inner: Obj = obj(a.attributes);
    const ts = time(a.timestamp) ?? (num(inner.timestamp) !== undefined ? Math.round(num(inner.timestamp) ?? 0) : undefined);
    if (ts === undefined) throw new ImportError('event without a valid timestamp', { path: `$.data[${i}].attributes.timestamp` });
    const tags = strings(a.tags).length ? strings(a.tags) : strings(inner.tags);
    return mapOne({
      id: str(o.id),
      ts,
      title: str(inner.title) ?? str(a.title) ?? '',
      body: text(a.message) ?? '',
      source: str(inner.source_type_name) ?? str(inner.sourcecategory) ?? str(a.source) ?? '',
      tags,
      alertType: str(inner.status) ?? str(inner.alert_type),
      service: str(inner.service),
    });
  });
}
