/** Contract samples (good input, bad input, valid output) for every remediation channel. */
import type { remediationChannels, PendingItem, PolicyInfo } from '../../shared/contract-remediation';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 3, 0);
const policy: PolicyInfo = { mode: 'enforce', source: 'data_folder', problem: null };
const item: PendingItem = {
  planId: 'pln_0123456789ab',
  actionId: 'k8s.scale',
  title: 'Scale a workload',
  targetName: 'prod',
  requests: ['PATCH https://k8s.example.com/apis/apps/v1/namespaces/inference/deployments/vllm/scale'],
  approvals: [{ operator: 'ana', kind: 'approval', signedAt: T, expiresAt: T + 900_000 }],
  approvalsNeeded: 2,
  twoPersonReasons: ['service inference is tier-1'],
  ready: false,
  expiresAt: T + 900_000,
};

export const remediationSamples: { [C in keyof typeof remediationChannels]: ChannelSample<C> } = {
  'runbooks.forIncident': {
    good: { incidentId: 'inc-1' },
    bad: { incidentId: '' },
    output: { incidentId: 'inc-1', analysisId: null, policy, runbooks: [], problems: [] },
  },
  'remediation.diagnose': {
    good: { incidentId: 'inc-1', runbookId: 'kv-cache-saturation' },
    bad: { incidentId: 'inc-1', runbookId: 'kv-cache-saturation', runner: 'bash' },
    output: { runbookId: 'kv-cache-saturation', evidence: [], journaled: true, ranAt: T },
  },
  'remediation.preview': {
    good: { actionId: 'webhook.tool_kill_switch', params: { flag_key: 'tool-x', tool: 'x', enabled: false }, target: { kind: 'webhook', name: 'flags' } },
    bad: { actionId: 'webhook.tool_kill_switch', params: {}, target: {}, approvals: [{ signature: 'forged' }] },
    output: {
      planId: 'pln_0123456789ab',
      actionId: 'webhook.tool_kill_switch',
      title: "Switch an agent's tool off (feature flag)",
      description: 'Turns a tool off.',
      targetName: 'flags',
      requests: [{ method: 'PATCH', url: 'https://flags.example.com/api/flags/tool-x', headers: { 'content-type': 'application/json' }, body: '{"enabled":false}' }],
      preconditions: [],
      verification: [],
      dryRun: false,
      dryRunFirst: false,
      changes: [{ field: 'flag tool-x', from: 'on', to: 'off' }],
      requirements: { service: null, tier: 'tier-2', risk: 'medium', twoPerson: false, twoPersonReasons: [], refusals: [], measures: { targets: 1 } },
      approvalsNeeded: 1,
      policy,
      renderedAt: T,
      expiresAt: T + 900_000,
    },
  },
  'remediation.approve': {
    good: { planId: 'pln_0123456789ab', grantId: 'g-1' },
    bad: { planId: 'pln_0123456789ab', grantId: 'g-1', signature: 'AAAA' },
    output: { item, secondApproverRequired: true },
  },
  'remediation.pending': { good: {}, bad: { all: true }, output: { items: [item], policy } },
  'remediation.dispatch': {
    good: { planId: 'pln_0123456789ab' },
    bad: { planId: 'pln_0123456789ab', approvals: [{ kind: 'approval', signature: 'forged' }] },
    output: { status: 'refused', dispatchId: 'd-1', actionId: 'k8s.scale', reason: 'no_approval', message: 'k8s.scale changes production: it needs a signed approval', sent: [], checks: [], breakGlass: false },
  },
  'remediation.observations': { good: {}, bad: { since: -1 }, output: { policy: { ...policy, mode: 'observe' }, wouldHaveDone: 3, doneByHand: 2, matched: 2, precision: 2 / 3, recall: 1 } },
  'remediation.recordHuman': { good: { planId: 'pl-1', note: 'scaled by hand from the console' }, bad: { planId: '' }, output: { policy: { ...policy, mode: 'observe' }, wouldHaveDone: 3, doneByHand: 3, matched: 3, precision: 1, recall: 1 } },
};
