/** Contract samples (good input, bad input, valid output) for the eval, monitor and report channels. */
import type { evalsChannels, EvalCase } from '../../shared/contract-evals';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 2, 47);
const MIN = 60_000;

const sampleCase: EvalCase = {
  id: 'inc-1:invalid_output:42',
  input: { messages: null, prompt: 'Where is my order?', tool_results: [], recorded: 'call' },
  observed_output: { text: 'Sure! Let me check that order for you.', finish_reason: 'stop', valid_json: false, status: 'ok', tool_calls: [] },
  expected: 'valid JSON matching the expected output schema',
  label: 'fail',
  tags: ['incident:inc-1', 'failure_mode:invalid_output', 'model:llama-3.1-70b-instruct', 'provider:vllm', 'prompt_version:v42', 'service:support-agent', 'cited'],
  source: { trace_id: '8706c4ebfb2627fdf7e79d2b47f66630', span_id: 'feacb771748ca60a', event_id: 42, ts: T + 4 * MIN, time: new Date(T + 4 * MIN).toISOString() },
  why: 'cited by hypothesis 1. Prompt release (ev-6): output did not parse',
};

const zero = { fail: 0, pass: 0 };

export const evalsSamples: { [C in keyof typeof evalsChannels]: ChannelSample<C> } = {
  'evals.export': {
    good: { incidentId: 'inc-1' },
    bad: { incidentId: 'inc-1', raw: 'yes' },
    output: {
      incidentId: 'inc-1',
      analysisId: 'an-1',
      analysisSource: 'stored',
      raw: false,
      cases: 1,
      byLabel: { fail: 1, pass: 0 },
      byFailureMode: { invalid_output: { fail: 1, pass: 0 }, tool_arguments: zero, tool_denied: zero, refusal: zero, policy_violation: zero, prompt_injection: zero },
      inputs: { call: 1, trace: 0, none: 0 },
      redacted: {},
      truncated: false,
      fileName: 'inc-1-evals.jsonl',
      jsonl: `${JSON.stringify(sampleCase)}\n`,
    },
  },
  'monitors.propose': {
    good: { incidentId: 'inc-1' },
    bad: { incidentId: 'inc-1', promql: 'up' },
    output: {
      incidentId: 'inc-1',
      analysisId: 'an-1',
      reference: { kind: 'alert', name: 'SupportAgentInvalidJSONRate', at: T + 8 * MIN },
      rules: [
        {
          alert: 'VllmNumRequestsWaitingHigh',
          expr: 'vllm:num_requests_waiting{namespace="inference"} > 20',
          for: '1m',
          forMs: 60_000,
          severity: 'warning',
          metric: 'vllm:num_requests_waiting',
          selector: { namespace: 'inference' },
          counter: false,
          direction: 'above',
          threshold: 20,
          baseline: 1,
          onset: 43,
          onsetAt: T + 7 * MIN,
          seriesMatched: 2,
          evidence: ['ev-22'],
          wouldHaveFiredAt: T + 10 * MIN,
          leadMinutes: -2,
          why: 'would have fired at 02:57 UTC, 2 minutes after the first alert',
        },
      ],
      uncovered: [],
      skipped: [],
      yaml: 'groups: []\n',
    },
  },
  'report.get': {
    good: {},
    bad: { granularity: 'day' },
    output: {
      generatedAt: T,
      granularity: 'week',
      incidents: 0,
      analysed: 0,
      notAnalysed: [],
      precision: { accepted: 0, rejected: 0, precision: null, byPeriod: [], byCategory: [] },
      repeats: [],
      timing: { ttcMedianMs: null, mttrMedianMs: null, perIncident: [], byPeriod: [] },
    },
  },
};
