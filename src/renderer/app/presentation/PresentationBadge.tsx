/**
 * The top bar's presentation control: "Present" to start (or `p`); while presenting, a loud
 * "PRESENTING · redaction on" badge (click: stop) and the settings of what is masked (also
 * reachable from the Share dialog).
 */
import { usePresentation } from './queries';
import { usePresentationUi } from './state';

export function PresentationBadge() {
  const state = usePresentation().data;
  const toggle = usePresentationUi((s) => s.toggle);
  const setSettingsOpen = usePresentationUi((s) => s.setSettingsOpen);
  if (!state || state.role === 'viewer') return null;
  const settings = (
    <button type="button" className="btn" data-testid="presentation-settings-open" onClick={() => setSettingsOpen(true)} title="What presentation mode masks">
      Masking…
    </button>
  );
  if (!state.on) {
    // One button while not presenting (the top bar is crowded); what is masked is set while presenting or from Share.
    return (
      <button
        type="button"
        className="btn"
        data-testid="presentation-toggle"
        onClick={() => toggle?.()}
        title="Presentation mode for screen-sharing: larger type, high contrast, secrets, personal data and prompts masked (p)"
      >
        Present
      </button>
    );
  }
  return (
    <span className="presenting-group">
      <button
        type="button"
        className="presenting-badge"
        data-testid="presenting-badge"
        onClick={() => toggle?.()}
        title="Presenting: secrets, emails, IPs, user ids, prompts and sensitive labels are masked. Click or press p to stop."
      >
        <span className="presenting-dot" aria-hidden="true" />
        PRESENTING · redaction on
      </button>
      {settings}
    </span>
  );
}
