/** Always mounted: keeps sign-in state fresh (pushes, idle lock) and shows the sign-in dialog. */
import { SignInDialog } from './SignInDialog';
import { useAuthStatus, useGovernancePush } from './queries';
import { useGovernanceUi } from './state';
import { useIdleLock } from './useIdleLock';
import './governance.css';

export function GovernanceLayer() {
  useGovernancePush();
  useIdleLock();
  const status = useAuthStatus().data;
  const open = useGovernanceUi((s) => s.signInOpen);
  const setOpen = useGovernanceUi((s) => s.setSignInOpen);
  if (!open || !status || status.state === 'active') return null;
  return <SignInDialog key={status.state} status={status} onClose={() => setOpen(false)} />;
}
