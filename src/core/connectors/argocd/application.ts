/**
 * Argo CD Application → changes and logs.
 * - `status.history[]` → one `deploy` ChangeEvent per entry at `deployedAt` (revision, source repo
 *   and path, `initiatedBy` when the entry has it). An entry whose revision differs from the one
 *   before it but equals an older entry's is a `rollback`; a re-sync of the same revision stays a
 *   `deploy` with attrs `argocd.resync: true`.
 * - `status.operationState` → the current sync: Running → info log; Succeeded → info log (the
 *   history entry carries the change); Failed/Error → error log. When the synced revision equals
 *   an older history entry (not the latest), the operation is a `rollback` ChangeEvent.
 * - `status.health.status` Degraded/Missing → warn log (at reconciledAt, else the import time).
 * Limits: at most MAX_HISTORY history entries (the API keeps 10 by default); strings clamped.
 */
import type { ChangeEvent, EventInput, LogSeverity } from '../../../shared/events';
import { clampText } from '../common/text';
import { checkCount } from '../kubernetes/batch';
import { arr, obj, str, time, type Obj } from '../kubernetes/fields';

export const MAX_HISTORY = 10_000;

function sourceOf(s: Obj): string | undefined {
  const repo = str(s.repoURL);
  const where = str(s.path) ?? str(s.chart);
  return repo ? clampText(`${repo}${where ? ` ${where}` : ''}`, 512) : undefined;
}

const short = (rev: string | undefined): string => (rev && /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 7) : (rev ?? '?'));

export function mapApplication(app: Obj, now: number, path: string): EventInput[] {
  const meta = obj(app.metadata);
  const name = str(meta.name) ?? 'application';
  const ns = str(meta.namespace);
  const status = obj(app.status);
  const out: EventInput[] = [];
  const history = arr(status.history);
  checkCount(history.length, MAX_HISTORY, 'Argo CD history', `${path}.status.history`);
  const revs: (string | undefined)[] = [];
  history.forEach((h, i) => {
    const e = obj(h);
    const rev = str(e.revision) ?? str(arr(e.revisions)[0]);
    const prev = revs[i - 1];
    revs.push(rev);
    const ts = time(e.deployedAt) ?? time(e.deployStartedAt);
    if (ts === undefined) return;
    const rollback = rev !== undefined && prev !== undefined && rev !== prev && revs.slice(0, i - 1).includes(rev);
    const resync = rev !== undefined && rev === prev;
    const initiated = obj(e.initiatedBy);
    const author = str(initiated.username) ?? (initiated.automated === true ? 'argocd (automated)' : 'argocd');
    const src = sourceOf(obj(e.source ?? arr(e.sources)[0]));
    const change: ChangeEvent = {
      kind: 'change',
      externalId: `argocd:${ns ?? ''}/${name}:history:${str(e.id) ?? i}`,
      ts,
      service: name,
      changeType: rollback ? 'rollback' : 'deploy',
      target: name,
      author,
      summary: clampText(`${name} ${rollback ? 'rolled back to' : resync ? 're-synced' : 'deployed'} ${short(rev)}${src ? ` from ${src}` : ''}`),
      source: 'argocd',
      attrs: { 'argocd.history_id': str(e.id) ?? String(i), ...(resync ? { 'argocd.resync': true } : {}), ...(src ? { 'argocd.source': src } : {}) },
    };
    if (rev) change.to = rev;
    if (prev) change.from = prev;
    const started = time(e.deployStartedAt);
    if (started !== undefined && started <= ts) change.durMs = ts - started;
    out.push(change);
  });
  out.push(...mapOperation(status, name, ns, revs));
  const health = str(obj(status.health).status);
  if (health === 'Degraded' || health === 'Missing') {
    out.push({
      kind: 'log',
      externalId: `argocd:${ns ?? ''}/${name}:health:${health}:${str(status.reconciledAt) ?? ''}`,
      ts: time(status.reconciledAt) ?? now,
      service: name,
      severity: 'warn',
      body: clampText(`Argo CD application ${name} is ${health}${str(obj(status.health).message) ? `: ${str(obj(status.health).message)}` : ''}`),
      attrs: { 'argocd.health': health },
    });
  }
  return out;
}

function mapOperation(status: Obj, name: string, ns: string | undefined, revs: (string | undefined)[]): EventInput[] {
  const op = obj(status.operationState);
  const phase = str(op.phase);
  if (!phase) return [];
  const rev = str(obj(op.syncResult).revision) ?? str(obj(obj(op.operation).sync).revision);
  const ts = time(op.finishedAt) ?? time(op.startedAt);
  if (ts === undefined) return [];
  const initiated = obj(obj(op.operation).initiatedBy);
  const author = str(initiated.username) ?? (initiated.automated === true ? 'argocd (automated)' : 'argocd');
  const severity: LogSeverity = phase === 'Failed' || phase === 'Error' ? 'error' : 'info';
  const out: EventInput[] = [
    {
      kind: 'log',
      externalId: `argocd:${ns ?? ''}/${name}:op:${str(op.startedAt) ?? ts}:${phase}`,
      ts,
      service: name,
      severity,
      body: clampText(`Argo CD sync of ${name} ${phase}${rev ? ` at ${short(rev)}` : ''}: ${str(op.message) ?? ''}`),
      attrs: { 'argocd.phase': phase, 'argocd.initiated_by': author, ...(rev ? { 'argocd.revision': rev } : {}) },
    },
  ];
  const latest = revs[revs.length - 1];
  const older = revs.slice(0, -1);
  if (rev && latest !== undefined && rev !== latest && older.includes(rev)) {
    out.push({
      kind: 'change',
      externalId: `argocd:${ns ?? ''}/${name}:op-rollback:${str(op.startedAt) ?? ts}`,
      ts,
      service: name,
      changeType: 'rollback',
      target: name,
      author,
      summary: clampText(`${name} syncing back to ${short(rev)} (an older history entry; ${phase})`),
      from: latest,
      to: rev,
      source: 'argocd',
      attrs: { 'argocd.phase': phase },
    });
  }
  return out;
}
