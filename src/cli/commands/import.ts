/** `sitrep import`: imports files in Sitrep's JSON format, one report per file. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { importFile } from '../../core/import/import-file';
import { formatImportError, type ImportReport } from '../../core/import/report';
import { num } from '../format';
import { resolveDbPath } from '../paths';
import { type CommandContext, openDb } from './context';

const SHOWN_ERRORS = 20;

function describe(r: ImportReport): string {
  const counts = `${num(r.events)} events (${num(r.duplicates)} duplicates), ${num(r.series)} series, ${num(r.points)} points, ${num(r.incidents)} incidents`;
  if (r.ok) return `ok   ${r.file} [${r.format}]: ${counts} in ${r.tookMs} ms\n`;
  const lines = [
    `FAIL ${r.file} [${r.format}]: ${num(r.errorCount)} error${r.errorCount === 1 ? '' : 's'}; ${r.written ? `partial import: ${counts}` : 'nothing written'}`,
    ...r.errors.slice(0, SHOWN_ERRORS).map((e) => `  ${formatImportError(r.file, e)}`),
  ];
  if (r.errorCount > SHOWN_ERRORS) lines.push(`  … and ${num(r.errorCount - SHOWN_ERRORS)} more`);
  return lines.join('\n') + '\n';
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('import Sitrep JSON / JSON Lines files (all or nothing per file unless --partial)')
    .argument('<file...>', 'files to import')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--partial', 'JSON Lines: import the valid lines of a file that also has invalid ones')
    .addOption(new Option('--format <format>', 'file format').choices(['auto', 'json', 'jsonl']).default('auto'))
    .option('--json', 'print the reports as JSON')
    .action(async (files: string[], opts: { db?: string; partial?: boolean; format: 'auto' | 'json' | 'jsonl'; json?: boolean }) => {
      const store = openDb(resolveDbPath(opts.db, ctx.io.env), false);
      const reports: ImportReport[] = [];
      try {
        for (const file of files) {
          const r = await importFile(store, file, { partial: opts.partial === true, format: opts.format });
          reports.push(r);
          if (!opts.json) (r.ok ? ctx.io.out : ctx.io.err)(describe(r));
        }
      } finally {
        store.close();
      }
      if (opts.json) ctx.io.out(JSON.stringify(reports, null, 2) + '\n');
      if (reports.some((r) => !r.ok)) ctx.exit(1);
    });
}
