/** The commander's note: one field, Enter (or Ctrl+Enter in a long note) records it under your name. */
import { useState, type FormEvent } from 'react';
import { describeError } from '../ErrorBanner';
import { useJournalNote } from './queries';

export function NoteComposer(props: { operator: string }) {
  const note = useJournalNote();
  const [text, setText] = useState('');
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const t = text.trim();
    if (t === '' || note.isPending) return;
    note.mutate(t, { onSuccess: () => setText('') });
  };
  return (
    <form className="gov-note-form" onSubmit={submit} aria-label="Add a note to the journal">
      <textarea
        className="input gov-note-input"
        data-testid="note-input"
        rows={2}
        maxLength={10_000}
        placeholder={`Note as ${props.operator}: what you saw, decided or did (Enter to record, Shift+Enter for a new line)`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" className="btn btn-primary" data-testid="note-add" disabled={note.isPending || text.trim() === ''}>
        {note.isPending ? 'Recording…' : 'Add note'}
      </button>
      {note.error ? (
        <p role="alert" className="gov-error">
          {describeError(note.error)}
        </p>
      ) : null}
    </form>
  );
}
