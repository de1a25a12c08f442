import { describe, expect, it } from 'vitest';
import { formatError, parseRunbookText, type RunbookError } from './load';
import { lineOf, SAMPLE_RUNBOOK } from './testing/sample';

const FILE = 'runbooks/sample.yaml';
const parse = (text: string): RunbookError[] => parseRunbookText(text, FILE).errors;
const swap = (from: string, to: string, text = SAMPLE_RUNBOOK): string => {
  if (!text.includes(from)) throw new Error(`"${from}" not in the sample`);
  return text.replace(from, to);
};
/** The single error, checked for file, line and field; returns its message. */
function one(errors: RunbookError[], line: number, field: string): string {
  expect(errors.map(formatError)).toHaveLength(1);
  const [e] = errors;
  expect(e).toMatchObject({ file: FILE, line, field });
  return e?.message ?? '';
}

describe('runbook files: errors name the file, line and field', () => {
  it('accepts the sample', () => {
    const r = parseRunbookText(SAMPLE_RUNBOOK, FILE);
    expect(r.errors).toEqual([]);
    expect(r.runbook?.steps.map((s) => s.id)).toEqual(['queue', 'scale-out', 'drained', 'tell']);
  });

  it('a mitigate step without requires_approval', () => {
    const text = swap('    requires_approval: true\n', '');
    // The field is missing: the error points at the step.
    const msg = one(parse(text), lineOf(text, '- id: scale-out'), 'steps[1].requires_approval');
    expect(msg).toMatch(/must be true/);
  });

  it('a mitigate step with requires_approval: false', () => {
    const text = swap('requires_approval: true', 'requires_approval: false');
    expect(one(parse(text), lineOf(text, 'requires_approval: false'), 'steps[1].requires_approval')).toMatch(/changes production/);
  });

  it('an unknown catalogue action', () => {
    const text = swap('uses: k8s.scale', 'uses: k8s.delete_namespace');
    // Its params are not checked against anything: one error, on `uses`.
    expect(one(parse(text), lineOf(text, 'k8s.delete_namespace'), 'steps[1].uses')).toMatch(/unknown action "k8s.delete_namespace": not in the action catalogue/);
  });

  it('the wrong kind of action for the step', () => {
    let text = swap('uses: k8s.scale', 'uses: promql');
    expect(parse(text).find((e) => e.field === 'steps[1].uses')?.message).toMatch(/mitigate steps use an action of the catalogue, not the query kind "promql"/);
    text = swap('    uses: promql\n    params:\n      query: sum(vllm:num_requests_waiting{', '    uses: k8s.cordon\n    params:\n      query: sum(vllm:num_requests_waiting{');
    expect(parse(text)[0]).toMatchObject({ line: lineOf(text, 'uses: k8s.cordon'), field: 'steps[0].uses' });
    text = swap('action: notify', 'action: reboot');
    expect(one(parse(text), lineOf(text, 'action: reboot'), 'steps[3].action')).toMatch(/Invalid option/);
    text = swap('action: notify\n    uses: slack.notify', 'action: notify\n    uses: k8s.cordon');
    expect(parse(text).map((e) => e.field)).toContain('steps[3].action');
  });

  it('a parameter outside its bounds, of the wrong type, unknown, or filled at preview', () => {
    let text = swap('add_replicas: 2', 'add_replicas: 99');
    expect(one(parse(text), lineOf(text, 'add_replicas: 99'), 'steps[1].params.add_replicas')).toMatch(/<=20/);
    text = swap('add_replicas: 2', 'add_replicas: "{{ steps.queue.value }}"');
    expect(one(parse(text), lineOf(text, 'add_replicas:'), 'steps[1].params.add_replicas')).toMatch(/expected number: templates only fill strings/);
    text = swap('kind: deployment', 'kind: "{{ alert.labels.kind }}"');
    expect(one(parse(text), lineOf(text, 'kind: "{{'), 'steps[1].params.kind')).toMatch(/cannot stand for one of a fixed set/);
    text = swap('      add_replicas: 2\n', '      add_replicas: 2\n      force: true\n');
    expect(one(parse(text), lineOf(text, 'force: true'), 'steps[1].params.force')).toBe('unknown parameter');
    text = swap('      add_replicas: 2\n', '      add_replicas: 2\n      current_replicas: 3\n');
    expect(one(parse(text), lineOf(text, 'current_replicas: 3'), 'steps[1].params.current_replicas')).toMatch(/filled in from the live state/);
    text = swap('namespace: inference\n      kind', 'namespace: Inference_NS\n      kind');
    expect(one(parse(text), lineOf(text, 'Inference_NS'), 'steps[1].params.namespace')).toMatch(/namespace/);
  });

  it('templates: unknown variables, steps that have not run, malformed placeholders', () => {
    let text = swap('{{ hypothesis.entities.model }}', '{{ hypothesis.entities.cluster }}');
    expect(one(parse(text), lineOf(text, 'entities.cluster'), 'steps[0].params.query')).toMatch(/unknown variable "hypothesis.entities.cluster" \(entity kinds: service, workload/);
    text = swap('{{ incident.id }}', '{{ secrets.slack_token }}');
    expect(one(parse(text), lineOf(text, 'secrets.slack_token'), 'steps[3].params.text')).toMatch(/unknown variable "secrets.slack_token"/);
    text = swap('{{ hypothesis.entities.model }}', '{{ steps.drained.value }}');
    expect(one(parse(text), lineOf(text, 'query: sum(vllm:num_requests_waiting{'), 'steps[0].params.query')).toMatch(/step "drained" has not run yet/);
    text = swap('{{ incident.id }}', '{{ incident.id | upper }}');
    expect(one(parse(text), lineOf(text, 'upper'), 'steps[3].params.text')).toMatch(/is not a variable path/);
    text = swap('{{ incident.id }}', '{{ incident.id ');
    expect(one(parse(text), lineOf(text, '{{ incident.id'), 'steps[3].params.text')).toMatch(/without its "}}"/);
  });

  it('query text with unbalanced brackets, and store queries missing their field', () => {
    const text = swap('query: sum(vllm:num_requests_waiting)', 'query: sum(vllm:num_requests_waiting');
    expect(one(parse(text), lineOf(text, 'query: sum(vllm', lineOf(text, '- id: drained')), 'steps[2].params.query')).toMatch(/unclosed "\("/);
  });

  it('a verification without a threshold, and a mitigation without a verification after it', () => {
    let text = swap("      threshold: { op: '<', value: 5, for: 5m }\n", '');
    expect(one(parse(text), lineOf(text, 'expected:', lineOf(text, '- id: drained')), 'steps[2].expected.threshold')).toMatch(/needs a threshold/);
    text = swap('action: verify_resolution', 'action: diagnose');
    expect(one(parse(text), lineOf(text, '- id: scale-out'), 'steps[1]')).toMatch(/followed by a verify_resolution/);
  });

  it('missing and unknown top-level fields, an id that does not match the file name', () => {
    let text = swap('severity: sev3\n', '');
    expect(one(parse(text), 1, 'severity')).toMatch(/expected one of/);
    text = swap('severity: sev3\n', 'severity: sev3\nautomatic: true\n');
    expect(one(parse(text), lineOf(text, 'automatic: true'), 'automatic')).toBe('unknown parameter');
    text = swap('id: sample', 'id: other').replace('runbook: sample', 'runbook: other');
    expect(one(parse(text), 1, 'id')).toMatch(/must match the file name "sample"/);
  });

  it('YAML syntax errors, duplicate keys and aliases give the line', () => {
    let text = swap("      channel: '#inference'", "      channel: '#inference");
    let errors = parse(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.field).toBe('');
    expect(errors[0]?.message).toMatch(/^YAML: /);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(lineOf(text, "channel: '#inference"));
    text = swap('title: Sample runbook\n', 'title: Sample runbook\ntitle: Again\n');
    errors = parse(text);
    expect(errors[0]).toMatchObject({ line: 3, field: '' });
    expect(errors[0]?.message).toMatch(/unique/);
    text = swap('namespace: inference\n      kind', 'namespace: &ns inference\n      kind').replace("channel: '#inference'", 'channel: *ns');
    expect(parse(text)).toEqual([expect.objectContaining({ line: lineOf(text, 'channel: *ns'), message: expect.stringMatching(/aliases/) })]);
  });

  it('lists every error of a file at once, in line order', () => {
    const text = swap('    requires_approval: true\n', '', swap('uses: slack.notify', 'uses: teams.notify', swap('{{ incident.id }}', '{{ incident.owner }}')));
    const errors = parse(text);
    expect(errors.map((e) => e.field)).toEqual(['steps[1].requires_approval', 'steps[3].uses', 'steps[3].params.text']);
    expect(errors.map((e) => e.line)).toEqual([...errors.map((e) => e.line)].sort((a, b) => a - b));
    expect(formatError(errors[0] as RunbookError)).toMatch(/^runbooks\/sample\.yaml:\d+:\d+: steps\[1\]\.requires_approval: /);
  });
});
