/**
 * The variables a runbook template may use, filled when the runbook runs for an incident:
 *
 *   incident.id | incident.title | incident.severity
 *   hypothesis.id | hypothesis.title | hypothesis.category | hypothesis.confidence
 *   hypothesis.entities.KIND     the name of the hypothesis's first entity of KIND (workload, node, …)
 *   alert.name | alert.severity | alert.fingerprint | alert.summary
 *   alert.labels.LABEL           a label of the alert that triggered the runbook
 *   window.from | window.to      the incident window (RFC 3339)
 *   window.range                 its length as a Prometheus duration (e.g. 45m)
 *   steps.STEP.value | steps.STEP.summary   the result of an earlier step
 */
import { ENTITY_KINDS } from '../../shared/hypotheses';

const FIXED: Readonly<Record<string, readonly string[]>> = {
  incident: ['id', 'title', 'severity'],
  hypothesis: ['id', 'title', 'category', 'confidence'],
  alert: ['name', 'severity', 'fingerprint', 'summary'],
  window: ['from', 'to', 'range'],
};

const STEP_FIELDS = ['value', 'summary'];
const LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const VARIABLE_ROOTS = ['incident', 'hypothesis', 'alert', 'window', 'steps'] as const;

/**
 * Null when `path` names a known variable; otherwise why not. `earlier` are the ids of the steps
 * before this one, `later` those after it (a step can only use what already ran).
 */
export function checkVariable(path: readonly string[], earlier: ReadonlySet<string>, later: ReadonlySet<string>): string | null {
  const [root, a, b, ...rest] = path;
  const name = path.join('.');
  const exactly = (n: number): string | null => (path.length === n ? null : `"${name}" has too many parts`);
  switch (root) {
    case 'incident':
    case 'window':
      return FIXED[root]?.includes(a ?? '') ? exactly(2) : `unknown variable "${name}" (${root} has ${FIXED[root]?.join(', ') ?? ''})`;
    case 'hypothesis':
      if (a === 'entities') {
        if (b !== undefined && (ENTITY_KINDS as readonly string[]).includes(b)) return exactly(3);
        return `unknown variable "${name}" (entity kinds: ${ENTITY_KINDS.join(', ')})`;
      }
      return FIXED.hypothesis?.includes(a ?? '') ? exactly(2) : `unknown variable "${name}" (hypothesis has ${FIXED.hypothesis?.join(', ') ?? ''}, entities.KIND)`;
    case 'alert':
      if (a === 'labels') return b !== undefined && LABEL.test(b) && rest.length === 0 ? null : `"${name}": write alert.labels.LABEL_NAME`;
      return FIXED.alert?.includes(a ?? '') ? exactly(2) : `unknown variable "${name}" (alert has ${FIXED.alert?.join(', ') ?? ''}, labels.NAME)`;
    case 'steps':
      if (a === undefined || !STEP_FIELDS.includes(b ?? '') || rest.length > 0) return `"${name}": write steps.STEP_ID.value or steps.STEP_ID.summary`;
      if (earlier.has(a)) return null;
      if (later.has(a)) return `"${name}": step "${a}" has not run yet at this point`;
      return `"${name}": there is no step "${a}"`;
    default:
      return `unknown variable "${name}" (variables start with ${VARIABLE_ROOTS.join(', ')})`;
  }
}
