/** `sitrep incidents list`: the incidents in a database. */
import type { Command } from 'commander';
import { iso, num, pad } from '../format';
import { resolveDbPath } from '../paths';
import { type CommandContext, withStore } from './context';

export function registerIncidents(program: Command, ctx: CommandContext): void {
  const incidents = program.command('incidents').description('incidents in the database');
  incidents
    .command('list')
    .description('list the incidents')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--json', 'print JSON')
    .action((opts: { db?: string; json?: boolean }) => {
      const list = withStore(resolveDbPath(opts.db, ctx.io.env), true, (store) => store.listIncidents());
      if (opts.json) return ctx.io.out(JSON.stringify(list, null, 2) + '\n');
      if (list.length === 0) return ctx.io.out('No incidents.\n');
      const rows = list.map((i) => [
        i.id,
        i.severity,
        i.status,
        iso(i.startedAt),
        `${num(i.counts.events)} ev / ${num(i.counts.errors)} err / ${num(i.counts.alerts)} alerts`,
        i.title,
      ]);
      const head = ['ID', 'SEV', 'STATUS', 'STARTED', 'EVENTS', 'TITLE'];
      const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
      const line = (r: string[]): string => r.map((v, c) => (c === r.length - 1 ? v : pad(v, widths[c] ?? 0))).join('  ');
      ctx.io.out([line(head), ...rows.map(line)].join('\n') + '\n');
    });
}
