import { afterEach, describe, expect, it } from 'vitest';
import { startReplay, type ReplayServer } from '../kubernetes/replay-server';
import { testConnection } from '../../testing/connection';
import { githubClient } from './client';

let srv: ReplayServer | undefined;
afterEach(async () => srv?.close());

// Shapes from GitHub's REST docs ("List deployments", "List deployment statuses", "Get rate limit status").
const DEPLOYMENTS = [
  { url: 'https://api.github.com/repos/octocat/example/deployments/1', id: 1, sha: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d', ref: 'topic-branch', task: 'deploy', payload: {}, original_environment: 'staging', environment: 'production', description: 'Deploy request from hubot', creator: { login: 'octocat', id: 1 }, created_at: '2012-07-20T01:19:13Z', updated_at: '2012-07-20T01:19:13Z', statuses_url: 'https://api.github.com/repos/octocat/example/deployments/1/statuses', repository_url: 'https://api.github.com/repos/octocat/example', transient_environment: false, production_environment: true },
];
const STATUSES = [{ url: 'x', id: 1, state: 'failure', creator: { login: 'octocat' }, description: 'Deployment finished with errors.', environment: 'production', created_at: '2012-07-20T01:25:13Z', updated_at: '2012-07-20T01:25:13Z' }];

describe('github client', () => {
  it('probe + deployments with statuses, version header and token', async () => {
    srv = await startReplay((r) => {
      if (r.headers.authorization !== 'Bearer ghp_x') return { status: 401, body: { message: 'Bad credentials' } };
      if (r.path === '/rate_limit') return { body: { resources: { core: { limit: 5000, remaining: 4999, reset: 1 } } } };
      if (r.path === '/repos/octocat/example/deployments') return { body: DEPLOYMENTS };
      if (r.path === '/repos/octocat/example/deployments/1/statuses') return { body: STATUSES };
      return undefined;
    });
    const conn = testConnection({ kind: 'github', url: srv.url, auth: { type: 'bearer', token: 'ghp_x' }, options: { repo: 'octocat/example' } });
    expect(await githubClient.probe(conn)).toMatchObject({ ok: true, detail: 'GitHub API reachable, 4999 requests left this hour' });
    expect(srv.seen[0]?.headers['x-github-api-version']).toBe('2022-11-28');
    const b = await githubClient.fetchWindow(conn, { from: Date.parse('2012-07-20T00:00:00Z'), to: Date.parse('2012-07-21T00:00:00Z') });
    expect(b.events.map((e) => e.kind)).toEqual(['change', 'change', 'log']);
    expect(b.events[1]?.attrs?.['github.state']).toBe('failure');
    expect(await githubClient.probe(testConnection({ kind: 'github', url: srv.url }))).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('garbage → bad_shape', async () => {
    srv = await startReplay(() => ({ body: 'not json', raw: true }));
    const conn = testConnection({ kind: 'github', url: srv.url, options: { repo: 'a/b' } });
    expect(await githubClient.probe(conn)).toMatchObject({ ok: false, code: 'bad_shape' });
    await expect(githubClient.fetchWindow(conn, { from: 0, to: 1 })).rejects.toMatchObject({ code: 'bad_shape' });
  });
});
