/** How journal entry kinds read on screen. */
import type { JournalEntryKind } from '../../../shared/contract-governance';

export const KIND_TEXT: Record<JournalEntryKind, string> = {
  evidence: 'Evidence',
  hypothesis: 'Hypothesis',
  model_io: 'Model I/O',
  approval: 'Approval',
  dispatching: 'Dispatching',
  dispatch_result: 'Dispatch result',
  verification: 'Verification',
  break_glass: 'BREAK-GLASS',
  decision: 'Decision',
  note: 'Note',
  checkpoint: 'Checkpoint',
};

export function kindText(kind: string): string {
  return Object.prototype.hasOwnProperty.call(KIND_TEXT, kind) ? KIND_TEXT[kind as JournalEntryKind] : kind;
}

/** A tone per kind for the list's left edge: actions and break-glass stand out. */
export function kindTone(kind: string): 'accent' | 'warn' | 'error' | 'muted' | 'ok' {
  switch (kind) {
    case 'break_glass':
      return 'error';
    case 'approval':
    case 'dispatching':
    case 'dispatch_result':
      return 'warn';
    case 'decision':
    case 'note':
      return 'accent';
    case 'verification':
    case 'checkpoint':
      return 'ok';
    default:
      return 'muted';
  }
}
