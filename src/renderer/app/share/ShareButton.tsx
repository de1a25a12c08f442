/** The top bar's share control: "Share" to start a live view-only share, or what is being shared. */
import { usePresentation } from '../presentation/queries';
import { useShareStatus } from './queries';
import { useShareUi } from './state';

export function ShareButton() {
  const role = usePresentation().data?.role;
  const status = useShareStatus().data;
  const setOpen = useShareUi((s) => s.setOpen);
  if (role !== 'operator' || !status?.available) return null;
  if (!status.active) {
    return (
      <button type="button" className="btn" data-testid="share-open" onClick={() => setOpen(true)} title="Share this incident view-only with the war room">
        Share
      </button>
    );
  }
  return (
    <button type="button" className="btn share-on" data-testid="share-open" onClick={() => setOpen(true)} title="A view-only share is running: see the link, viewers, or stop it">
      <span className="share-live" aria-hidden="true" /> Sharing · {status.viewers === 1 ? '1 viewer' : `${status.viewers} viewers`}
    </button>
  );
}
