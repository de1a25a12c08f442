/** The keyboard help (`help-overlay`), opened with `?`, closed with Esc, the button or a click outside. */
import { useEffect, useRef } from 'react';
import { useUi } from '../state/ui';
import { SHORTCUTS } from './shortcuts';
import './help.css';

export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => setHelpOpen(false)}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="dialog-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="btn" onClick={() => setHelpOpen(false)}>
            Close (Esc)
          </button>
        </header>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys.join(' ')}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' ' : null}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Times are shown in UTC. Shortcuts are ignored while typing in a field.</p>
      </div>
    </div>
  );
}
