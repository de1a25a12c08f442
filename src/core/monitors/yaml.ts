/** The proposal as a Prometheus rule file: one group of alerting rules, with a header saying where they came from. */
import { Document } from 'yaml';
import type { MonitorProposal, ProposedRule } from '../../shared/contract-evals';

export function ruleAnnotations(incidentId: string, r: Omit<ProposedRule, 'why'> & { why: string }, summary: string): Record<string, string> {
  return {
    summary,
    description: r.why,
    incident: incidentId,
    would_have_fired: new Date(r.wouldHaveFiredAt).toISOString(),
  };
}

export function rulesYaml(p: Omit<MonitorProposal, 'yaml'>, summaries: ReadonlyMap<string, string>): string {
  const doc = new Document({
    groups: [
      {
        name: `sitrep-${p.incidentId}`.replace(/\s+/g, '-'),
        rules: p.rules.map((r) => ({
          alert: r.alert,
          expr: r.expr,
          for: r.for,
          labels: { severity: r.severity },
          annotations: ruleAnnotations(p.incidentId, r, summaries.get(r.alert) ?? r.alert),
        })),
      },
    ],
  });
  const header = [
    ` Alerting rules proposed by Sitrep from incident ${p.incidentId}${p.analysisId !== null ? ` (analysis ${p.analysisId})` : ''}.`,
    ' Thresholds and `for` come from this incident\'s baseline and onset; "would have fired" was computed',
    ' by evaluating each rule on the samples stored for the incident. Review before loading them.',
  ];
  if (p.uncovered.length > 0) {
    header.push('', ' Signals that fired with no metric series to alert on (not covered below):');
    for (const u of p.uncovered.slice(0, 30)) {
      header.push(`   - ${u.signal.replace(/\s+/g, ' ').slice(0, 160)}`);
      if (u.rate !== null) {
        const lead = u.rate.leadMinutes === null ? '' : u.rate.leadMinutes > 0 ? `, ${u.rate.leadMinutes} min before the first alert` : `, ${-u.rate.leadMinutes} min after the first alert`;
        header.push(`     ${u.rate.what} > ${u.rate.threshold} for ${u.rate.for} would have fired at ${new Date(u.rate.wouldHaveFiredAt).toISOString().slice(11, 16)} UTC${lead}`);
      }
    }
  }
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 0 });
}
