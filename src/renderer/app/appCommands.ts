/**
 * The desktop menu's commands (`app.command`, sent by the Electron host to its own window): each
 * does what the matching in-app button or key does, nothing more.
 */
import { useEffect } from 'react';
import type { AppCommand } from '../../shared/contract';
import { onPush } from '../api/client';
import { useUi } from '../state/ui';
import { useBundleUi } from './bundle/state';
import { runAction } from './shortcuts';

export function runAppCommand(command: AppCommand): boolean {
  switch (command) {
    case 'bundle.open':
      useBundleUi.getState().setOpenDialog(true);
      return true;
    case 'bundle.export': {
      // The open incident's, as its "Export bundle…" button (the core refuses a review copy).
      const id = useUi.getState().incidentId;
      if (id === null) return false;
      useBundleUi.getState().setExportFor(id);
      return true;
    }
    case 'postmortem':
      return runAction('togglePostmortem');
    case 'presentation':
      return runAction('togglePresentation');
    case 'journal':
      return runAction('toggleJournal');
    case 'help':
      return runAction('toggleHelp');
  }
}

/** Listens for the menu's commands for the app's lifetime. */
export function useAppCommands(): void {
  useEffect(() => onPush('app.command', ({ command }) => void runAppCommand(command)), []);
}
