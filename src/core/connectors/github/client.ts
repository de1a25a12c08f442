/**
 * Live GitHub deployments: `GET /repos/{owner}/{repo}/deployments` (option `repo`, newest first,
 * up to 100) and `GET …/deployments/{id}/statuses` for the deployments not newer than the
 * window's end (at most MAX_STATUS_CALLS of them). Token auth (bearer), `X-GitHub-Api-Version`
 * 2022-11-28. The connection URL is https://api.github.com or a GHES `https://host/api/v3`.
 * Probe: `GET /rate_limit`.
 */
import type { ParsedBatch } from '../../import/formats/types';
import type { SourceClient } from '../../connections/source-client';
import { ConnectorError, httpJson } from '../common/http';
import { finishBatch } from '../kubernetes/batch';
import { inWindow, parseLive, probeWith } from '../kubernetes/client-support';
import { isObj, obj, time } from '../kubernetes/fields';
import { mapDeploymentList } from './parse';

export const GITHUB_API_VERSION = '2022-11-28';
const MAX_STATUS_CALLS = 30;
const headers = { accept: 'application/vnd.github+json', 'x-github-api-version': GITHUB_API_VERSION };

export const githubClient: SourceClient = {
  kinds: ['github'],
  probe: (conn, signal) =>
    probeWith(async () => {
      const { json, latencyMs } = await httpJson(conn, { path: '/rate_limit', headers, signal });
      const core = obj(obj(obj(json).resources).core);
      if (typeof core.remaining !== 'number') throw new ConnectorError('bad_shape', 'This does not answer like the GitHub API: /rate_limit has no resources.core');
      return { latencyMs, detail: `GitHub API reachable, ${core.remaining} requests left this hour` };
    }),
  async fetchWindow(conn, window, signal): Promise<ParsedBatch> {
    const repo = conn.options.repo;
    if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new ConnectorError('bad_shape', 'Set the option "repo" to owner/name');
    const { json } = await httpJson(conn, { path: `/repos/${repo}/deployments`, query: { per_page: 100 }, headers, signal });
    if (!Array.isArray(json)) throw new ConnectorError('bad_shape', `GitHub answered something other than a deployments list for ${repo}`);
    const relevant = json.filter((d) => isObj(d) && (time(d.created_at) ?? Infinity) <= window.to).slice(0, MAX_STATUS_CALLS);
    const withStatuses: unknown[] = [];
    for (const d of relevant) {
      const dep = obj(d);
      const r = await httpJson(conn, { path: `/repos/${repo}/deployments/${String(dep.id)}/statuses`, query: { per_page: 100 }, headers, signal });
      withStatuses.push({ ...dep, statuses: Array.isArray(r.json) ? r.json : [] });
    }
    return inWindow(parseLive(() => finishBatch(mapDeploymentList(withStatuses, repo), [], 'GitHub')), window.from, window.to);
  },
};
