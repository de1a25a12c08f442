/**
 * What presentation mode masks: the categories, and the labels whose values are sensitive
 * (`tenant`, `customer.name`: masked wherever the key appears, and the values in other text).
 * Saved in the data folder by the core; applies to every presenting seat and to share viewers.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PRESENTATION_CATEGORY_LABELS, type PresentationCategories, SensitiveLabel } from '../../../shared/contract-presentation';
import { describeError } from '../ErrorBanner';
import { usePresentation, useSetPresentation } from './queries';
import { useEscapeToClose } from './useEscape';
import { Dialog } from '../Dialog';

const CATEGORY_ORDER: ReadonlyArray<keyof PresentationCategories> = ['secrets', 'emails', 'ips', 'userIds', 'prompts'];

export function PresentationSettingsDialog(props: { onClose: () => void }) {
  const state = usePresentation().data;
  const save = useSetPresentation();
  const [categories, setCategories] = useState<PresentationCategories | null>(null);
  const [labels, setLabels] = useState<string[] | null>(null);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEscapeToClose(props.onClose);

  useEffect(() => first.current?.focus(), []);
  const cats = categories ?? state?.settings.categories ?? null;
  const list = labels ?? state?.settings.sensitiveLabels ?? [];

  const addLabel = (e: FormEvent) => {
    e.preventDefault();
    const parsed = SensitiveLabel.safeParse(draft);
    if (!parsed.success) {
      setProblem(`“${draft.slice(0, 60)}” is not ${parsed.error.issues[0]?.message ?? 'a label name'}.`);
      return;
    }
    setProblem(null);
    if (!list.includes(parsed.data)) setLabels([...list, parsed.data]);
    setDraft('');
  };

  const apply = () => {
    if (!cats) return;
    save.mutate(
      { categories: cats, sensitiveLabels: list },
      {
        onSuccess: () => props.onClose(),
        onError: (err) => setProblem(describeError(err)),
      },
    );
  };

  return (
    <Dialog titleId="presentation-title" title="Presentation mode: what is masked" testId="presentation-settings" className="presentation-dialog" closeLabel="Close" onClose={props.onClose}>
      <p className="muted presentation-why">
        While presenting (<kbd>p</kbd>), and always for viewers of a live share, Sitrep masks these before anything reaches
        the screen, tooltips or copied text. The same value keeps the same mask (<code>‹email·3›</code>), so rows can still be
        compared.
      </p>
      {state?.problem ? <p className="gov-error">{state.problem}</p> : null}
      {!cats ? (
        <p className="muted">Loading…</p>
      ) : (
        <fieldset className="presentation-cats">
          <legend>Categories</legend>
          {CATEGORY_ORDER.map((k, i) => (
            <label key={k} className="check">
              <input
                ref={i === 0 ? first : undefined}
                type="checkbox"
                checked={cats[k]}
                data-testid={`presentation-cat-${k}`}
                onChange={(e) => setCategories({ ...cats, [k]: e.target.checked })}
              />
              {PRESENTATION_CATEGORY_LABELS[k]}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="presentation-labels">
        <legend>Sensitive labels</legend>
        <p className="muted">Label or attribute keys whose values are masked everywhere, e.g. <code>tenant</code> or <code>customer.name</code>.</p>
        <ul className="presentation-chips" aria-label="Labels marked sensitive">
          {list.length === 0 ? <li className="muted">None yet.</li> : null}
          {list.map((l) => (
            <li key={l} className="presentation-chip">
              <code>{l}</code>
              <button type="button" className="btn btn-small" aria-label={`Stop masking ${l}`} onClick={() => setLabels(list.filter((x) => x !== l))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
        <form className="presentation-add" onSubmit={addLabel}>
          <input
            className="input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="label key"
            aria-label="Label key to mark sensitive"
            data-testid="presentation-label-input"
            maxLength={128}
          />
          <button type="submit" className="btn" disabled={draft.trim() === ''}>
            Add
          </button>
        </form>
      </fieldset>
      {problem ? (
        <p className="gov-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="presentation-actions">
        <button type="button" className="btn btn-primary" onClick={apply} disabled={!cats || save.isPending} data-testid="presentation-save">
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
