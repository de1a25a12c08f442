/**
 * Argo CD import formats: an Application (or ApplicationList, or several YAML documents), and
 * Argo Rollouts `Rollout` objects, as JSON or YAML. Mapping and limits: ./application.ts,
 * ./rollout.ts. An Application without status (a bare manifest) imports as zero events.
 */
import type { EventInput } from '../../../shared/events';
import { ImportError, type ImportFormat, type ParsedBatch, type ParsedInput } from '../../import/formats/types';
import { checkCount, finishBatch } from '../kubernetes/batch';
import { isObj } from '../kubernetes/fields';
import { mapApplication } from './application';
import { mapRollout } from './rollout';

const MAX_DOCS = 10_000;
const isArgo = (d: unknown): boolean =>
  isObj(d) && typeof d.apiVersion === 'string' && d.apiVersion.startsWith('argoproj.io/') && (d.kind === 'Application' || d.kind === 'Rollout' || d.kind === 'ApplicationList');

function docsOf(input: ParsedInput): unknown[] | null {
  if (input.kind === 'json') return [input.doc];
  if (input.kind === 'yaml') return input.docs.filter((d) => d !== null && d !== undefined);
  return null;
}

export function parseArgo(docs: unknown[], now: number): ParsedBatch {
  const events: EventInput[] = [];
  const expanded: { d: unknown; path: string }[] = [];
  docs.forEach((d, i) => {
    const path = docs.length === 1 ? '$' : `docs[${i}]`;
    if (isObj(d) && d.kind === 'ApplicationList' && Array.isArray(d.items)) d.items.forEach((it, j) => expanded.push({ d: it, path: `${path}.items[${j}]` }));
    else expanded.push({ d, path });
  });
  checkCount(expanded.length, MAX_DOCS, 'Argo CD objects', '$');
  for (const { d, path } of expanded) {
    if (!isObj(d)) throw new ImportError('expected an Argo CD Application or Rollout object', { path });
    if (d.kind === 'Application') events.push(...mapApplication(d, now, path));
    else if (d.kind === 'Rollout') events.push(...mapRollout(d, now));
    else throw new ImportError(`unsupported kind ${String(d.kind)} in an Argo CD file`, { path });
  }
  return finishBatch(events, [], 'Argo CD');
}

export const argocdFormats: ImportFormat[] = [
  {
    id: 'argocd-application',
    label: 'Argo CD Application / Argo Rollouts Rollout (JSON or YAML)',
    detect(input) {
      const docs = docsOf(input);
      return docs !== null && docs.length > 0 && docs.every(isArgo);
    },
    parse(input, ctx) {
      return parseArgo(docsOf(input) ?? [], ctx.now);
    },
  },
];
