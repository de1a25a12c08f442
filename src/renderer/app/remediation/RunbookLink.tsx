/** A hypothesis' runbook, as a link that opens the runbook panel on it. */
import { useRemediationUi } from './state';

export function RunbookLink(props: { runbookId: string }) {
  const show = useRemediationUi((s) => s.show);
  return (
    <button type="button" className="link-btn" onClick={() => show(props.runbookId)} data-testid="runbook-link" title="Open the runbook panel (r)">
      runbook {props.runbookId}
    </button>
  );
}
