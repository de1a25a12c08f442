/**
 * Kubernetes import formats, recognised by content: Event / EventList / object lists as JSON,
 * and YAML (one object, a list, or a multi-document watch stream of Events, Pods, ReplicaSets,
 * Deployments and Jobs). See ./parse.ts for the mapping and limits.
 */
import type { ImportFormat, ParsedInput } from '../../import/formats/types';
import { looksLikeKubernetes, parseKubernetes } from './parse';

function docsOf(input: ParsedInput): unknown[] | null {
  if (input.kind === 'json') return [input.doc];
  if (input.kind === 'yaml') return input.docs;
  return null;
}

export const kubernetesFormats: ImportFormat[] = [
  {
    id: 'k8s-objects',
    label: 'Kubernetes Events, Pods, ReplicaSets, Deployments (JSON or YAML)',
    detect(input) {
      const docs = docsOf(input);
      if (!docs) return false;
      const real = docs.filter((d) => d !== null && d !== undefined);
      return real.length > 0 && real.every(looksLikeKubernetes);
    },
    parse(input, ctx) {
      return parseKubernetes(docsOf(input) ?? [], ctx.now);
    },
  },
];
