/** Sample targets and full parameters for every catalogue action (tests and previews). */
import type { JsonValue } from './types';

export const NOW = Date.UTC(2026, 2, 14, 3, 21, 0);

export const TARGETS = {
  k8s: { kind: 'k8s', name: 'prod-eu', api_server: 'https://k8s.example.internal:6443', token_secret: 'k8s-prod-eu' },
  argocd: { kind: 'argocd', name: 'argocd', base_url: 'https://argocd.example.internal', token_secret: 'argocd-token' },
  alertmanager: { kind: 'alertmanager', name: 'am', base_url: 'http://alertmanager.monitoring:9093', token_secret: null },
  pagerduty: { kind: 'pagerduty', name: 'pd', token_secret: 'pd-api-key', routing_key_secret: 'pd-routing-ai', from_email: 'oncall@example.com' },
  slack: { kind: 'slack', name: 'slack', token_secret: 'slack-bot' },
  flags: {
    kind: 'webhook',
    name: 'flags',
    base_url: 'https://flags.example.internal/api',
    method: 'PATCH',
    path: '/flags/{{ params.flag_key }}',
    auth: { header: 'Authorization', prefix: 'Bearer ', secret: 'flags-token' },
    body: { enabled: '{{ params.enabled }}', reason: 'Sitrep kill switch for tool {{ params.tool }}' },
  },
  gateway: {
    kind: 'webhook',
    name: 'llm-gateway',
    base_url: 'https://gateway.example.internal',
    method: 'PUT',
    path: '/admin/routes/{{ params.route }}/provider',
    auth: { header: 'X-Admin-Key', secret: 'gateway-admin' },
    body: { provider: '{{ params.to_provider }}', previous: '{{ params.from_provider }}' },
  },
  limiter: {
    kind: 'webhook',
    name: 'limiter',
    base_url: 'https://gateway.example.internal',
    method: 'POST',
    path: '/admin/limits',
    auth: null,
    body: { scope: '{{ params.scope }}', limit: { requests: '{{ params.requests_per_minute }}', per: 'minute' } },
  },
} as const satisfies Record<string, JsonValue>;

const podTemplate = {
  metadata: { labels: { app: 'checkout' } },
  spec: { containers: [{ name: 'app', image: 'registry.example/checkout:1.41.0', resources: { limits: { memory: '512Mi' } } }] },
};

/** Full, valid params per action id, and the target each goes to. */
export const SAMPLES: Readonly<Record<string, { params: JsonValue; target: JsonValue }>> = {
  'k8s.scale': { params: { namespace: 'inference', kind: 'deployment', name: 'vllm-llama', add_replicas: 2, current_replicas: 4, replicas: 6 }, target: TARGETS.k8s },
  'k8s.rollout_restart': { params: { namespace: 'payments', kind: 'deployment', name: 'checkout' }, target: TARGETS.k8s },
  'k8s.rollout_undo': { params: { namespace: 'payments', name: 'checkout', current_revision: 12, to_revision: 11, pod_template: podTemplate }, target: TARGETS.k8s },
  'k8s.cordon': { params: { node: 'gpu-node-3' }, target: TARGETS.k8s },
  'k8s.drain': {
    params: {
      node: 'gpu-node-3',
      pods: [
        { namespace: 'inference', name: 'vllm-llama-7d9f-abc12' },
        { namespace: 'batch', name: 'embed-job-x7k2p' },
      ],
      grace_period_seconds: 60,
    },
    target: TARGETS.k8s,
  },
  'argocd.rollback': { params: { application: 'checkout', history_id: 41, to_revision: 'a1b2c3d', current_revision: 'e4f5a6b' }, target: TARGETS.argocd },
  'argocd.sync': { params: { application: 'checkout', revision: 'v1.41.0' }, target: TARGETS.argocd },
  'alertmanager.silence': {
    params: { matchers: [{ name: 'service', value: 'checkout' }, { name: 'severity', value: 'warning' }], duration_minutes: 60, comment: 'upstream outage, incident inc-42', created_by: 'alice' },
    target: TARGETS.alertmanager,
  },
  'webhook.tool_kill_switch': { params: { flag_key: 'agent-tool-send_email', tool: 'send_email', enabled: false }, target: TARGETS.flags },
  'webhook.provider_failover': { params: { route: 'support/agent', from_provider: 'openai', to_provider: 'fallback' }, target: TARGETS.gateway },
  'webhook.rate_limit': { params: { scope: 'support-agent', requests_per_minute: 120, current_requests_per_minute: 600 }, target: TARGETS.limiter },
  'pagerduty.escalate': { params: { incident_id: 'PT4KHLK', escalation_level: 2 }, target: TARGETS.pagerduty },
  'pagerduty.add_note': { params: { incident_id: 'PT4KHLK', content: 'Rolled back checkout to a1b2c3d; error rate 0.4%.' }, target: TARGETS.pagerduty },
  'pagerduty.page': { params: { summary: 'GPU Xid on gpu-node-3', source: 'gpu-node-3', severity: 'warning', dedup_key: 'gpu-xid-gpu-node-3' }, target: TARGETS.pagerduty },
  'slack.notify': { params: { channel: '#inference-oncall', text: 'vllm-llama scaled out by 2 replicas (incident inc-42).' }, target: TARGETS.slack },
};
