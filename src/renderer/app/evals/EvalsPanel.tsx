/**
 * The eval & monitors panel (key `e` in an incident): the incident → eval case → fix loop. Left,
 * the eval cases the core builds from the incident's LLM calls (counts by label and failure mode,
 * download as JSON Lines; redacted unless raw is asked for); right, the Prometheus alerting rules
 * proposed for the signals that fired, each with when it would have fired, and the rule file to
 * copy or download.
 */
import { useEffect, useRef, useState } from 'react';
import { FAILURE_MODES, type EvalExport, type MonitorProposal, type ProposedRule } from '../../../shared/contract-evals';
import { CopyButton } from '../details/CopyButton';
import { describeError } from '../ErrorBanner';
import { downloadText } from './download';
import { useEvalExport, useMonitors } from './queries';
import { useEvalsUi } from './state';
import './evals.css';

const MODE_LABEL: Record<(typeof FAILURE_MODES)[number], string> = {
  invalid_output: 'Invalid structured output',
  tool_arguments: 'Tool arguments rejected',
  tool_denied: 'Tool call denied',
  refusal: 'Refusal',
  policy_violation: 'Policy violation',
  prompt_injection: 'Prompt injection',
};

const hhmmss = (t: number): string => `${new Date(t).toISOString().slice(11, 19)} UTC`;

function leadText(minutes: number | null, ref: MonitorProposal['reference']): { text: string; tone: string } {
  if (minutes === null || ref.at === null) return { text: '', tone: 'muted' };
  const what = ref.kind === 'alert' ? 'the first alert' : 'detection';
  if (minutes > 0) return { text: `${minutes} min before ${what}`, tone: 'tone-text-ok' };
  if (minutes < 0) return { text: `${-minutes} min after ${what}`, tone: 'tone-text-warn' };
  return { text: `together with ${what}`, tone: 'muted' };
}

export function EvalsPanel(props: { incidentId: string }) {
  const open = useEvalsUi((s) => s.open);
  return open ? <Panel incidentId={props.incidentId} /> : null;
}

function Panel(props: { incidentId: string }) {
  const close = useEvalsUi((s) => s.setOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay ev-overlay">
      <div
        className="dialog ev-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ev-title"
        data-testid="evals-panel"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close(false);
          }
        }}
      >
        <header className="dialog-head">
          <h2 id="ev-title">Eval &amp; monitors</h2>
          <span className="muted">Incident → eval cases → fix, and the monitors that would have caught it earlier</span>
          <button ref={closeRef} type="button" className="btn" onClick={() => close(false)}>
            Close (Esc)
          </button>
        </header>
        <div className="ev-body">
          <EvalCases incidentId={props.incidentId} />
          <Monitors incidentId={props.incidentId} />
        </div>
      </div>
    </div>
  );
}

function EvalCases(props: { incidentId: string }) {
  const [raw, setRaw] = useState(false);
  const build = useEvalExport(props.incidentId);
  const result = build.data;
  return (
    <section className="ev-section" aria-labelledby="ev-cases-title" data-testid="eval-cases">
      <h3 id="ev-cases-title">Eval cases (JSON Lines)</h3>
      <p className="muted ev-intro">
        The LLM calls the top hypotheses cite, the calls failing the monitors that fired, and normal calls from before the incident as passing cases. Each line: input as recorded,
        observed output, expected behaviour, label, tags and the source trace.
      </p>
      <div className="ev-actions">
        <label className="check">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} data-testid="eval-raw" />
          Keep raw text (not redacted)
        </label>
        <button type="button" className="btn btn-primary" onClick={() => build.mutate(raw)} disabled={build.isPending} data-testid="eval-build">
          {build.isPending ? 'Building…' : result ? 'Build again' : 'Build eval cases'}
        </button>
      </div>
      {raw ? <p className="ev-warn">Raw text can hold secrets and personal data from the recorded prompts. The export is journaled.</p> : null}
      {build.error ? (
        <p role="alert" className="ev-error">
          {describeError(build.error)}
        </p>
      ) : null}
      {result ? <ExportSummary result={result} /> : null}
    </section>
  );
}

function ExportSummary(props: { result: EvalExport }) {
  const r = props.result;
  const redacted = Object.entries(r.redacted).map(([cls, n]) => `${n} ${cls.replace(/_/g, ' ')}`);
  const modes = FAILURE_MODES.filter((m) => r.byFailureMode[m].fail + r.byFailureMode[m].pass > 0);
  return (
    <div className="ev-summary" data-testid="eval-summary">
      <p className="ev-totals">
        <strong data-testid="eval-count">{r.cases}</strong> cases · <span className="tone-text-error">{r.byLabel.fail} fail</span> · <span className="tone-text-ok">{r.byLabel.pass} pass</span>
      </p>
      {modes.length > 0 ? (
        <table className="ev-table">
          <thead>
            <tr>
              <th scope="col">Failure mode</th>
              <th scope="col">Fail</th>
              <th scope="col">Pass</th>
            </tr>
          </thead>
          <tbody>
            {modes.map((m) => (
              <tr key={m} data-testid={`eval-mode-${m}`}>
                <td>{MODE_LABEL[m]}</td>
                <td>{r.byFailureMode[m].fail}</td>
                <td>{r.byFailureMode[m].pass}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No call of this incident failed a monitor: nothing to turn into a case.</p>
      )}
      <ul className="ev-notes">
        <li>
          Inputs: {r.inputs.call} recorded on the call, {r.inputs.trace} from earlier in the trace, {r.inputs.none} not recorded
        </li>
        <li>{r.raw ? 'Raw text: nothing redacted.' : redacted.length > 0 ? `Redacted: ${redacted.join(', ')}.` : 'Redacted: nothing sensitive matched.'}</li>
        <li>{r.analysisSource === 'stored' ? `From the stored analysis ${r.analysisId ?? ''}.` : 'No analysis was stored: one ran for this export.'}</li>
        {r.truncated ? <li>Some failing calls were left out to keep the export bounded (at most 50 per failure mode beyond the cited ones).</li> : null}
      </ul>
      <div className="ev-actions">
        <button type="button" className="btn btn-primary" onClick={() => downloadText(r.fileName, r.jsonl, 'application/x-ndjson')} disabled={r.cases === 0} data-testid="eval-download">
          Download {r.fileName}
        </button>
      </div>
    </div>
  );
}

function RuleCard(props: { rule: ProposedRule; reference: MonitorProposal['reference'] }) {
  const r = props.rule;
  const lead = leadText(r.leadMinutes, props.reference);
  return (
    <li className="ev-rule" data-testid={`rule-${r.alert}`}>
      <div className="ev-rule-head">
        <strong>{r.alert}</strong>
        <span className={`badge ev-sev-${r.severity}`}>{r.severity}</span>
        <span className="muted">for {r.for}</span>
      </div>
      <code className="ev-expr wrap-anywhere">{r.expr}</code>
      <p className="ev-fired">
        Would have fired at <strong data-testid="rule-fired">{hhmmss(r.wouldHaveFiredAt)}</strong>
        {lead.text !== '' ? <span className={lead.tone}> · {lead.text}</span> : null}
      </p>
      <p className="muted ev-small">
        Baseline {r.direction === 'above' ? 'p95' : 'p5'} {r.baseline.toPrecision(3)}, {r.onset.toPrecision(3)} after the onset; evaluated on {r.seriesMatched} stored series.
      </p>
    </li>
  );
}

function Monitors(props: { incidentId: string }) {
  const q = useMonitors(props.incidentId, true);
  const p = q.data;
  return (
    <section className="ev-section" aria-labelledby="ev-mon-title" data-testid="monitors">
      <h3 id="ev-mon-title">Proposed monitors (Prometheus rules)</h3>
      {q.isPending ? <p className="muted">Evaluating rules on the stored samples…</p> : null}
      {q.error ? (
        <p role="alert" className="ev-error">
          {describeError(q.error)}
        </p>
      ) : null}
      {p ? (
        <>
          <p className="muted ev-intro">
            {p.reference.at === null
              ? 'No alert fired and no detection time is recorded for this incident.'
              : p.reference.kind === 'alert'
                ? `Compared with the first alert: ${p.reference.name ?? ''} at ${hhmmss(p.reference.at)}.`
                : `Compared with the detection time, ${hhmmss(p.reference.at)}.`}{' '}
            Thresholds sit halfway between the baseline and the level after the onset; times come from evaluating each rule on the stored samples.
          </p>
          {p.rules.length === 0 ? <p className="muted">No signal of the top hypotheses has a stored metric series to alert on.</p> : null}
          <ul className="ev-rules">
            {p.rules.map((r) => (
              <RuleCard key={r.alert} rule={r} reference={p.reference} />
            ))}
          </ul>
          {p.uncovered.some((u) => u.rate !== null) ? (
            <div className="ev-uncovered" data-testid="uncovered-rates">
              <h4>Would need a metric</h4>
              <p className="muted ev-small">These rates come from stored events; no metric series carries them. The same kind of rule on them:</p>
              <ul>
                {p.uncovered
                  .filter((u) => u.rate !== null)
                  .map((u) => {
                    const r = u.rate;
                    if (r === null) return null;
                    const lead = leadText(r.leadMinutes, p.reference);
                    return (
                      <li key={u.evidenceId}>
                        {r.what} &gt; {Math.round(r.threshold * 1000) / 10}% for {r.for}: would have fired at <strong>{hhmmss(r.wouldHaveFiredAt)}</strong>
                        {lead.text !== '' ? <span className={lead.tone}> · {lead.text}</span> : null}
                      </li>
                    );
                  })}
              </ul>
            </div>
          ) : null}
          {p.uncovered.length + p.skipped.length > 0 ? (
            <details className="ev-details">
              <summary>
                {p.uncovered.length} signal(s) without a metric series, {p.skipped.length} series without a rule
              </summary>
              <ul>
                {p.uncovered.map((u) => (
                  <li key={`u-${u.evidenceId}`}>
                    {u.signal} <span className="muted">({u.reason})</span>
                  </li>
                ))}
                {p.skipped.map((s) => (
                  <li key={`s-${s.metric}`}>
                    <code>{s.metric}</code>: <span className="muted">{s.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="ev-yaml-head">
            <h4>Rule file</h4>
            <CopyButton text={p.yaml} label="rule file" />
            <button type="button" className="btn btn-small" onClick={() => downloadText(`${p.incidentId}-rules.yml`, p.yaml, 'application/yaml')} data-testid="rules-download">
              Download .yml
            </button>
          </div>
          <pre className="ev-yaml" data-testid="rules-yaml" tabIndex={0}>
            {p.yaml}
          </pre>
        </>
      ) : null}
    </section>
  );
}
