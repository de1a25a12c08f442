/**
 * Contract handlers of the incident → eval → monitor loop and the cross-incident report. Export
 * is for operators only (it carries recorded traces), is redacted by the model settings' rules
 * unless raw is asked for, and is journaled. Proposing monitors and the report only read.
 */
import type { evalsChannels } from '../../shared/contract-evals';
import { ContractFailure } from '../../shared/envelope';
import type { Handler } from '../contract/handlers';
import { exportEvalCases } from '../evals';
import { DEFAULT_REDACTION, type RedactionConfig } from '../model/redact/config';
import { loadModelSettings, SettingsError } from '../model/settings';
import { proposeMonitors } from '../monitors';
import { incidentReport } from '../report';
import type { CoreContext, CoreModule } from './context';
import { decisionActor } from './decision-journal';

export type EvalsHandlers = { [C in keyof typeof evalsChannels]: Handler<C> };

/** The redaction rules of the model settings (a team's own patterns included), else the defaults. */
function redactionOf(ctx: CoreContext): RedactionConfig {
  if (ctx.dataDir === null) return DEFAULT_REDACTION;
  try {
    return loadModelSettings(ctx.dataDir).redaction;
  } catch (err) {
    if (err instanceof SettingsError) throw new ContractFailure('internal', `${err.message}. The export redacts with these settings' rules, so nothing was exported.`);
    throw err;
  }
}

export function createEvalsModule(ctx: CoreContext): CoreModule<EvalsHandlers> {
  return {
    handlers: {
      'evals.export': (input, sender) => {
        if (sender.role !== 'operator') throw new ContractFailure('forbidden', 'Only operators can export eval cases: they carry recorded traces.');
        const raw = input.raw === true;
        const { summary } = exportEvalCases(ctx.store, input.incidentId, { raw, redaction: redactionOf(ctx) });
        if (ctx.journal) {
          const text = `Exported ${summary.cases} eval case(s) from incident ${summary.incidentId}, ${raw ? 'raw (not redacted)' : 'redacted'}`;
          try {
            ctx.journal.append('note', { text, detail: { export: 'eval_cases', incidentId: summary.incidentId, cases: summary.cases, raw, fileName: summary.fileName } }, decisionActor(ctx, sender));
          } catch (err) {
            ctx.log('[journal] the export could not be recorded', { error: (err as Error).message });
          }
        }
        return summary;
      },
      'monitors.propose': (input) => proposeMonitors(ctx.store, input.incidentId),
      'report.get': (input) => incidentReport(ctx.store, { granularity: input.granularity }),
    },
  };
}
