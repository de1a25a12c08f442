/**
 * The CLI as a function: `run(argv, io)` returns the exit code, so tests call it in-process.
 * Exit codes: 0 ok, 1 the command failed, 2 bad arguments (with the usage line).
 */
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze';
import { registerConnections } from './commands/connections';
import { registerDemo } from './commands/demo';
import { registerImport } from './commands/import';
import { registerIncidents } from './commands/incidents';
import { registerJournal } from './commands/journal';
import { registerBundle } from './commands/bundle';
import { registerOperator } from './commands/operator';
import { registerRunbook } from './commands/runbook';
import { registerServe } from './commands/serve';
import { registerTimeline } from './commands/timeline';
import { registerEvals } from './commands/evals';
import { registerMonitors } from './commands/monitors';
import { registerReport } from './commands/report';
import { registerPostmortem } from './commands/postmortem';
import type { CommandContext } from './commands/context';
import type { CliIo } from './io';
import { packageVersion } from './paths';

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** After a usage error: the command's usage line and where to find more. */
function addUsageLines(cmd: Command): void {
  cmd.showHelpAfterError(`Usage: ${pathOf(cmd)} ${cmd.usage()}\nRun '${pathOf(cmd)} --help' for details.`);
  for (const sub of cmd.commands) addUsageLines(sub);
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('sitrep')
    .description('Sitrep: an incident cockpit for AI systems in production')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  registerDemo(program, ctx);
  registerTimeline(program, ctx);
  registerImport(program, ctx);
  registerIncidents(program, ctx);
  registerServe(program, ctx);
  registerConnections(program, ctx);
  registerRunbook(program, ctx);
  registerAnalyze(program, ctx);
  registerOperator(program, ctx);
  registerJournal(program, ctx);
  registerBundle(program, ctx);
  registerEvals(program, ctx);
  registerMonitors(program, ctx);
  registerReport(program, ctx);
  registerPostmortem(program, ctx);
  addUsageLines(program);
  return program;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { io, exit: (c) => void (code = Math.max(code, c)) };
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return 2;
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
