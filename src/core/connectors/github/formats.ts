/**
 * GitHub import formats: deployment / deployment_status webhook bodies, other GitHub webhook
 * bodies (claimed so that the refusal names the reason), and the REST deployments list.
 * Mapping and limits: ./parse.ts.
 */
import { ImportError, type ImportFormat } from '../../import/formats/types';
import { finishBatch } from '../kubernetes/batch';
import { isObj } from '../kubernetes/fields';
import { ignoredWebhookReason, isDeploymentListEntry, mapDeploymentList, mapWebhook } from './parse';

const isGithubWebhook = (d: unknown): boolean =>
  isObj(d) && isObj(d.repository) && typeof d.repository.full_name === 'string' && isObj(d.sender) && (typeof d.action === 'string' || isObj(d.deployment));

export const githubFormats: ImportFormat[] = [
  {
    id: 'github-deployment-webhook',
    label: 'GitHub deployment / deployment_status webhook',
    detect: (input) => input.kind === 'json' && isGithubWebhook(input.doc),
    parse(input) {
      if (input.kind !== 'json' || !isObj(input.doc)) throw new ImportError('expected a GitHub webhook JSON object', { path: '$' });
      const reason = ignoredWebhookReason(input.doc);
      if (reason) throw new ImportError(reason, { path: '$' });
      const events = mapWebhook(input.doc);
      if (events.length === 0) throw new ImportError('GitHub deployment webhook without a deployment id or created_at', { path: '$.deployment' });
      return finishBatch(events, [], 'GitHub');
    },
  },
  {
    id: 'github-deployments-list',
    label: 'GitHub REST deployments list',
    detect: (input) => input.kind === 'json' && Array.isArray(input.doc) && input.doc.length > 0 && isDeploymentListEntry(input.doc[0]),
    parse(input) {
      if (input.kind !== 'json' || !Array.isArray(input.doc)) throw new ImportError('expected a JSON array of deployments', { path: '$' });
      input.doc.forEach((d, i) => {
        if (!isDeploymentListEntry(d)) throw new ImportError('not a GitHub deployment (needs sha, environment, created_at)', { path: `$[${i}]` });
      });
      return finishBatch(mapDeploymentList(input.doc), [], 'GitHub');
    },
  },
];
