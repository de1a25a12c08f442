/** `sitrep report`: across every incident in a store, engine precision, repeat incidents, time to context and MTTR. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { IncidentReport } from '../../shared/contract-evals';
import { incidentReport } from '../../core/report';
import { resolveDbPath } from '../paths';
import { type CommandContext, withStore } from './context';

const pct = (p: number | null): string => (p === null ? '–' : `${Math.round(p * 100)}%`);
export const minutes = (ms: number | null): string => (ms === null ? '–' : ms < 60_000 ? `${Math.round(ms / 1_000)} s` : ms < 3 * 3_600_000 ? `${Math.round(ms / 6_000) / 10} min` : `${Math.round(ms / 360_000) / 10} h`);

export function reportLines(r: IncidentReport): string[] {
  if (r.incidents === 0) return ['No incidents in this store.'];
  const lines = [`${r.incidents} incident(s), ${r.analysed} analysed${r.notAnalysed.length > 0 ? `; not analysed: ${r.notAnalysed.slice(0, 10).map((i) => i.id).join(', ')}${r.notAnalysed.length > 10 ? ', …' : ''}` : ''}`];
  const p = r.precision;
  lines.push('', `Engine precision: ${pct(p.precision)} (${p.accepted} accepted, ${p.rejected} rejected by people)`);
  if (p.accepted + p.rejected === 0) lines.push('  no hypothesis has been accepted or rejected yet');
  for (const x of p.byPeriod) if (x.accepted + x.rejected > 0) lines.push(`  ${x.period}: ${pct(x.precision)} (${x.accepted}/${x.rejected})`);
  for (const c of p.byCategory) lines.push(`  ${c.category}: ${pct(c.precision)} (${c.accepted}/${c.rejected})`);
  lines.push('', `Repeat incidents: ${r.repeats.length === 0 ? 'none' : `${r.repeats.length} group(s)`}`);
  for (const g of r.repeats) {
    lines.push(`  ${g.incidents.length}× ${g.leadingHypothesis ?? g.signature.slice(0, 3).join(', ')}`);
    lines.push(`     ${g.incidents.map((i) => i.id).join(', ')}`);
    if (g.signature.length > 0) lines.push(`     shared: ${g.signature.slice(0, 6).join(', ')}`);
  }
  lines.push('', `Time to context: median ${minutes(r.timing.ttcMedianMs)}; MTTR: median ${minutes(r.timing.mttrMedianMs)}`);
  for (const x of r.timing.byPeriod) if (x.incidents > 0) lines.push(`  ${x.period}: ${x.incidents} incident(s), time to context ${minutes(x.ttcMedianMs)}, MTTR ${minutes(x.mttrMedianMs)}`);
  return lines;
}

function granularity(v: string): 'week' | 'month' | 'auto' {
  if (v === 'week' || v === 'month' || v === 'auto') return v;
  throw new InvalidArgumentError('expected week, month or auto');
}

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('across incidents: engine precision, repeat incidents, time to context and MTTR')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--granularity <g>', 'week, month or auto (weeks up to half a year of incidents)', granularity, 'auto')
    .option('--json', 'print JSON')
    .action((opts: { db?: string; granularity: 'week' | 'month' | 'auto'; json?: boolean }) => {
      const r = withStore(resolveDbPath(opts.db, ctx.io.env), true, (store) => incidentReport(store, { granularity: opts.granularity }));
      if (opts.json) return ctx.io.out(`${JSON.stringify(r, null, 2)}\n`);
      ctx.io.out(`${reportLines(r).join('\n')}\n`);
    });
}
