/**
 * Kubernetes objects → the unified event model. Accepts, in any mix: Event and EventList
 * (core/v1 and events.k8s.io/v1), any `*List` with `items`, watch-stream frames
 * (`{type: ADDED|MODIFIED|DELETED, object}`; BOOKMARK and ERROR frames are skipped), bare objects
 * as a recorded watch stream writes them (Event, Pod, ReplicaSet, Deployment, Job), and the
 * OpenShift Insights abridged event lists (`{items:[{namespace, lastTimestamp, reason, message,
 * type}]}`). Objects of other kinds are ignored (counted in nothing, listed in no error).
 *
 * Limits: at most MAX_OBJECTS objects per input (ImportError beyond); strings are clamped by the
 * field helpers; nesting is read only along known paths, so depth costs nothing here (the
 * pipeline's depth check runs before). Whole or nothing: every mapped event is validated.
 */
import type { EventInput } from '../../../shared/events';
import { ImportError, type ParsedBatch } from '../../import/formats/types';
import { checkCount, finishBatch } from './batch';
import { isEventObject, mapEvent } from './events';
import { arr, isObj, str, type Obj } from './fields';
import { mapJob, mapPod } from './pods';
import { RolloutTracker } from './rollouts';

export const MAX_OBJECTS = 200_000;
export const OBJECT_KINDS = new Set(['Event', 'Pod', 'ReplicaSet', 'Deployment', 'Job']);
const WATCH_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

function isWatchFrame(o: Obj): boolean {
  return typeof o.type === 'string' && WATCH_TYPES.has(o.type) && isObj(o.object);
}

/** Flattens lists and watch frames into objects, each with the path it came from. */
function flatten(docs: unknown[]): { o: Obj; path: string }[] {
  const out: { o: Obj; path: string }[] = [];
  const push = (o: Obj, path: string): void => {
    out.push({ o, path });
    checkCount(out.length, MAX_OBJECTS, 'Kubernetes objects', path);
  };
  docs.forEach((doc, i) => {
    const base = docs.length === 1 ? '$' : `docs[${i}]`;
    if (doc === null || doc === undefined) return; // an empty YAML document
    if (!isObj(doc)) throw new ImportError(`expected a Kubernetes object, got ${Array.isArray(doc) ? 'an array' : typeof doc}`, { path: base });
    if (Array.isArray(doc.items)) {
      checkCount(doc.items.length, MAX_OBJECTS, 'Kubernetes list', `${base}.items`);
      doc.items.forEach((item, j) => {
        if (!isObj(item)) throw new ImportError(`list item is not an object`, { path: `${base}.items[${j}]` });
        push(item, `${base}.items[${j}]`);
      });
    } else if (isWatchFrame(doc)) {
      if (doc.type === 'BOOKMARK' || doc.type === 'ERROR') return;
      if (doc.type === 'DELETED' && (doc.object as Obj).kind === 'Event') return;
      push(doc.object as Obj, `${base}.object`);
    } else push(doc, base);
  });
  return out;
}

export function parseKubernetes(docs: unknown[], now: number): ParsedBatch {
  const events: EventInput[] = [];
  const rollouts = new RolloutTracker();
  for (const { o } of flatten(docs)) {
    const kind = str(o.kind);
    if (kind === 'Pod') events.push(...mapPod(o));
    else if (kind === 'Job') events.push(...mapJob(o));
    else if (kind === 'ReplicaSet') rollouts.addReplicaSet(o);
    else if (kind === 'Deployment') rollouts.addDeployment(o, now);
    else if (kind === 'Event' || (kind === undefined && isEventObject(o))) events.push(...mapEvent(o, now));
  }
  events.push(...rollouts.finish(now));
  return finishBatch(dedupe(events), [], 'Kubernetes');
}

/** A watch stream repeats objects; keep the first event per externalId. */
function dedupe(events: EventInput[]): EventInput[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (!e.externalId) return true;
    if (seen.has(e.externalId)) return false;
    seen.add(e.externalId);
    return true;
  });
}

/** Does this look like Kubernetes input at all (cheap; never throws)? */
export function looksLikeKubernetes(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  if (isWatchFrame(doc)) return OBJECT_KINDS.has(String((doc.object as Obj).kind));
  if (Array.isArray(doc.items)) {
    if (doc.kind === 'EventList' || (doc.kind === 'List' && arr(doc.items).some((i) => isObj(i) && OBJECT_KINDS.has(String(i.kind))))) return true;
    if (typeof doc.kind === 'string' && doc.kind.endsWith('List')) return OBJECT_KINDS.has(doc.kind.slice(0, -4));
    const first = doc.items[0];
    return isObj(first) && (first.kind === 'Event' || isEventObject(first)) && doc.kind === undefined;
  }
  return typeof doc.apiVersion === 'string' && OBJECT_KINDS.has(String(doc.kind));
}
