/**
 * One section of the postmortem: its text in a textarea, saved on blur or Ctrl+Enter (Cmd+Enter),
 * who edited it, a way back to the generated text, and a note when the data under an edit changed.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { effectiveText, type PostmortemSection } from '../../../shared/postmortem';
import { formatUtc } from '../format';

export type SaveState = { kind: 'saving' } | { kind: 'saved'; note: string } | { kind: 'error'; message: string } | null;

export function SectionEditor(props: { section: PostmortemSection; state: SaveState; readOnly: boolean; onSave(text: string | null): void; children?: ReactNode }) {
  const s = props.section;
  const stored = effectiveText(s);
  const [text, setText] = useState(stored);
  const [showGenerated, setShowGenerated] = useState(false);
  const focused = useRef(false);
  const id = useId();
  // New text from the core (a regeneration, a revert) replaces the field unless it is being edited.
  useEffect(() => {
    if (!focused.current) setText(stored);
  }, [stored]);
  const save = (): void => {
    if (text !== stored) props.onSave(text);
  };
  const st = props.state;
  return (
    <section className="pm-section" id={`pm-${s.key}`} aria-labelledby={`${id}-title`} data-testid={`pm-section-${s.key}`}>
      <header className="pm-section-head">
        <h3 id={`${id}-title`}>{s.title}</h3>
        {s.edited !== null ? (
          <span className="pm-edited" data-testid={`pm-edited-${s.key}`}>
            edited by {s.editedBy ?? '?'}
            {s.editedAt !== null ? `, ${formatUtc(s.editedAt)}` : ''}
          </span>
        ) : (
          <span className="muted pm-small">drafted by Sitrep</span>
        )}
        <span className="pm-save-state" role="status" data-testid={`pm-state-${s.key}`}>
          {st?.kind === 'saving' ? 'Saving…' : st?.kind === 'saved' ? `Saved · ${st.note}` : null}
        </span>
        {s.edited !== null && !props.readOnly ? (
          <button type="button" className="btn btn-small" onClick={() => props.onSave(null)} title="Drop the edit and show the generated text again">
            Back to generated
          </button>
        ) : null}
      </header>
      {st?.kind === 'error' ? (
        <p className="banner banner-error" role="alert">
          Not saved: {st.message}
        </p>
      ) : null}
      {s.generatedChanged ? (
        <p className="banner banner-warn">
          The data changed since this section was edited; your text is kept.{' '}
          <button type="button" className="btn btn-small" onClick={() => setShowGenerated((v) => !v)}>
            {showGenerated ? 'Hide the new draft' : 'Show the new draft'}
          </button>
        </p>
      ) : null}
      {showGenerated ? <pre className="pm-generated">{s.generated}</pre> : null}
      {props.children}
      <textarea
        className="pm-text"
        aria-label={`${s.title} (saved when you leave the field, or with Ctrl+Enter)`}
        data-testid={`pm-text-${s.key}`}
        value={text}
        readOnly={props.readOnly}
        spellCheck
        onFocus={() => (focused.current = true)}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          focused.current = false;
          save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
    </section>
  );
}
