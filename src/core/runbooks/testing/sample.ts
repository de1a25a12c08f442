/** A small valid runbook as YAML text, for tests that break one thing at a time. Line numbers matter. */
export const SAMPLE_RUNBOOK = `id: sample
title: Sample runbook
description: A runbook used by the tests.
category: infrastructure
severity: sev3
trigger:
  alerts:
    - name: VLLMQueueDepthHigh
      labels: { namespace: inference }
  hypotheses:
    - runbook: sample
      min_confidence: 0.6
steps:
  - id: queue
    name: Queue depth
    action: diagnose
    uses: promql
    params:
      query: sum(vllm:num_requests_waiting{model_name="{{ hypothesis.entities.model }}"})
    timeout: 30s
    expected: Requests wait
  - id: scale-out
    name: Scale out
    action: mitigate
    uses: k8s.scale
    params:
      namespace: inference
      kind: deployment
      name: "{{ hypothesis.entities.workload }}"
      add_replicas: 2
    requires_approval: true
    timeout: 10m
    expected: Two more replicas
    on_failure: escalate
  - id: drained
    name: Queue drained
    action: verify_resolution
    uses: promql
    params:
      query: sum(vllm:num_requests_waiting)
    timeout: 15m
    expected:
      summary: Under 5 waiting
      threshold: { op: '<', value: 5, for: 5m }
  - id: tell
    name: Tell the channel
    action: notify
    uses: slack.notify
    params:
      channel: '#inference'
      text: "Scaled out (incident {{ incident.id }}), queue now {{ steps.drained.value }}"
    timeout: 30s
    expected: Posted
`;

/** The 1-based line of the first line of SAMPLE_RUNBOOK that contains `needle`. */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if ((lines[i] ?? '').includes(needle)) return i + 1;
  throw new Error(`"${needle}" not in the text`);
}
