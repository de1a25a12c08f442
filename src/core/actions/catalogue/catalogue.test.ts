import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS, CATALOGUE, getAction, previewText, runbookParamsSchema } from './index';
import { MAX_EVICTIONS, MAX_REPLICAS } from './kubernetes-common';
import { NOW, SAMPLES, TARGETS } from './testing';
import type { RenderResult } from './types';

const render = (id: string, params: unknown, target: unknown = SAMPLES[id]?.target, dryRun = false): RenderResult => {
  const a = getAction(id);
  if (a === undefined) throw new Error(`no action ${id}`);
  return a.renderRequest(params, target, { now: NOW, dryRun });
};
const ok = (r: RenderResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};
const messages = (r: RenderResult): string[] => (r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
const with_ = (id: string, patch: Record<string, unknown>): unknown => ({ ...(SAMPLES[id]?.params as object), ...patch });

describe('action catalogue', () => {
  it('is an allowlist: the listed ids and nothing else', () => {
    expect(ACTION_IDS).toEqual([
      'k8s.scale', 'k8s.rollout_restart', 'k8s.rollout_undo', 'k8s.cordon', 'k8s.drain', 'argocd.rollback', 'argocd.sync', 'alertmanager.silence',
      'webhook.tool_kill_switch', 'webhook.provider_failover', 'webhook.rate_limit', 'pagerduty.escalate', 'pagerduty.add_note', 'pagerduty.page', 'slack.notify',
    ]);
    for (const id of ['k8s.delete', 'shell', 'K8S.SCALE', 'k8s.scale ', '__proto__', 'constructor', 'toString', '']) expect(getAction(id), id).toBeUndefined();
    expect(Object.keys(SAMPLES).sort()).toEqual([...ACTION_IDS].sort());
  });

  it('every production change has a risk above low or a dry run, and notifications change nothing', () => {
    for (const a of CATALOGUE) {
      if (a.targetKind === 'slack' || a.targetKind === 'pagerduty') expect(a.mutates, a.id).toBe(false);
      else expect(a.mutates, a.id).toBe(true);
      expect(a.dryRun, a.id).toBe(a.targetKind === 'k8s' || a.targetKind === 'argocd');
      expect(a.bounds.length, a.id).toBeGreaterThan(0);
      for (const k of a.filledAtPreview) expect(Object.keys(a.params.shape), a.id).toContain(k);
    }
  });

  for (const id of Object.keys(SAMPLES)) {
    it(`renders ${id} exactly`, () => {
      const r = ok(render(id, SAMPLES[id]?.params));
      const text = [...r.requests.map(previewText), ...[...r.preconditions, ...r.verification].map((c) => `check: ${c.description}${c.read ? ` ← ${c.read.method} ${c.read.url}` : ''}${c.expect ? ` ${c.expect.pointer} ${c.expect.op} ${JSON.stringify(c.expect.value)}` : ''}`)].join('\n---\n');
      expect(text).toMatchSnapshot();
      const a = getAction(id);
      if (a?.dryRun) expect(ok(render(id, SAMPLES[id]?.params, undefined, true)).requests.map(previewText).join('\n---\n')).toMatchSnapshot('dry run');
    });
  }

  it('masks every secret and lists the ones a request needs', () => {
    for (const id of Object.keys(SAMPLES)) {
      const r = ok(render(id, SAMPLES[id]?.params));
      for (const q of r.requests) {
        // Only the Alertmanager and the rate limiter of the samples need no credentials.
        if (id !== 'webhook.rate_limit' && id !== 'alertmanager.silence') expect(q.secrets.length, id).toBeGreaterThan(0);
        for (const s of q.secrets) expect(`${JSON.stringify(q.headers)}${q.body ?? ''}`).toContain(`⟦secret:${s}⟧`);
      }
    }
    expect(ok(render('pagerduty.page', SAMPLES['pagerduty.page']?.params)).requests[0]?.secrets).toEqual(['pd-routing-ai']);
  });

  it('refuses replicas over the maximum, too large a step, and a stale sum', () => {
    expect(messages(render('k8s.scale', with_('k8s.scale', { current_replicas: 49, add_replicas: 2, replicas: 51 })))).toEqual([`replicas: Too big: expected number to be <=${MAX_REPLICAS}`]);
    expect(messages(render('k8s.scale', with_('k8s.scale', { add_replicas: 25, replicas: 29 })))).toEqual(['add_replicas: Too big: expected number to be <=20']);
    expect(messages(render('k8s.scale', with_('k8s.scale', { replicas: 7 })))).toEqual(['replicas: must be current_replicas + add_replicas = 6']);
    expect(messages(render('k8s.scale', with_('k8s.scale', { add_replicas: -4, replicas: 0 })))).toEqual(['replicas: Too small: expected number to be >=1']);
  });

  it('refuses unknown fields, wrong types and names that could leave their path segment', () => {
    expect(messages(render('k8s.scale', with_('k8s.scale', { force: true })))).toEqual(['force: unknown field']);
    expect(messages(render('k8s.cordon', { node: '../../namespaces/kube-system' }))[0]).toMatch(/^node: a Kubernetes name/);
    expect(messages(render('slack.notify', with_('slack.notify', { text: 42 })))[0]).toMatch(/^text: Invalid input: expected string/);
    expect(messages(render('k8s.drain', with_('k8s.drain', { pods: Array.from({ length: MAX_EVICTIONS + 1 }, (_, i) => ({ namespace: 'a', name: `p${i}` })) })))[0]).toMatch(/^pods: Too big/);
    expect(messages(render('k8s.drain', with_('k8s.drain', { pods: [{ namespace: 'a', name: 'p' }, { namespace: 'a', name: 'p' }] })))).toEqual(['pods.1: a/p is listed twice']);
  });

  it('bounds silences in time and scope', () => {
    expect(messages(render('alertmanager.silence', with_('alertmanager.silence', { duration_minutes: 24 * 60 })))).toEqual(['duration_minutes: Too big: expected number to be <=240']);
    expect(messages(render('alertmanager.silence', with_('alertmanager.silence', { matchers: [{ name: 'alertname', value: '.*', is_regex: true }] })))[0]).toMatch(/may not cover everything/);
  });

  it('refuses the wrong target kind, a bad target, and a dry run the API does not have', () => {
    expect(messages(render('k8s.cordon', { node: 'n1' }, TARGETS.argocd))).toEqual(['target.kind: k8s.cordon needs a k8s target, not argocd']);
    expect(messages(render('k8s.cordon', { node: 'n1' }, { ...TARGETS.k8s, api_server: 'https://user:pw@k8s.example' }))[0]).toMatch(/^target.api_server: an http\(s\) URL without credentials/);
    expect(messages(render('slack.notify', SAMPLES['slack.notify']?.params, undefined, true))).toEqual([': slack.notify: the target API has no dry run']);
  });

  it('fills webhook templates typed in bodies and encoded in paths, and refuses unknown placeholders', () => {
    const kill = ok(render('webhook.tool_kill_switch', SAMPLES['webhook.tool_kill_switch']?.params)).requests[0];
    expect(JSON.parse(kill?.body ?? '')).toEqual({ enabled: false, reason: 'Sitrep kill switch for tool send_email' });
    const route = ok(render('webhook.provider_failover', SAMPLES['webhook.provider_failover']?.params)).requests[0];
    expect(route?.url).toBe('https://gateway.example.internal/admin/routes/support%2Fagent/provider');
    expect(messages(render('webhook.rate_limit', SAMPLES['webhook.rate_limit']?.params, { ...TARGETS.limiter, body: { x: '{{ params.secret_sauce }}' } }))).toEqual([
      'target.body.x: "params.secret_sauce" is not a parameter of this action (or was not given)',
    ]);
    expect(messages(render('webhook.rate_limit', SAMPLES['webhook.rate_limit']?.params, { ...TARGETS.limiter, path: '/x/{{ env.HOME }}' }))).toEqual(['target.path: "env.HOME": webhook templates may only use params.NAME']);
    expect(messages(render('webhook.rate_limit', with_('webhook.rate_limit', { requests_per_minute: 6001 })))[0]).toMatch(/more than a factor of 10/);
    expect(messages(render('webhook.provider_failover', with_('webhook.provider_failover', { to_provider: 'openai' })))).toEqual(['to_provider: is the provider the route already uses']);
  });

  it('runbook params are the full params without the preview-filled fields', () => {
    const scale = getAction('k8s.scale');
    if (!scale) throw new Error('k8s.scale');
    expect(Object.keys(runbookParamsSchema(scale).shape).sort()).toEqual(['add_replicas', 'kind', 'name', 'namespace']);
    expect(runbookParamsSchema(scale).safeParse({ namespace: 'a', kind: 'deployment', name: 'b', add_replicas: 1, replicas: 3 }).success).toBe(false);
  });

  it('rendered URLs stay under the target and every request is valid JSON (property)', () => {
    const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(name, name, fc.integer({ min: 0, max: 30 }), fc.integer({ min: -20, max: 20 }), (ns, wl, cur, add) => {
        const replicas = cur + add;
        const r = render('k8s.scale', { namespace: ns, kind: 'statefulset', name: wl, current_replicas: cur, add_replicas: add, replicas });
        if (add === 0 || replicas < 1 || replicas > MAX_REPLICAS) {
          expect(r.ok).toBe(false);
          return;
        }
        const q = ok(r).requests[0];
        expect(q?.url).toBe(`https://k8s.example.internal:6443/apis/apps/v1/namespaces/${ns}/statefulsets/${wl}/scale`);
        expect(JSON.parse(q?.body ?? '')).toEqual({ spec: { replicas } });
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (text) => {
        const r = render('slack.notify', { channel: '#x', text });
        const q = ok(r).requests[0];
        expect(JSON.parse(q?.body ?? '')).toEqual({ channel: '#x', text });
        expect(q?.url).toBe('https://slack.com/api/chat.postMessage');
      }),
    );
  });
});
