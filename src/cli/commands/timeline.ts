/** `sitrep timeline`: runs the window query the timeline runs, prints JSON or a compact table. */
import type { Command } from 'commander';
import type { LaneRequest, WindowQuery } from '../../shared/window';
import { MAX_WIDTH_PX, WindowQuery as WindowQuerySchema } from '../../shared/window';
import { allLanes, intParser, parseIso, parseLanes } from '../args';
import { resolveDbPath } from '../paths';
import { type CommandContext, CliFailure, usageError, withStore } from './context';
import { timelineTable } from './timeline-table';

interface TimelineOpts {
  db?: string;
  from?: number;
  to?: number;
  width: number;
  lanes?: LaneRequest[];
  json?: boolean;
}

export function registerTimeline(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('timeline')
    .description('query a time window at a pixel width, as the timeline does')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--from <iso>', 'window start, ISO 8601 (default: start of the stored data)', parseIso)
    .option('--to <iso>', 'window end, ISO 8601 (default: end of the stored data)', parseIso)
    .option('--width <px>', `width in pixels, 1 to ${MAX_WIDTH_PX}`, intParser(1, MAX_WIDTH_PX), 1200)
    .option('--lanes <list>', 'comma-separated lanes (default: all): alerts,changes,llm,agent,traces,gpu,inference,infra,logs', parseLanes)
    .option('--json', 'print the WindowResult as JSON')
    .action((opts: TimelineOpts) => {
      if (opts.from !== undefined && opts.to !== undefined && opts.to <= opts.from) usageError(cmd, '--to must be after --from');
      const result = withStore(resolveDbPath(opts.db, ctx.io.env), true, (store) => {
        const extent = opts.from === undefined || opts.to === undefined ? store.extent() : null;
        const from = opts.from ?? extent?.from;
        const to = opts.to ?? (extent ? extent.to + 1 : undefined);
        if (from === undefined || to === undefined) throw new CliFailure('the database is empty; pass --from and --to');
        const q: WindowQuery = { from, to, widthPx: opts.width, lanes: opts.lanes ?? allLanes() };
        const parsed = WindowQuerySchema.safeParse(q);
        if (!parsed.success) usageError(cmd, parsed.error.issues.map((i) => i.message).join('; '));
        return store.window(parsed.data);
      });
      ctx.io.out(opts.json ? JSON.stringify(result) + '\n' : timelineTable(result));
    });
}
