/**
 * The report across incidents (key `i` from the incident list): the engine's precision (hypotheses
 * people accepted against those they rejected) over time and per category, time to context and
 * MTTR trends, and incidents that repeat (same analysis signature). Enter on a repeat opens it.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { IncidentReport } from '../../../shared/contract-evals';
import { useIncidents } from '../../api/queries';
import { useUi } from '../../state/ui';
import { describeError } from '../ErrorBanner';
import { ErrorBoundary } from '../ErrorBoundary';
import { day, pct, span } from './format';
import { useReport } from './queries';
import { useReportUi, type ReportGranularity } from './state';
import './report.css';

const PrecisionChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.PrecisionChart })));
const TimingChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.TimingChart })));

function Tile(props: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="rep-tile" data-testid={props.testId}>
      <span className="rep-tile-label">{props.label}</span>
      <strong className="rep-tile-value">{props.value}</strong>
      {props.note !== undefined ? <span className="muted rep-tile-note">{props.note}</span> : null}
    </div>
  );
}

function Repeats(props: { report: IncidentReport }) {
  const incidents = useIncidents();
  const openIncident = useUi((s) => s.openIncident);
  const close = useReportUi((s) => s.setOpen);
  const open = (id: string): void => {
    const inc = incidents.data?.find((i) => i.id === id);
    if (inc === undefined) return;
    close(false);
    openIncident(inc.id, { from: inc.windowFrom, to: inc.windowTo });
  };
  if (props.report.repeats.length === 0) return <p className="muted">No two analysed incidents share a signature yet.</p>;
  return (
    <table className="rep-table" data-testid="report-repeats">
      <thead>
        <tr>
          <th scope="col" className="rep-col-times">Times</th>
          <th scope="col" className="rep-col-lead">Leading hypothesis</th>
          <th scope="col" className="rep-col-incidents">Incidents</th>
          <th scope="col">Shared signature</th>
        </tr>
      </thead>
      <tbody>
        {props.report.repeats.map((g) => (
          <tr key={g.incidents.map((i) => i.id).join(',')}>
            <td className="rep-num">{g.incidents.length}×</td>
            <td>{g.leadingHypothesis ?? '–'}</td>
            <td>
              <ul className="rep-incidents">
                {g.incidents.map((i) => (
                  <li key={i.id}>
                    <button type="button" className="link-btn" onClick={() => open(i.id)} title={i.title}>
                      {i.id}
                    </button>{' '}
                    <span className="muted">{day(i.startedAt)}</span>
                  </li>
                ))}
              </ul>
            </td>
            <td className="rep-sig">
              {g.signature.slice(0, 6).map((s) => (
                <code key={s}>{s}</code>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body(props: { report: IncidentReport }) {
  const r = props.report;
  if (r.incidents === 0) return <p className="muted rep-empty">No incidents in this store yet: the report fills in as incidents are analysed and decided.</p>;
  const decided = r.precision.accepted + r.precision.rejected;
  const chart = (node: ReactNode, region: string) => (
    <ErrorBoundary region={region}>
      <Suspense fallback={<p className="muted">Loading chart…</p>}>{node}</Suspense>
    </ErrorBoundary>
  );
  return (
    <>
      <div className="rep-tiles">
        <Tile testId="report-incidents" label="Incidents" value={String(r.incidents)} note={`${r.analysed} analysed`} />
        <Tile testId="report-precision" label="Engine precision" value={pct(r.precision.precision)} note={decided === 0 ? 'no decisions yet' : `${r.precision.accepted} accepted · ${r.precision.rejected} rejected`} />
        <Tile testId="report-ttc" label="Time to context (median)" value={span(r.timing.ttcMedianMs)} note="first hypothesis − start" />
        <Tile testId="report-mttr" label="MTTR (median)" value={span(r.timing.mttrMedianMs)} note="resolved − start" />
      </div>
      <div className="rep-charts">
        <figure className="rep-figure" data-testid="report-precision-chart">
          <figcaption>Engine precision by {r.granularity}</figcaption>
          {decided === 0 ? <p className="muted rep-chart-empty">Accept or reject hypotheses in an incident to measure the engine.</p> : chart(<PrecisionChart report={r} />, 'Precision chart')}
        </figure>
        <figure className="rep-figure" data-testid="report-timing-chart">
          <figcaption>Time to context and MTTR by {r.granularity} (medians, minutes)</figcaption>
          {chart(<TimingChart report={r} />, 'Timing chart')}
        </figure>
      </div>
      {r.precision.byCategory.length > 0 ? (
        <section>
          <h2 className="rep-h">Precision by category</h2>
          <table className="rep-table rep-narrow" data-testid="report-categories">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Accepted</th>
                <th scope="col">Rejected</th>
                <th scope="col">Precision</th>
              </tr>
            </thead>
            <tbody>
              {r.precision.byCategory.map((c) => (
                <tr key={c.category}>
                  <td>{c.category}</td>
                  <td className="rep-num">{c.accepted}</td>
                  <td className="rep-num">{c.rejected}</td>
                  <td className="rep-num">{pct(c.precision)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section>
        <h2 className="rep-h">Repeat incidents</h2>
        <Repeats report={r} />
      </section>
      {r.notAnalysed.length > 0 ? (
        <p className="muted" data-testid="report-not-analysed">
          Not analysed yet (left out of precision, repeats and time to context): {r.notAnalysed.map((i) => i.id).join(', ')}
        </p>
      ) : null}
    </>
  );
}

export function ReportScreen(props: { tools?: ReactNode }) {
  const close = useReportUi((s) => s.setOpen);
  const granularity = useReportUi((s) => s.granularity);
  const setGranularity = useReportUi((s) => s.setGranularity);
  const q = useReport(granularity);
  return (
    <div className="rep-screen" data-testid="report-screen">
      <header className="topbar">
        <button type="button" className="btn" onClick={() => close(false)} title="Back (Esc or i)">
          ← Back
        </button>
        <div className="topbar-title">
          <h1>Report across incidents</h1>
        </div>
        <div className="topbar-tools">{props.tools}</div>
      </header>
      <main className="rep-main">
        <div className="rep-controls">
          <label>
            Group by{' '}
            <select className="input" value={granularity} onChange={(e) => setGranularity(e.target.value as ReportGranularity)} data-testid="report-granularity">
              <option value="auto">auto</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
          <span className="muted">Periods follow each incident&apos;s start (UTC). Precision counts each hypothesis once per incident, by its last decision.</span>
        </div>
        {q.error ? (
          <p role="alert" className="rep-error">
            {describeError(q.error)}
          </p>
        ) : null}
        {q.isPending ? <p className="muted">Loading…</p> : null}
        {q.data ? <Body report={q.data} /> : null}
      </main>
    </div>
  );
}
