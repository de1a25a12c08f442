/**
 * Restores placeholders in streamed text: a placeholder may arrive split over several tokens, so
 * an unfinished `⟦…` tail is held back until it closes (or grows too long to be one).
 */
import type { Redactor } from './redactor';

const MAX_PLACEHOLDER = 48;

export function streamRestorer(redactor: Redactor, emit: (text: string) => void): { push: (text: string) => void; flush: () => void } {
  let held = '';
  return {
    push(text) {
      held += text;
      const open = held.lastIndexOf('⟦');
      let ready = held;
      if (open >= 0 && !held.includes('⟧', open) && held.length - open < MAX_PLACEHOLDER) {
        ready = held.slice(0, open);
        held = held.slice(open);
      } else {
        held = '';
      }
      if (ready.length > 0) emit(redactor.restore(ready));
    },
    flush() {
      if (held.length > 0) emit(redactor.restore(held));
      held = '';
    },
  };
}
