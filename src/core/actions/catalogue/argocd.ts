/** Argo CD application actions (API server REST: /api/v1/applications/{name}/rollback and /sync). */
import { z } from 'zod';
import { defineAction } from './define';
import { K8sName, K8sNamespace } from './names';
import { read, request, urlOf } from './request';
import { secretRef } from './secrets';
import type { ArgoCdTarget } from './targets';

const auth = (t: ArgoCdTarget): Record<string, string> => ({ authorization: `Bearer ${secretRef(t.token_secret)}` });
const appUrl = (t: ArgoCdTarget, name: string, sub: readonly string[], appNamespace: string | undefined): string =>
  urlOf(t.base_url, ['api', 'v1', 'applications', name, ...sub], appNamespace === undefined ? {} : { appNamespace });

const Revision = z.string().min(1).max(256).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'a Git revision, tag or branch');

export const argocdRollback = defineAction({
  id: 'argocd.rollback',
  title: 'Roll back an Argo CD application',
  description: 'Returns an application to an entry of its deployment history. Argo CD refuses this while automated sync is on.',
  targetKind: 'argocd',
  params: z
    .object({
      application: K8sName,
      app_namespace: K8sNamespace.optional(),
      /** The deployment history id to return to. */
      history_id: z.number().int().min(0),
      /** The revision of that history entry, shown and verified. */
      to_revision: Revision,
      /** The revision synced now, re-checked before dispatch. */
      current_revision: Revision,
      prune: z.boolean().default(false),
    })
    .strict(),
  filledAtPreview: ['history_id', 'to_revision', 'current_revision'],
  risk: 'medium',
  mutates: true,
  dryRun: true,
  bounds: ['one application per action', 'prune off unless set'],
  preconditions: ['the application is still synced at the revision shown', 'automated sync is off'],
  verification: ['the application is synced at the earlier revision', 'its health is Healthy'],
  check: (p) => (p.to_revision === p.current_revision ? [{ path: ['to_revision'], message: 'is the revision deployed now' }] : []),
  render: (p, t, o) => {
    const h = auth(t);
    const app = read(appUrl(t, p.application, [], p.app_namespace), h);
    return {
      requests: [
        request('POST', appUrl(t, p.application, ['rollback'], undefined), { ...h, 'content-type': 'application/json' }, {
          name: p.application,
          id: p.history_id,
          dryRun: o.dryRun,
          prune: p.prune,
          ...(p.app_namespace !== undefined ? { appNamespace: p.app_namespace } : {}),
        }),
      ],
      preconditions: [
        { description: `${p.application} is synced at ${p.current_revision}`, read: app, expect: { pointer: '/status/sync/revision', op: 'eq', value: p.current_revision } },
        { description: `${p.application} has automated sync off`, read: app, expect: { pointer: '/spec/syncPolicy/automated', op: 'absent', value: null } },
      ],
      verification: [
        { description: `${p.application} is synced at ${p.to_revision}`, read: app, expect: { pointer: '/status/sync/revision', op: 'eq', value: p.to_revision } },
        { description: `${p.application} is Healthy`, read: app, expect: { pointer: '/status/health/status', op: 'eq', value: 'Healthy' } },
      ],
    };
  },
});

export const argocdSync = defineAction({
  id: 'argocd.sync',
  title: 'Sync an Argo CD application',
  description: 'Syncs an application to a revision of its source (its target revision when none is given).',
  targetKind: 'argocd',
  params: z
    .object({
      application: K8sName,
      app_namespace: K8sNamespace.optional(),
      revision: Revision.optional(),
      prune: z.boolean().default(false),
    })
    .strict(),
  filledAtPreview: [],
  risk: 'medium',
  mutates: true,
  dryRun: true,
  bounds: ['one application per action', 'prune off unless set'],
  preconditions: ['no sync operation is running on the application'],
  verification: ['the sync operation Succeeded', 'the application is Synced and Healthy'],
  render: (p, t, o) => {
    const h = auth(t);
    const app = read(appUrl(t, p.application, [], p.app_namespace), h);
    return {
      requests: [
        request('POST', appUrl(t, p.application, ['sync'], undefined), { ...h, 'content-type': 'application/json' }, {
          name: p.application,
          ...(p.revision !== undefined ? { revision: p.revision } : {}),
          dryRun: o.dryRun,
          prune: p.prune,
          ...(p.app_namespace !== undefined ? { appNamespace: p.app_namespace } : {}),
        }),
      ],
      preconditions: [{ description: `no operation is running on ${p.application}`, read: app, expect: { pointer: '/operation', op: 'absent', value: null } }],
      verification: [
        { description: `the last sync of ${p.application} Succeeded`, read: app, expect: { pointer: '/status/operationState/phase', op: 'eq', value: 'Succeeded' } },
        { description: `${p.application} is Synced`, read: app, expect: { pointer: '/status/sync/status', op: 'eq', value: 'Synced' } },
        { description: `${p.application} is Healthy`, read: app, expect: { pointer: '/status/health/status', op: 'eq', value: 'Healthy' } },
      ],
    };
  },
});
