/**
 * `sitrep monitors propose`: Prometheus alerting rules for the signals an incident's top hypotheses
 * rest on, with thresholds from its baseline and onset and when each would have fired. `--check`
 * runs the real `promtool check rules` on the result.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { MonitorProposal } from '../../shared/contract-evals';
import { checkRules, findPromtool, proposeMonitors } from '../../core/monitors';
import { resolveDbPath } from '../paths';
import { type CommandContext, withStore } from './context';
import { writeAtomically } from './evals-write';

interface ProposeOpts {
  db?: string;
  incident: string;
  out?: string;
  check?: boolean;
  json?: boolean;
}

const hhmm = (t: number): string => `${new Date(t).toISOString().slice(11, 16)} UTC`;

export function proposalLines(p: MonitorProposal): string[] {
  const ref = p.reference.at === null ? 'no alert fired and no detection time is recorded' : `${p.reference.kind === 'alert' ? `first alert ${p.reference.name ?? ''}` : 'detected'} at ${hhmm(p.reference.at)}`;
  const lines = [`${p.rules.length} rule(s) for incident ${p.incidentId} (${ref}):`];
  for (const r of p.rules) {
    const lead = r.leadMinutes === null ? '' : r.leadMinutes > 0 ? `, ${r.leadMinutes} min earlier` : r.leadMinutes < 0 ? `, ${-r.leadMinutes} min later` : ', at the same time';
    lines.push(`  ${r.alert}: ${r.expr} for ${r.for} → would have fired at ${hhmm(r.wouldHaveFiredAt)}${lead}`);
  }
  const rated = p.uncovered.filter((u) => u.rate !== null);
  if (p.uncovered.length > 0) lines.push(`${p.uncovered.length} signal(s) have no metric series to alert on${rated.length > 0 ? '; the same rule on their rates:' : ''}`);
  for (const u of rated) {
    const r = u.rate;
    if (r === null) continue;
    const lead = r.leadMinutes === null ? '' : r.leadMinutes > 0 ? `, ${r.leadMinutes} min earlier` : r.leadMinutes < 0 ? `, ${-r.leadMinutes} min later` : '';
    lines.push(`  ${r.what} > ${r.threshold} for ${r.for} → would have fired at ${hhmm(r.wouldHaveFiredAt)}${lead}`);
  }
  for (const s of p.skipped) lines.push(`  no rule for ${s.metric}: ${s.reason}`);
  return lines;
}

export function registerMonitors(program: Command, ctx: CommandContext): void {
  const monitors = program.command('monitors').description('alerting rules from incidents');
  monitors
    .command('propose')
    .description('propose Prometheus alerting rules that would have caught an incident earlier')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .requiredOption('--incident <id>', 'the incident')
    .option('--out <file.yml>', 'write the rule file here (default: print it)')
    .option('--check', 'check the rule file with promtool (fails when promtool is not installed)')
    .option('--json', 'print the proposal as JSON')
    .action((opts: ProposeOpts) => {
      const db = resolveDbPath(opts.db, ctx.io.env);
      const p = withStore(db, true, (store) => proposeMonitors(store, opts.incident));
      if (opts.check) {
        const bin = findPromtool(ctx.io.env);
        if (bin === null) throw new Error('promtool was not found (install Debian’s prometheus package, or set SITREP_PROMTOOL to its path); nothing was checked');
        const r = checkRules(p.yaml, bin);
        if (r === null || !r.ok) throw new Error(`promtool check rules failed:\n${r?.output ?? ''}`);
        ctx.io.err(`promtool check rules: ${r.output.split('\n').pop()?.trim() ?? 'ok'}\n`);
      }
      if (opts.out !== undefined) {
        const out = resolve(opts.out);
        writeAtomically(out, p.yaml);
        if (opts.json) return ctx.io.out(`${JSON.stringify({ ...p, out }, null, 2)}\n`);
        return ctx.io.out(`${[`Wrote ${out}`, ...proposalLines(p)].join('\n')}\n`);
      }
      if (opts.json) return ctx.io.out(`${JSON.stringify(p, null, 2)}\n`);
      ctx.io.out(p.yaml);
    });
}
