/** Progress of `sitrep import` on stderr: a redrawn bar on a TTY, a few plain lines otherwise. */
import type { ImportPhase } from '../../core/import/pipeline/import-one';

const WIDTH = 24;
const PLAIN_MIN_BYTES = 16 * 1024 * 1024;

export interface ProgressView {
  update(file: string, index: number, count: number, phase: ImportPhase, done: number, total: number): void;
  clear(): void;
}

export function progressView(err: (s: string) => void, tty: boolean): ProgressView {
  let drawn = false;
  let lastQuarter = -1;
  let lastFile = '';
  return {
    update(file, index, count, phase, done, total) {
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      if (tty) {
        const fill = Math.round((pct / 100) * WIDTH);
        const name = file.length > 48 ? '…' + file.slice(-47) : file;
        err(`\r\x1b[2K[${'#'.repeat(fill)}${'-'.repeat(WIDTH - fill)}] ${String(pct).padStart(3)}% ${phase.padEnd(5)} ${index + 1}/${count} ${name}`);
        drawn = true;
        return;
      }
      // Plain output: only for big files, at most every 25 %.
      if (total < PLAIN_MIN_BYTES) return;
      if (file !== lastFile) lastQuarter = -1;
      lastFile = file;
      const quarter = Math.floor(pct / 25);
      if (phase === 'read' && quarter > lastQuarter) {
        lastQuarter = quarter;
        err(`importing ${file}: ${pct}% of ${total} bytes read\n`);
      }
    },
    clear() {
      if (drawn) err('\r\x1b[2K');
      drawn = false;
    },
  };
}
