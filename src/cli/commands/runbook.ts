/**
 * `sitrep runbook validate [DIR]` and `sitrep runbook list [DIR] [--json]`. DIR defaults to
 * $SITREP_RUNBOOKS, else the `runbooks/` folder of the installed package. Validation lists every
 * error as FILE:LINE:COLUMN: FIELD: MESSAGE and exits 1 when any runbook is invalid.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatError, loadRunbookDir, type LoadedDir } from '../../core/runbooks';
import { pad } from '../format';
import { packageRoot } from '../paths';
import { CliFailure, type CommandContext } from './context';

/** The runbook folder: the argument, $SITREP_RUNBOOKS, or `runbooks/` beside the package. */
export function resolveRunbooksDir(dir: string | undefined, env: Readonly<Record<string, string | undefined>>, root: string | null = packageRoot()): string {
  if (dir !== undefined) return resolve(dir);
  const fromEnv = env.SITREP_RUNBOOKS;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  if (root === null) throw new CliFailure('no runbook folder: pass DIR or set SITREP_RUNBOOKS');
  return join(root, 'runbooks');
}

function load(dir: string): LoadedDir {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliFailure(`no runbook folder at ${dir}`);
  return loadRunbookDir(dir);
}

function reportErrors(ctx: CommandContext, loaded: LoadedDir): void {
  for (const e of loaded.errors) ctx.io.err(`${formatError(e)}\n`);
}

export function registerRunbook(program: Command, ctx: CommandContext): void {
  const runbook = program.command('runbook').description('runbooks: validate and list');

  runbook
    .command('validate')
    .description('check every runbook in DIR (exit 1 when any is invalid)')
    .argument('[dir]', 'runbook folder (default: $SITREP_RUNBOOKS, else the bundled runbooks/)')
    .action((dir: string | undefined) => {
      const where = resolveRunbooksDir(dir, ctx.io.env);
      const loaded = load(where);
      reportErrors(ctx, loaded);
      const bad = new Set(loaded.errors.map((e) => e.file)).size;
      if (loaded.files.length === 0) {
        ctx.io.err(`no runbooks (*.yaml) in ${where}\n`);
        ctx.exit(1);
        return;
      }
      if (loaded.errors.length > 0) {
        ctx.io.err(`${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'} in ${bad} of ${loaded.files.length} runbook files\n`);
        ctx.exit(1);
        return;
      }
      ctx.io.out(`${loaded.runbooks.length} runbooks valid in ${where}\n`);
    });

  runbook
    .command('list')
    .description('list the valid runbooks in DIR (errors go to stderr, exit 1)')
    .argument('[dir]', 'runbook folder (default: $SITREP_RUNBOOKS, else the bundled runbooks/)')
    .option('--json', 'print JSON')
    .action((dir: string | undefined, opts: { json?: boolean }) => {
      const loaded = load(resolveRunbooksDir(dir, ctx.io.env));
      reportErrors(ctx, loaded);
      if (loaded.errors.length > 0) ctx.exit(1);
      const list = loaded.runbooks.map(({ file, runbook: r }) => ({
        id: r.id,
        title: r.title,
        category: r.category,
        severity: r.severity,
        file,
        trigger: r.trigger,
        steps: r.steps.map((s) => ({ id: s.id, action: s.action, uses: s.uses, requires_approval: s.requires_approval === true })),
      }));
      if (opts.json) return ctx.io.out(JSON.stringify(list, null, 2) + '\n');
      if (list.length === 0) return ctx.io.out('No runbooks.\n');
      const rows = list.map((r) => [
        r.id,
        r.severity,
        r.category,
        `${r.steps.length} (${r.steps.filter((s) => s.requires_approval).length} approved)`,
        [...r.trigger.alerts.map((a) => a.name), ...(r.trigger.hypotheses.length > 0 ? ['hypothesis'] : [])].join(', '),
        r.title,
      ]);
      const head = ['ID', 'SEV', 'CATEGORY', 'STEPS', 'TRIGGER', 'TITLE'];
      const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
      const line = (row: string[]): string => row.map((v, c) => (c === row.length - 1 ? v : pad(v, widths[c] ?? 0))).join('  ');
      ctx.io.out([line(head), ...rows.map(line)].join('\n') + '\n');
    });
}
