/** `sitrep demo`: builds the demo incident into a database. */
import type { Command } from 'commander';
import { generateDemo, MAX_EVENTS, MIN_EVENTS } from '../../core/demo/generate';
import { DEFAULT_EVENTS, DEFAULT_SEED } from '../../core/demo/scenario';
import { intParser } from '../args';
import { num, secs } from '../format';
import { resolveDbPath } from '../paths';
import { type CommandContext, withStore } from './context';

interface DemoOpts {
  db?: string;
  events: number;
  seed: number;
}

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('build the built-in demo incident (a prompt release breaks an LLM agent) into a database')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db, SITREP_HOME defaults to ~/.sitrep)')
    .option('--events <n>', `discrete events to generate, ${num(MIN_EVENTS)} to ${num(MAX_EVENTS)}`, intParser(MIN_EVENTS, MAX_EVENTS), DEFAULT_EVENTS)
    .option('--seed <n>', 'random seed (same seed, same events)', intParser(0, 2 ** 32 - 1), DEFAULT_SEED)
    .action((opts: DemoOpts) => {
      const db = resolveDbPath(opts.db, ctx.io.env);
      const started = performance.now();
      const { incident, stats } = withStore(db, false, (store) => generateDemo(store, { events: opts.events, seed: opts.seed }));
      const took = performance.now() - started;
      const rate = Math.round(stats.events / (took / 1000));
      ctx.io.out(
        `Demo incident ${incident.id} written to ${db}\n` +
          `  ${num(stats.events)} events (${num(stats.duplicates)} already there), ${num(stats.series)} series, ` +
          `${num(stats.points)} points in ${secs(took)} (${num(rate)} events/s)\n` +
          `  ${incident.title}\n`,
      );
    });
}
