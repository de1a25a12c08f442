/**
 * GitHub deployments → changes. Sources: the `deployment` and `deployment_status` webhooks (the
 * event name travels in the X-GitHub-Event header, so files are recognised by their keys), and
 * the REST API's `GET /repos/{o}/{r}/deployments` list (optionally with each deployment's
 * `statuses`, as the live client fetches them).
 * - deployment → ChangeEvent `deploy` (`rollback` when its task or description says rollback)
 *   at created_at: target = repository name, to = the sha, author = creator, attrs environment/ref.
 * - deployment_status → ChangeEvent with attrs `github.state` (success, failure, error, inactive,
 *   in_progress, queued, pending) at the status's created_at; failure/error also → a warn log.
 * Other webhook types (check_run, workflow_run, workflow_job, deployment_review…) carry no
 * change of the running system: they are refused with that reason (ignoredWebhookReason).
 * Limits: at most MAX_DEPLOYMENTS list entries and MAX_STATUSES statuses each; strings clamped.
 */
import type { ChangeEvent, ChangeType, EventInput } from '../../../shared/events';
import { clampText } from '../common/text';
import { checkCount } from '../kubernetes/batch';
import { arr, isObj, obj, str, text, time, type Obj } from '../kubernetes/fields';

export const MAX_DEPLOYMENTS = 10_000;
export const MAX_STATUSES = 1_000;
const FAILED = new Set(['failure', 'error']);

function repoName(payload: Obj, dep: Obj): string {
  const full = str(obj(payload.repository).full_name);
  if (full) return full;
  const m = /\/repos\/([^/]+\/[^/]+)\/deployments/.exec(String(dep.url ?? ''));
  return m?.[1] ?? 'github';
}

export function mapDeployment(dep: Obj, repo: string, fallbackAuthor?: string): ChangeEvent | null {
  const ts = time(dep.created_at);
  const id = str(dep.id);
  if (ts === undefined || !id) return null;
  const env = str(dep.environment) ?? 'unknown';
  const sha = str(dep.sha);
  const ref = str(dep.ref);
  const task = str(dep.task) ?? 'deploy';
  const description = text(dep.description);
  const type: ChangeType = /rollback/i.test(`${task} ${description ?? ''}`) ? 'rollback' : 'deploy';
  const service = repo.includes('/') ? (repo.split('/')[1] ?? repo) : repo;
  const author = str(obj(dep.creator).login) ?? fallbackAuthor ?? 'github';
  const change: ChangeEvent = {
    kind: 'change',
    externalId: `github:deployment:${id}`,
    ts,
    service,
    changeType: type,
    target: service,
    author,
    summary: clampText(`${task} of ${repo}${ref ? ` ${ref}` : ''}${sha ? ` (${sha.slice(0, 7)})` : ''} to ${env} by ${author}${description ? `: ${description}` : ''}`),
    source: 'github',
    attrs: { 'github.repo': repo, 'github.environment': env, 'github.deployment_id': id, ...(ref ? { 'github.ref': ref } : {}) },
  };
  if (sha) change.to = sha;
  return change;
}

export function mapStatus(st: Obj, dep: Obj, repo: string): EventInput[] {
  const ts = time(st.created_at);
  const state = str(st.state);
  const depId = str(dep.id);
  if (ts === undefined || !state || !depId) return [];
  const service = repo.includes('/') ? (repo.split('/')[1] ?? repo) : repo;
  const env = str(st.environment) ?? str(dep.environment) ?? 'unknown';
  const author = str(obj(st.creator).login) ?? 'github';
  const sha = str(dep.sha);
  const desc = text(st.description);
  const change: ChangeEvent = {
    kind: 'change',
    externalId: `github:deployment:${depId}:status:${str(st.id) ?? ts}`,
    ts,
    service,
    changeType: /rollback/i.test(`${str(dep.task) ?? ''} ${str(dep.description) ?? ''}`) ? 'rollback' : 'deploy',
    target: service,
    author,
    summary: clampText(`deployment ${depId} of ${repo}${sha ? ` (${sha.slice(0, 7)})` : ''} to ${env}: ${state}${desc ? ` — ${desc}` : ''}`),
    source: 'github',
    attrs: { 'github.repo': repo, 'github.environment': env, 'github.deployment_id': depId, 'github.state': state },
  };
  if (sha) change.to = sha;
  const out: EventInput[] = [change];
  if (FAILED.has(state)) {
    out.push({
      kind: 'log',
      externalId: `github:deployment:${depId}:status:${str(st.id) ?? ts}:log`,
      ts,
      service,
      severity: 'warn',
      body: clampText(`GitHub deployment ${depId} of ${repo} to ${env} ended in ${state}${desc ? `: ${desc}` : ''}`),
      attrs: { 'github.state': state, 'github.environment': env },
    });
  }
  return out;
}

const OTHER_WEBHOOKS = ['check_run', 'check_suite', 'workflow_run', 'workflow_job', 'deployment_review', 'deployment_protection_rule', 'push', 'pull_request'];

/** Why a GitHub webhook body is not imported, or null when it is a deployment(_status). */
export function ignoredWebhookReason(doc: Obj): string | null {
  if (isObj(doc.deployment_status) || (isObj(doc.deployment) && !isObj(doc.workflow_job))) return null;
  const kind = doc.reviewers !== undefined && doc.workflow_job_run !== undefined ? 'deployment_review' : (OTHER_WEBHOOKS.find((k) => k in doc) ?? 'unknown');
  return `GitHub ${kind} webhooks are not imported: only deployment and deployment_status carry changes (the deployment itself arrives in its own deployment webhook)`;
}

export function mapWebhook(doc: Obj): EventInput[] {
  const dep = obj(doc.deployment);
  const repo = repoName(doc, dep);
  if (isObj(doc.deployment_status)) return mapStatus(doc.deployment_status, dep, repo);
  const c = mapDeployment(dep, repo, str(obj(doc.sender).login));
  return c ? [c] : [];
}

/** The REST list; entries may carry `statuses` (an array of deployment statuses). */
export function mapDeploymentList(list: unknown[], repoHint?: string): EventInput[] {
  checkCount(list.length, MAX_DEPLOYMENTS, 'GitHub deployments', '$');
  const out: EventInput[] = [];
  for (const d of list) {
    const dep = obj(d);
    const repo = repoHint ?? repoName({}, dep);
    const c = mapDeployment(dep, repo);
    if (c) out.push(c);
    const statuses = arr(dep.statuses);
    checkCount(statuses.length, MAX_STATUSES, 'GitHub deployment statuses', '$.statuses');
    for (const s of statuses) out.push(...mapStatus(obj(s), dep, repo));
  }
  return out;
}

export function isDeploymentListEntry(v: unknown): boolean {
  return isObj(v) && typeof v.sha === 'string' && typeof v.environment === 'string' && typeof v.created_at === 'string' && (typeof v.statuses_url === 'string' || isObj(v.creator));
}
