/**
 * Global keyboard shortcuts. One table (`SHORTCUTS`) feeds both the key handler and the help
 * overlay, so they cannot drift apart. Keys are ignored while typing in a field (Esc there
 * leaves the field) and when Ctrl/Cmd/Alt are held (so copy/paste and browser keys still work).
 */
import { useEffect } from 'react';
import { useUi } from '../state/ui';
import { useConnectionsUi } from './connections/state';
import { useGovernanceUi } from './governance/state';
import { useRemediationUi } from './remediation/state';
import { usePresentationUi } from './presentation/state';
import { useEvalsUi } from './evals/state';
import { useReportUi } from './report/state';
import { usePostmortemUi } from './postmortem/state';
import { clearBrushOrSelection, panBy, selectAdjacentEvent, zoomIn, zoomOut, zoomReset } from '../timeline/actions';

export type ShortcutAction =
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'panLeft'
  | 'panRight'
  | 'panLeftFar'
  | 'panRightFar'
  | 'escape'
  | 'nextEvent'
  | 'prevEvent'
  | 'toggleTheme'
  | 'toggleHelp'
  | 'focusLogs'
  | 'toggleConnections'
  | 'toggleJournal'
  | 'toggleRunbooks'
  | 'togglePresentation'
  | 'toggleEvals'
  | 'toggleReport'
  | 'togglePostmortem'
  | 'back';

export const SHORTCUTS: ReadonlyArray<{ keys: readonly string[]; does: string }> = [
  { keys: ['+', '='], does: 'Zoom in' },
  { keys: ['-'], does: 'Zoom out' },
  { keys: ['0'], does: 'Reset zoom to the incident window' },
  { keys: ['←', '→'], does: 'Pan 10% (with Shift: 50%)' },
  { keys: [']', '['], does: 'Select next / previous significant event (errors and warnings first)' },
  { keys: ['Esc'], does: 'Close this help, else clear the brush, else the selection; leave a text field' },
  { keys: ['l'], does: 'Focus the logs filter' },
  { keys: ['t'], does: 'Toggle dark / light theme' },
  { keys: ['c'], does: 'Open or close Connections (sources and credentials)' },
  { keys: ['j'], does: 'Open or close the Journal (notes, decisions, verify, export)' },
  { keys: ['r'], does: 'Incident: open or close the runbook panel (diagnostics, preview, approvals, dispatch)' },
  { keys: ['p'], does: 'Presentation mode for screen-sharing: larger type, high contrast, secrets, personal data and prompts masked (p again to leave)' },
  { keys: ['e'], does: 'Incident: open or close Eval & monitors (eval cases as JSON Lines, proposed Prometheus rules)' },
  { keys: ['d'], does: 'Incident: open or close the postmortem draft (edit its sections, export Markdown or PDF)' },
  { keys: ['i'], does: 'Open or close the report across incidents (engine precision, repeat incidents, time to context, MTTR)' },
  { keys: ['?'], does: 'Show or hide this help' },
  { keys: ['Backspace'], does: 'Back to the incident list' },
  { keys: ['↑', '↓', 'Enter'], does: 'Incident list: move and open' },
  { keys: ['Shift + drag'], does: 'Timeline: brush a time window (filters logs and key signals)' },
];

export const LOGS_FILTER_ID = 'logs-filter';

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return el.isContentEditable;
}

/** Maps a key press to an action, or null when the key is not ours (or the user is typing). */
export function actionForKey(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTypingTarget(e.target)) return null;
  switch (e.key) {
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
    case '_':
      return 'zoomOut';
    case '0':
      return 'zoomReset';
    case 'ArrowLeft':
      return e.shiftKey ? 'panLeftFar' : 'panLeft';
    case 'ArrowRight':
      return e.shiftKey ? 'panRightFar' : 'panRight';
    case 'Escape':
      return 'escape';
    case ']':
      return 'nextEvent';
    case '[':
      return 'prevEvent';
    case 't':
    case 'T':
      return 'toggleTheme';
    case '?':
      return 'toggleHelp';
    case 'l':
    case 'L':
      return 'focusLogs';
    case 'c':
    case 'C':
      return 'toggleConnections';
    case 'j':
    case 'J':
      return 'toggleJournal';
    case 'r':
    case 'R':
      return 'toggleRunbooks';
    case 'p':
    case 'P':
      return 'togglePresentation';
    case 'e':
    case 'E':
      return 'toggleEvals';
    case 'i':
    case 'I':
      return 'toggleReport';
    case 'd':
    case 'D':
      return 'togglePostmortem';
    case 'Backspace':
      return 'back';
    default:
      return null;
  }
}

/** Runs an action (timeline actions come from ../timeline/actions); returns false when it did not apply. */
export function runAction(action: ShortcutAction): boolean {
  const ui = useUi.getState();
  const inIncident = ui.incidentId !== null && ui.view !== null;
  switch (action) {
    case 'toggleTheme':
      ui.toggleTheme();
      return true;
    case 'toggleHelp':
      ui.setHelpOpen(!ui.helpOpen);
      return true;
    case 'toggleConnections':
      useGovernanceUi.getState().setJournalOpen(false);
      useReportUi.getState().setOpen(false);
      useConnectionsUi.getState().toggle();
      return true;
    case 'toggleRunbooks':
      if (ui.incidentId === null) return false;
      useRemediationUi.getState().toggle();
      return true;
    case 'toggleJournal':
      useConnectionsUi.getState().setOpen(false);
      useReportUi.getState().setOpen(false);
      useGovernanceUi.getState().toggleJournal();
      return true;
    case 'escape':
      if (ui.helpOpen) {
        ui.setHelpOpen(false);
        return true;
      }
      if (useRemediationUi.getState().open) {
        useRemediationUi.getState().close();
        return true;
      }
      if (usePostmortemUi.getState().openFor !== null) {
        usePostmortemUi.getState().close();
        return true;
      }
      if (useConnectionsUi.getState().open) {
        useConnectionsUi.getState().setOpen(false);
        return true;
      }
      if (useGovernanceUi.getState().journalOpen) {
        useGovernanceUi.getState().setJournalOpen(false);
        return true;
      }
      if (useEvalsUi.getState().open) {
        useEvalsUi.getState().setOpen(false);
        return true;
      }
      if (useReportUi.getState().open) {
        useReportUi.getState().setOpen(false);
        return true;
      }
      return clearBrushOrSelection();
    case 'togglePostmortem':
      if (ui.incidentId === null || useReportUi.getState().open || useConnectionsUi.getState().open || useGovernanceUi.getState().journalOpen) return false;
      usePostmortemUi.getState().toggle(ui.incidentId);
      return true;
    case 'toggleEvals':
      if (ui.incidentId === null || useReportUi.getState().open || useConnectionsUi.getState().open || useGovernanceUi.getState().journalOpen) return false;
      useEvalsUi.getState().toggle();
      return true;
    case 'toggleReport':
      useConnectionsUi.getState().setOpen(false);
      useGovernanceUi.getState().setJournalOpen(false);
      useEvalsUi.getState().setOpen(false);
      useReportUi.getState().toggle();
      return true;
    case 'togglePresentation': {
      const toggle = usePresentationUi.getState().toggle;
      if (!toggle) return false;
      toggle();
      return true;
    }
    case 'back':
      if (useReportUi.getState().open) {
        useReportUi.getState().setOpen(false);
        return true;
      }
      if (ui.incidentId === null) return false;
      ui.closeIncident();
      return true;
    case 'focusLogs': {
      const input = document.getElementById(LOGS_FILTER_ID);
      if (!input) return false;
      input.focus();
      return true;
    }
    case 'nextEvent':
    case 'prevEvent':
      if (!inIncident) return false;
      selectAdjacentEvent(action === 'nextEvent' ? 1 : -1);
      return true;
    case 'zoomIn':
    case 'zoomOut':
    case 'zoomReset':
    case 'panLeft':
    case 'panRight':
    case 'panLeftFar':
    case 'panRightFar':
      if (!inIncident) return false;
      moveView(action);
      return true;
    default: {
      const never: never = action;
      return never;
    }
  }
}

function moveView(action: 'zoomIn' | 'zoomOut' | 'zoomReset' | 'panLeft' | 'panRight' | 'panLeftFar' | 'panRightFar'): void {
  switch (action) {
    case 'zoomIn':
      return zoomIn();
    case 'zoomOut':
      return zoomOut();
    case 'zoomReset':
      return zoomReset();
    case 'panLeft':
      return panBy(-0.1);
    case 'panRight':
      return panBy(0.1);
    case 'panLeftFar':
      return panBy(-0.5);
    case 'panRightFar':
      return panBy(0.5);
  }
}

export function handleKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  if (e.key === 'Escape' && isTypingTarget(e.target)) {
    (e.target as HTMLElement).blur();
    return;
  }
  const action = actionForKey(e);
  if (action && runAction(action)) e.preventDefault();
}

/** Installs the global key handler for the app's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, []);
}
