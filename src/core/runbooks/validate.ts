/**
 * Validates a parsed runbook document: its shape (schema.ts), then what the shape cannot say:
 * each step uses an action or query that exists and fits the step (mitigate and notify use the
 * action catalogue, the others read-only queries), every step that changes production requires
 * approval, params satisfy the action's or query's schema, templates name known variables, a
 * verification with a threshold follows the last mitigation, ids are unique.
 */
import { getAction, runbookParamsSchema } from '../actions/catalogue';
import { ACTION_IDS } from '../actions/catalogue';
import { checkAgainstSchema, checkTemplates, type Issue } from './params-check';
import { QUERY_KIND_IDS, QUERY_KINDS } from './queries';
import { Runbook, Step, type StepAction } from './schema';

export type { Issue } from './params-check';

const READ_ONLY: readonly StepAction[] = ['verify_hypothesis', 'diagnose', 'verify_resolution'];

function stepIssues(step: Step, earlier: ReadonlySet<string>, later: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  const action = getAction(step.uses);
  const query = Object.hasOwn(QUERY_KINDS, step.uses) ? QUERY_KINDS[step.uses] : undefined;
  switch (step.action) {
    case 'verify_hypothesis':
    case 'diagnose':
    case 'verify_resolution':
      if (query === undefined) {
        out.push({
          path: ['uses'],
          message:
            action !== undefined
              ? `${step.action} steps run read-only queries (${QUERY_KIND_IDS.join(', ')}), not the action "${step.uses}"`
              : `unknown query kind "${step.uses}" (one of ${QUERY_KIND_IDS.join(', ')})`,
        });
        break;
      }
      out.push(...prefixed(['params'], checkAgainstSchema(query.params, step.params)));
      if (out.length === 0) out.push(...prefixed(['params'], query.check(step.params)));
      if (step.action === 'verify_resolution' && step.expected.threshold === undefined) {
        out.push({ path: ['expected', 'threshold'], message: 'a verification needs a threshold (e.g. { op: "<", value: 0.05 })' });
      }
      break;
    case 'mitigate':
    case 'notify':
      if (action === undefined) {
        out.push({
          path: ['uses'],
          message:
            query !== undefined
              ? `${step.action} steps use an action of the catalogue, not the query kind "${step.uses}"`
              : `unknown action "${step.uses}": not in the action catalogue (${ACTION_IDS.join(', ')})`,
        });
        break;
      }
      if (step.action === 'mitigate' && !action.mutates) out.push({ path: ['uses'], message: `"${step.uses}" changes nothing in production: use it in a notify step` });
      if (step.action === 'notify' && action.mutates) out.push({ path: ['action'], message: `"${step.uses}" changes production: it belongs in a mitigate step` });
      if (action.mutates && step.requires_approval !== true) {
        out.push({ path: ['requires_approval'], message: `must be true: "${step.uses}" changes production and needs a human's approval` });
      }
      {
        const rest = { ...step.params };
        for (const k of action.filledAtPreview) {
          if (!Object.hasOwn(rest, k)) continue;
          delete rest[k];
          out.push({ path: ['params', k], message: `"${k}" is filled in from the live state at preview time; remove it` });
        }
        out.push(...prefixed(['params'], checkAgainstSchema(runbookParamsSchema(action), rest)));
      }
      break;
    default: {
      const never: never = step.action;
      throw new Error(`unhandled step action ${String(never)}`);
    }
  }
  out.push(...prefixed(['params'], checkTemplates(step.params, earlier, later)));
  return out;
}

const prefixed = (prefix: readonly (string | number)[], issues: readonly Issue[]): Issue[] => issues.map((i) => ({ path: [...prefix, ...i.path], message: i.message }));

export type Validated = { ok: true; runbook: Runbook } | { ok: false; issues: Issue[] };

export function validateRunbook(raw: unknown): Validated {
  const issues: Issue[] = [];
  const whole = Runbook.safeParse(raw);
  if (!whole.success) issues.push(...checkAgainstSchema(Runbook, raw, false));

  // Steps are checked one by one even when the document as a whole is not valid: every error at once.
  const rawSteps = raw !== null && typeof raw === 'object' && Array.isArray((raw as { steps?: unknown }).steps) ? ((raw as { steps: unknown[] }).steps) : [];
  const ids = rawSteps.map((s) => (s !== null && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string' ? (s as { id: string }).id : ''));
  const seen = new Set<string>();
  rawSteps.forEach((rawStep, i) => {
    const id = ids[i] ?? '';
    if (id !== '' && seen.has(id)) issues.push({ path: ['steps', i, 'id'], message: `step id "${id}" is used twice` });
    const step = Step.safeParse(rawStep);
    if (step.success) issues.push(...prefixed(['steps', i], stepIssues(step.data, new Set(ids.slice(0, i)), new Set(ids.slice(i + 1)))));
    if (id !== '') seen.add(id);
  });

  if (whole.success) {
    const rb = whole.data;
    if (rb.trigger.alerts.length === 0 && rb.trigger.hypotheses.length === 0) issues.push({ path: ['trigger'], message: 'a trigger needs at least one alert or hypothesis match' });
    rb.trigger.hypotheses.forEach((h, i) => {
      if (h.runbook === undefined && h.category === undefined) issues.push({ path: ['trigger', 'hypotheses', i], message: 'match on runbook, category or both' });
      if (h.runbook !== undefined && h.runbook !== rb.id) issues.push({ path: ['trigger', 'hypotheses', i, 'runbook'], message: `names "${h.runbook}", not this runbook "${rb.id}"` });
    });
    const lastMitigate = rb.steps.map((s) => s.action).lastIndexOf('mitigate');
    if (lastMitigate >= 0 && !rb.steps.slice(lastMitigate + 1).some((s) => s.action === 'verify_resolution')) {
      issues.push({ path: ['steps', lastMitigate], message: 'a mitigation must be followed by a verify_resolution step' });
    }
    if (!rb.steps.some((s) => READ_ONLY.includes(s.action))) issues.push({ path: ['steps'], message: 'a runbook needs at least one read-only step (verify_hypothesis, diagnose, verify_resolution)' });
  }
  if (issues.length > 0 || !whole.success) return { ok: false, issues };
  return { ok: true, runbook: whole.data };
}
