/** The incident top bar's button to the eval & monitors panel (key `e`). */
import { useUi } from '../../state/ui';
import { useEvalsUi } from './state';

export function EvalsButton() {
  const incidentId = useUi((s) => s.incidentId);
  const toggle = useEvalsUi((s) => s.toggle);
  if (incidentId === null) return null;
  return (
    <button type="button" className="btn" data-testid="open-evals" onClick={toggle} title="Eval cases and proposed monitors (e)">
      Eval &amp; monitors
    </button>
  );
}
