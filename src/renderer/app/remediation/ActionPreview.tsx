/**
 * Prepares one action of a runbook step: its params (filled from the incident where known) and
 * the target it goes to, both editable as JSON, then the core's rendering of the exact request.
 */
import { useState } from 'react';
import type { PlanPreview, RunbookStepView } from '../../../shared/contract-remediation';
import { describeError } from '../ErrorBanner';
import { targetTemplate } from './format';
import { PlanView } from './PlanView';
import { usePreview } from './queries';

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
function parse(text: string, what: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function ActionPreview(props: { step: RunbookStepView; onApprove: (p: PlanPreview) => void; stateOf: (planId: string) => 'new' | 'approved' | 'dispatched' }) {
  const s = props.step;
  const [params, setParams] = useState(() => JSON.stringify(s.params, null, 2));
  const [target, setTarget] = useState(() => JSON.stringify(targetTemplate(s.uses, s.target), null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const preview = usePreview();

  const run = () => {
    const p = parse(params, 'Params');
    const t = parse(target, 'Target');
    if (!p.ok) return setProblem(p.message);
    if (!t.ok) return setProblem(t.message);
    if (p.value === null || typeof p.value !== 'object' || Array.isArray(p.value)) return setProblem('Params must be a JSON object');
    setProblem(null);
    preview.mutate({ actionId: s.uses, params: p.value as Record<string, never>, target: t.value as never }, { onError: (err) => setProblem(describeError(err)) });
  };

  return (
    <section className="rem-action" data-testid="action-preview">
      <h3>
        Prepare: {s.name} <span className="muted mono">{s.uses}</span>
      </h3>
      <div className="rem-editors">
        <label>
          Params (JSON)
          <textarea className="input mono" data-testid="preview-params" rows={8} value={params} onChange={(e) => setParams(e.target.value)} spellCheck={false} />
        </label>
        <label>
          Target (JSON: where it is sent)
          <textarea className="input mono" data-testid="preview-target" rows={8} value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
        </label>
      </div>
      <button type="button" className="btn btn-primary" onClick={run} disabled={preview.isPending} data-testid="preview-run">
        {preview.isPending ? 'Rendering…' : 'Preview the exact request'}
      </button>
      {problem ? (
        <p role="alert" className="banner banner-error" data-testid="preview-error">
          {problem}
        </p>
      ) : null}
      {preview.data && !problem ? <PlanView plan={preview.data} state={props.stateOf(preview.data.planId)} onApprove={() => preview.data && props.onApprove(preview.data)} /> : null}
    </section>
  );
}
