import { describe, expect, it } from 'vitest';
import type { ChangeEvent, EventInput } from '../../../shared/events';
import type { ParsedInput } from '../../import/formats/types';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { githubFormats } from './formats';

const NOW = Date.UTC(2026, 2, 14);
const [hook, list] = githubFormats as [(typeof githubFormats)[number], (typeof githubFormats)[number]];
const json = (rel: string): ParsedInput => ({ kind: 'json', doc: JSON.parse(readFixture(`github_deployments/${rel}`)) as unknown, skippedLines: 0 });
const change = (e: EventInput[]): ChangeEvent => e.find((x): x is ChangeEvent => x.kind === 'change') as ChangeEvent;

describeFixtures('github: recorded webhook payloads', () => {
  it.each(['gh_deployment__payload.json', 'gh_deployment__with-installation.json'])('%s → deploy to production', (f) => {
    const i = json(f);
    expect(hook.detect(i)).toBe(true);
    const { events } = hook.parse(i, { now: NOW });
    expect(events).toHaveLength(1);
    expect(change(events)).toMatchObject({
      changeType: 'deploy',
      externalId: 'github:deployment:145988746',
      ts: Date.parse('2019-05-15T15:20:53Z'),
      service: 'Hello-World',
      author: 'Codertocat',
      to: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      source: 'github',
    });
    expect(change(events).attrs).toMatchObject({ 'github.environment': 'production', 'github.ref': 'master' });
  });

  it('gh-pages deployment by the pages bot', () => {
    const c = change(hook.parse(json('gh_deployment__gh-pages.json'), { now: NOW }).events);
    expect(c).toMatchObject({ author: 'github-pages[bot]', ts: Date.parse('2022-01-03T01:28:30Z') });
    expect(c.attrs?.['github.environment']).toBe('github-pages');
  });

  it.each([
    ['gh_deployment_status__payload.json', 'success', '2019-05-15T15:20:55Z'],
    ['gh_deployment_status__with-installation.json', 'success', '2019-05-15T15:20:55Z'],
    ['gh_deployment_status__gh-pages.json', 'in_progress', '2022-01-03T01:28:40Z'],
  ])('%s → status %s', (f, state, at) => {
    const { events } = hook.parse(json(f), { now: NOW });
    expect(events).toHaveLength(1);
    expect(change(events)).toMatchObject({ externalId: 'github:deployment:145988746:status:209916254', ts: Date.parse(at) });
    expect(change(events).attrs?.['github.state']).toBe(state);
  });

  it.each([
    ['gh_check_run__completed.json', 'check_run'],
    ['gh_workflow_run__completed.json', 'workflow_run'],
    ['gh_workflow_run__requested.json', 'workflow_run'],
    ['gh_workflow_job__queued.with-deployment.json', 'workflow_job'],
    ['gh_deployment_review__requested.json', 'deployment_review'],
  ])('%s is refused with the reason', (f, kind) => {
    const i = json(f);
    expect(hook.detect(i)).toBe(true);
    expect(() => hook.parse(i, { now: NOW })).toThrow(new RegExp(`GitHub ${kind} webhooks are not imported`));
  });
});

describe('github: statuses and the REST list', () => {
  const dep = { id: 7, sha: 'abcdef0123456789', ref: 'main', task: 'deploy', environment: 'prod', created_at: '2026-03-14T02:41:00Z', creator: { login: 'dev' }, url: 'https://api.github.com/repos/acme/support-agent/deployments/7', statuses_url: 'x' };
  it('a failure status → change with state and a warn log', () => {
    const doc = { action: 'created', deployment: dep, deployment_status: { id: 9, state: 'failure', created_at: '2026-03-14T02:45:00Z', description: 'health check failed' }, repository: { full_name: 'acme/support-agent' }, sender: { login: 'dev' } };
    const { events } = hook.parse({ kind: 'json', doc, skippedLines: 0 }, { now: NOW });
    expect(events.map((e) => e.kind)).toEqual(['change', 'log']);
    expect(events[1]).toMatchObject({ severity: 'warn', service: 'support-agent' });
  });
  it('the REST list with statuses, repo from the url', () => {
    const i: ParsedInput = { kind: 'json', doc: [{ ...dep, statuses: [{ id: 1, state: 'success', created_at: '2026-03-14T02:42:00Z' }] }], skippedLines: 0 };
    expect(list.detect(i)).toBe(true);
    const { events } = list.parse(i, { now: NOW });
    expect(events).toHaveLength(2);
    expect(change(events).attrs?.['github.repo']).toBe('acme/support-agent');
  });
  it('a rollback task is a rollback', () => {
    const i: ParsedInput = { kind: 'json', doc: [{ ...dep, task: 'deploy:rollback' }], skippedLines: 0 };
    expect(change(list.parse(i, { now: NOW }).events).changeType).toBe('rollback');
  });
});
