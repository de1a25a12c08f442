/**
 * The postmortem of the open incident (key `d`, or the header's Postmortem button): the draft
 * Sitrep wrote from the store, the analysis and the journal, every section editable (saved on
 * blur or Ctrl+Enter, journaled by the core), the timeline's moments linked to the timeline, and
 * exports to Markdown and PDF as downloads.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat, PostmortemExport } from '../../../shared/contract-postmortem';
import type { Postmortem, SectionKey } from '../../../shared/postmortem';
import { CallError } from '../../api/client';
import { describeError } from '../ErrorBanner';
import { formatUtc } from '../format';
import { useAuthStatus } from '../governance/queries';
import { useGovernanceUi } from '../governance/state';
import { downloadBase64 } from './download';
import { useExport, usePostmortem, useRegenerate, useSaveSection } from './queries';
import { ResponseTiles } from './ResponseTiles';
import { SectionEditor, type SaveState } from './SectionEditor';
import { usePostmortemUi } from './state';
import { TimelineMoments } from './TimelineMoments';
import './postmortem.css';

export function PostmortemPanel(props: { incidentId: string }) {
  const openFor = usePostmortemUi((s) => s.openFor);
  return openFor === props.incidentId ? <Screen incidentId={props.incidentId} /> : null;
}

/** The header button that opens it. */
export function PostmortemButton(props: { incidentId: string }) {
  const toggle = usePostmortemUi((s) => s.toggle);
  return (
    <button type="button" className="btn" data-testid="open-postmortem" onClick={() => toggle(props.incidentId)} title="Postmortem draft (d)">
      Postmortem
    </button>
  );
}

function Screen(props: { incidentId: string }) {
  const close = usePostmortemUi((s) => s.close);
  const openSignIn = useGovernanceUi((s) => s.setSignInOpen);
  const auth = useAuthStatus().data;
  const pm = usePostmortem(props.incidentId);
  const regenerate = useRegenerate(props.incidentId);
  const save = useSaveSection(props.incidentId);
  const exp = useExport(props.incidentId);
  const [states, setStates] = useState<Partial<Record<SectionKey, SaveState>>>({});
  const [exported, setExported] = useState<PostmortemExport | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const pending = useRef(new Set<Promise<unknown>>());
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);

  const onSave = (key: SectionKey, text: string | null): void => {
    setStates((s) => ({ ...s, [key]: { kind: 'saving' } }));
    const p = save
      .mutateAsync({ section: key, text })
      .then((r) => setStates((s) => ({ ...s, [key]: { kind: 'saved', note: r.journal.status === 'appended' ? r.journal.note : `not in the journal yet: ${r.journal.note}` } })))
      .catch((err: unknown) => setStates((s) => ({ ...s, [key]: { kind: 'error', message: describeError(err) } })));
    pending.current.add(p);
    void p.finally(() => pending.current.delete(p));
  };

  const doExport = async (format: ExportFormat): Promise<void> => {
    // A field left a moment ago is still saving: export what it saved.
    await Promise.all([...pending.current]);
    setExported(null);
    const r = await exp.mutateAsync(format).catch(() => null);
    if (r === null) return;
    downloadBase64(r.base64, r.fileName, r.mimeType);
    setExported(r);
  };

  const p = pm.data;
  // The journal is read into a draft only for a signed-in operator: say so where that is why it is missing.
  const needsSignIn = (pm.error instanceof CallError && pm.error.code === 'unauthorized') || (p !== undefined && !p.draft.journal.included && auth?.operatorsConfigured === true && auth.state !== 'active');
  return (
    <div className="overlay pm-overlay">
      <div
        className="dialog pm-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pm-title"
        data-testid="postmortem"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && (e.target as HTMLElement).tagName !== 'TEXTAREA') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      >
        <header className="dialog-head pm-head">
          <h2 id="pm-title">Postmortem · {props.incidentId}</h2>
          <button type="button" className="btn" onClick={() => regenerate.mutate(false)} disabled={regenerate.isPending || !p?.stored} title="Draft again from the data as it is now; edited sections keep your text">
            {regenerate.isPending ? 'Drafting…' : 'Regenerate'}
          </button>
          {confirmDiscard ? (
            <span className="pm-confirm">
              Drop every edit?{' '}
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => {
                  setConfirmDiscard(false);
                  regenerate.mutate(true);
                }}
              >
                Drop edits
              </button>{' '}
              <button type="button" className="btn" onClick={() => setConfirmDiscard(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirmDiscard(true)} disabled={!p?.sections.some((s) => s.edited !== null) || !p.stored}>
              Discard edits…
            </button>
          )}
          <button type="button" className="btn btn-primary" data-testid="pm-export-md" onClick={() => void doExport('md')} disabled={exp.isPending || p === undefined}>
            Export Markdown
          </button>
          <button type="button" className="btn btn-primary" data-testid="pm-export-pdf" onClick={() => void doExport('pdf')} disabled={exp.isPending || p === undefined}>
            {exp.isPending ? 'Exporting…' : 'Export PDF'}
          </button>
          <button ref={closeRef} type="button" className="btn" onClick={close}>
            Close (Esc)
          </button>
        </header>
        {exported ? (
          <p className="banner banner-ok" role="status" data-testid="pm-exported" data-pages={exported.pages ?? ''}>
            Downloaded <code>{exported.fileName}</code> ({exported.bytes.toLocaleString('en-US')} bytes{exported.pages !== null ? `, ${exported.pages} page${exported.pages === 1 ? '' : 's'}` : ''}).
          </p>
        ) : null}
        {exp.error ? <p className="banner banner-error" role="alert">Export failed: {describeError(exp.error)}</p> : null}
        {regenerate.error ? <p className="banner banner-error" role="alert">{describeError(regenerate.error)}</p> : null}
        {pm.isPending ? <p className="muted pad">Drafting the postmortem from the store, the analysis and the journal…</p> : null}
        {pm.isError ? (
          <p className="banner banner-error" role="alert">
            {describeError(pm.error)}{' '}
            <button type="button" className="btn btn-small" onClick={() => void pm.refetch()}>
              Retry
            </button>
          </p>
        ) : null}
        {needsSignIn ? (
          <p className="banner banner-info">
            The journal goes into a postmortem only for a signed-in operator.{' '}
            <button type="button" className="btn btn-small" onClick={() => openSignIn(true)}>
              Sign in
            </button>{' '}
            then Regenerate.
          </p>
        ) : null}
        {p ? <Body p={p} states={states} onSave={onSave} onJump={close} /> : null}
      </div>
    </div>
  );
}

function Body(props: { p: Postmortem; states: Partial<Record<SectionKey, SaveState>>; onSave(key: SectionKey, text: string | null): void; onJump(): void }) {
  const { p } = props;
  const d = p.draft;
  return (
    <div className="pm-body">
      <nav className="pm-nav" aria-label="Sections">
        <ul>
          {p.sections.map((s) => (
            <li key={s.key}>
              <a
                href={`#pm-${s.key}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(`pm-${s.key}`)?.scrollIntoView({ block: 'start' });
                }}
              >
                {s.title}
                {s.edited !== null ? <span className="pm-dot" title="edited" aria-label="edited" /> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="pm-main">
        <p className="muted pm-meta" data-testid="pm-meta">
          Drafted {formatUtc(d.generatedAt)}
          {d.analysis !== null ? ` from analysis ${d.analysis.id}${d.analysis.stored ? '' : ' (run for this draft, not stored)'}` : ' without an analysis'}. Journal: {d.journal.note}
          {p.stored ? '' : ' This store is read-only: edits cannot be saved.'}
        </p>
        <ResponseTiles measures={d.response} />
        {p.sections.map((s) => (
          <SectionEditor key={s.key} section={s} state={props.states[s.key] ?? null} readOnly={!p.stored} onSave={(text) => props.onSave(s.key, text)}>
            {s.key === 'timeline' ? (
              <details className="pm-moments-wrap" open>
                <summary>Moments ({d.timeline.length}): choose one to see it on the timeline</summary>
                <TimelineMoments lines={d.timeline} day={d.incident.startedAt} onJump={props.onJump} />
              </details>
            ) : null}
          </SectionEditor>
        ))}
      </main>
    </div>
  );
}
