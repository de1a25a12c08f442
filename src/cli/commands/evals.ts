/**
 * `sitrep eval export`: an incident's relevant LLM calls as eval cases (JSON Lines): the calls its
 * top hypotheses cite, the calls failing the monitors that fired, and normal calls from before it
 * started as passing cases. Redacted with the model settings' rules unless `--raw`.
 */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { FAILURE_MODES, type EvalExport } from '../../shared/contract-evals';
import { exportEvalCases } from '../../core/evals';
import { loadModelSettings } from '../../core/model/settings';
import { intParser } from '../args';
import { resolveDbPath } from '../paths';
import { type CommandContext, withStore } from './context';
import { writeAtomically } from './evals-write';

interface ExportOpts {
  db?: string;
  incident: string;
  out: string;
  raw?: boolean;
  perMode?: number;
  baseline?: number;
  json?: boolean;
}

export function exportLines(s: Omit<EvalExport, 'jsonl'>, out: string): string[] {
  const redacted = Object.entries(s.redacted).map(([cls, n]) => `${n} ${cls}`);
  const lines = [
    `Wrote ${s.cases} eval case(s) to ${out}: ${s.byLabel.fail} fail, ${s.byLabel.pass} pass; ${s.raw ? 'raw text (not redacted)' : redacted.length > 0 ? `redacted ${redacted.join(', ')}` : 'redacted (nothing matched)'}`,
  ];
  for (const m of FAILURE_MODES) {
    const c = s.byFailureMode[m];
    if (c.fail + c.pass > 0) lines.push(`  ${m}: ${c.fail} fail, ${c.pass} pass`);
  }
  lines.push(`  inputs: ${s.inputs.call} recorded on the call, ${s.inputs.trace} from earlier in the trace, ${s.inputs.none} not recorded`);
  lines.push(`  from analysis ${s.analysisId ?? '-'}${s.analysisSource === 'computed' ? ' (none was stored: run now, not saved)' : ''}`);
  if (s.truncated) lines.push('  some failing calls were left out to keep the export bounded (--per-mode raises the limit)');
  return lines;
}

export function registerEvals(program: Command, ctx: CommandContext): void {
  const evals = program.command('eval').description('eval cases from incidents');
  evals
    .command('export')
    .description("write an incident's relevant LLM calls as eval cases (JSON Lines)")
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .requiredOption('--incident <id>', 'the incident')
    .requiredOption('--out <file.jsonl>', 'where to write the cases')
    .option('--raw', 'keep the recorded text (no redaction)')
    .option('--per-mode <n>', 'failing calls taken per failure mode from the monitors (default 50)', intParser(1, 10_000))
    .option('--baseline <n>', 'passing calls from before the incident (default: half the failing ones, 5 to 25)', intParser(0, 10_000))
    .option('--json', 'print the summary as JSON')
    .action((opts: ExportOpts) => {
      const db = resolveDbPath(opts.db, ctx.io.env);
      const out = resolve(opts.out);
      const redaction = loadModelSettings(dirname(db)).redaction;
      const { summary } = withStore(db, true, (store) =>
        exportEvalCases(store, opts.incident, {
          raw: opts.raw === true,
          redaction,
          ...(opts.perMode !== undefined ? { perMode: opts.perMode } : {}),
          ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}),
        }),
      );
      writeAtomically(out, summary.jsonl);
      const { jsonl: _jsonl, ...rest } = summary;
      if (opts.json) return ctx.io.out(`${JSON.stringify({ ...rest, out }, null, 2)}\n`);
      ctx.io.out(`${exportLines(rest, out).join('\n')}\n`);
    });
}
