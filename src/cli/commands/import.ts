/**
 * `sitrep import --db PATH [--json] FILE|DIR...`: imports files of every known format, by
 * content. Directories are walked (dotfiles skipped, no symlink followed out of the tree); each
 * file is imported whole or not at all. Exit 0 when every file was imported, 1 when any was
 * rejected (the others are still imported) or the import was cancelled (Ctrl+C), 2 for bad
 * arguments. `--json` prints exactly one object: {"files": [...], "totals": {...}}.
 */
import type { Command } from 'commander';
import type { ImportCounts, ImportFileResult } from '../../shared/contract-ingest';
import { addCounts, zeroCounts } from '../../core/import/pipeline/counts';
import { importOne } from '../../core/import/pipeline/import-one';
import { expandPaths } from '../../core/import/pipeline/walk';
import { num } from '../format';
import { resolveDbPath } from '../paths';
import { type CommandContext, openDb } from './context';
import { progressView } from './import-progress';

/** `sitrep-jsonl` prints as `jsonl`: the project's own format needs no prefix on screen. */
const shortFormat = (id: string | null): string => (id === null ? 'unknown' : id.replace(/^sitrep-/, ''));

function line(r: ImportFileResult): string {
  const c = r.counts;
  const events = c.llm_calls + c.agent_actions + c.spans + c.logs + c.alerts + c.changes;
  if (r.ok) {
    return `ok   ${r.path} [${shortFormat(r.format)}]: ${num(events - c.duplicates)} events (${num(c.duplicates)} duplicates), ${num(c.series)} series, ${num(c.points)} points, ${num(c.incidents)} incidents in ${r.tookMs} ms\n`;
  }
  return `FAIL ${r.path} [${shortFormat(r.format)}]: 1 error; nothing written\n  ${r.path}: ${r.error ?? 'rejected'}\n`;
}

function withSigint(onCancel: () => void): () => void {
  let presses = 0;
  const handler = (): void => {
    presses++;
    if (presses > 1) process.exit(130);
    onCancel();
  };
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('import files by content (OTLP/JSON, Prometheus, Loki, alert webhooks, Kubernetes, Argo CD, GitHub, Sitrep JSON…), each whole or not at all')
    .argument('<paths...>', 'files or directories to import')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--json', 'print one JSON object with every file and the totals')
    .action(async (paths: string[], opts: { db?: string; json?: boolean }) => {
      const store = openDb(resolveDbPath(opts.db, ctx.io.env), false);
      const ac = new AbortController();
      const tty = ctx.io.env === process.env && process.stderr.isTTY === true;
      const view = progressView((s) => ctx.io.err(s), tty);
      const stopSigint = withSigint(() => {
        view.clear();
        ctx.io.err('cancelling: the file being imported is discarded whole…\n');
        ac.abort();
      });
      const files: ImportFileResult[] = [];
      const totals: ImportCounts = zeroCounts();
      try {
        const entries = await expandPaths(paths);
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i];
          if (!e) continue;
          let r: ImportFileResult;
          if (e.error !== undefined || ac.signal.aborted) {
            const error = e.error ?? 'import cancelled; nothing was written';
            r = { path: e.path, format: null, ok: false, counts: { ...zeroCounts(), series: 0, incidents: 0, duplicates: 0 }, error, tookMs: 0 };
          } else {
            r = await importOne(store, e.path, {
              signal: ac.signal,
              onProgress: (phase, done, total) => view.update(e.path, i, entries.length, phase, done, total),
            });
          }
          view.clear();
          files.push(r);
          if (r.ok) addCounts(totals, r.counts);
          if (!opts.json) (r.ok ? ctx.io.out : ctx.io.err)(line(r));
        }
      } finally {
        stopSigint();
        store.close();
      }
      if (opts.json) {
        const out = files.map((f) => ({ path: f.path, format: f.format, ok: f.ok, counts: f.counts, error: f.error, ...(f.where ? { where: f.where } : {}) }));
        ctx.io.out(JSON.stringify({ files: out, totals }) + '\n');
      } else if (files.length > 1) {
        const bad = files.filter((f) => !f.ok).length;
        ctx.io.out(`${num(files.length - bad)} of ${num(files.length)} files imported${bad > 0 ? `, ${num(bad)} rejected` : ''}\n`);
      }
      if (files.length === 0) ctx.io.err('no files to import (directories are walked; dotfiles are skipped)\n');
      if (files.length === 0 || files.some((f) => !f.ok)) ctx.exit(1);
    });
}
