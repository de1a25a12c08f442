/** Always mounted in the commander's window: share status pushes, the view reporter, the dialog. */
import { useShareStatus, useSharePush } from './queries';
import { ShareDialog } from './ShareDialog';
import { useShareUi } from './state';
import { useFollowReporter } from './useFollowReporter';
import './share.css';

export function ShareLayer() {
  useSharePush();
  const active = useShareStatus().data?.active === true;
  useFollowReporter(active);
  const open = useShareUi((s) => s.open);
  const setOpen = useShareUi((s) => s.setOpen);
  return open ? <ShareDialog onClose={() => setOpen(false)} /> : null;
}
