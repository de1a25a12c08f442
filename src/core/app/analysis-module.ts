/** Contract handlers of root-cause analysis: the deterministic engine over an incident's window. */
import type { analysisChannels } from '../../shared/contract-analysis';
import { ContractFailure } from '../../shared/envelope';
import { analyze, decideHypothesis, latestAnalysis, saveAnalysis } from '../analysis';
import type { Handler } from '../contract/handlers';
import type { CoreContext, CoreModule } from './context';
import { assertAnalysisNotReviewCopy } from '../bundle/review';
import { decisionActor, journalAnalysis, journalDecision } from './decision-journal';

export type AnalysisHandlers = { [C in keyof typeof analysisChannels]: Handler<C> };

export function createAnalysisModule(ctx: CoreContext): CoreModule<AnalysisHandlers> {
  const incident = (id: string) => {
    const inc = ctx.store.getIncident(id);
    if (!inc) throw new ContractFailure('not_found', `No incident ${id}`);
    return inc;
  };
  return {
    handlers: {
      'analysis.run': (input, sender) => {
        const inc = incident(input.incidentId);
        const result = analyze(ctx.store, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id });
        if (!ctx.store.readOnly && sender.role === 'operator') {
          saveAnalysis(ctx.store, result);
          journalAnalysis(ctx, decisionActor(ctx, sender), result);
        }
        return result;
      },
      'analysis.latest': (input) => {
        const inc = incident(input.incidentId);
        return latestAnalysis(ctx.store, inc.id, inc.windowFrom, inc.windowTo);
      },
      'analysis.decide': (input, sender) => {
        if (sender.role !== 'operator') throw new ContractFailure('forbidden', 'Viewers cannot accept or reject hypotheses.');
        if (ctx.store.readOnly) throw new ContractFailure('forbidden', 'This incident is open read-only.');
        assertAnalysisNotReviewCopy(ctx.store, input.analysisId);
        // The signed-in operator, else the host's commander; journaled as a decision.
        const actor = decisionActor(ctx, sender);
        const decided = decideHypothesis(ctx.store, input.analysisId, input.hypothesisId, input.decision, input.reason, actor);
        journalDecision(ctx, actor, input, decided);
        return decided;
      },
    },
  };
}
