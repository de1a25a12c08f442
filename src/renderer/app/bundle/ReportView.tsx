/**
 * What a person reads before trusting a bundle: intact or refused (and why), who exported it and
 * whether this profile knows that key, what it holds, each check that ran.
 */
import type { BundleExporter, BundleReport } from '../../../shared/contract-bundle';
import { formatCount, formatUtc } from '../format';
import { countOf, formatBytes } from './bytes';

export function trustText(e: Pick<BundleExporter, 'trust' | 'localName' | 'name'>): string {
  switch (e.trust) {
    case 'known':
      return `key known to this profile (operator ${e.localName ?? e.name})`;
    case 'name_conflict':
      return `NOT the local operator ${e.localName ?? e.name}: that operator has another key`;
    case 'unknown':
      return 'key not known to this profile: the name is only what the file says';
  }
}

export function ReportView(props: { report: BundleReport; fileName: string }) {
  const r = props.report;
  const refused = !r.intact;
  const secretProblem = r.intact && r.problem !== null;
  const headline = refused ? 'Refused' : secretProblem ? 'Intact, not opened' : r.decrypted ? 'Intact: every check passed' : 'Intact: signature and structure check out';
  const tone = refused ? 'error' : secretProblem ? 'warn' : 'ok';
  return (
    <section className={`bundle-report bundle-report-${tone}`} data-testid="bundle-report" data-intact={String(r.intact)} aria-live="polite">
      <p className="bundle-headline">
        <span className={`bundle-mark tone-text-${tone}`} aria-hidden="true">
          {refused ? '✕' : secretProblem ? '!' : '✓'}
        </span>
        <strong className={`tone-text-${tone}`}>{headline}</strong>
        <span className="muted bundle-file" title={r.sha256}>
          {props.fileName} · {formatBytes(r.fileBytes)}
        </span>
      </p>
      {r.problem ? (
        <p className={`bundle-problem tone-text-${tone}`} role="alert" data-testid="bundle-problem">
          {r.problem}
        </p>
      ) : null}
      {r.exporter ? (
        <dl className="bundle-facts">
          <dt>Exported by</dt>
          <dd data-testid="bundle-exporter">
            <strong>{r.exporter.name}</strong> <span className="mono">{r.exporter.fingerprint}</span>{' '}
            <span className={r.exporter.trust === 'known' ? 'tone-text-ok' : 'tone-text-warn'} data-testid="bundle-trust" data-trust={r.exporter.trust}>
              · {trustText(r.exporter)}
            </span>
          </dd>
          {r.exportedAt !== null ? (
            <>
              <dt>Exported at</dt>
              <dd>
                {formatUtc(r.exportedAt)} · Sitrep {r.sitrepVersion ?? '?'}
              </dd>
            </>
          ) : null}
          <dt>Incident</dt>
          <dd>
            <span className="mono">{r.incidentId}</span>
            {r.incident ? ` · ${r.incident.title}` : ` · contents encrypted (${r.encryption?.kind === 'recipient' ? `for key ${r.encryption.recipient ?? '?'}` : 'passphrase'})`}
          </dd>
          {r.counts ? (
            <>
              <dt>Holds</dt>
              <dd>
                {countOf(r.counts.events, 'event', 'events')} · {countOf(r.counts.series, 'series', 'series')}
                {r.counts.points !== null ? ` (${formatCount(r.counts.points)} points)` : ''} · {countOf(r.counts.analyses, 'analysis', 'analyses')} · {countOf(r.counts.journalEntries, 'journal entry', 'journal entries')}
              </dd>
            </>
          ) : null}
          {r.openAs && r.intact ? (
            <>
              <dt>Opens as</dt>
              <dd className="mono">{r.alreadyOpenAs ? `${r.alreadyOpenAs} (already open here)` : r.openAs}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <ul className="bundle-checks" aria-label="Checks">
        {r.checks.map((c) => (
          <li key={c.name} className={c.ok ? 'tone-text-ok' : 'tone-text-error'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✕'}</span> <strong>{c.name}</strong> <span className="bundle-check-detail">{c.ok || c.detail !== r.problem ? c.detail : 'failed (above)'}</span>
          </li>
        ))}
      </ul>
      {r.warnings.length > 0 ? (
        <ul className="bundle-warnings">
          {r.warnings.map((w) => (
            <li key={w} className="tone-text-warn">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
