/** A config change lets the agent loop: many more steps per request, context growing each turn, spend per request up several-fold. */
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { herringDeploy, minutes, svcRefs } from './common';

export const tokenCostRunaway: ScenarioDef = {
  id: 'token-cost-runaway',
  title: 'Token cost runaway: the agent loops after its iteration cap is raised',
  build(w, rng) {
    const a = w.agent;
    const change = w.t0;
    const onset = change + minutes(rng, 0, 2);
    const share = rng.range(0.3, 0.6);
    const maxExtra = rng.int(8, 16);
    const from = rng.int(3, 5);
    const to = rng.pick([25, 30, 50]);
    return {
      label: {
        id: 'token-cost-runaway',
        title: `${a.name} cost runaway after max_iterations ${from} -> ${to}`,
        expected: { category: 'agent', runbook: 'token-cost-runaway', entities: [...svcRefs(a.name), `model:${a.llm.model}`, `provider:${a.llm.provider}`] },
      },
      knobs: {
        agentExtraSteps: (t, r) => (r.chance(share * ramp(t, onset, 3 * 60_000)) ? r.int(Math.floor(maxExtra / 2), maxExtra) : 0),
        inputTokenMul: (app, t) => (app === 'agent' ? 1 + 0.4 * ramp(t, onset, 3 * 60_000) : 1),
      },
      script(emit) {
        herringDeploy(emit, w, rng.pick([w.search, w.frontend]), rng, [6, 14]);
        emit.change({
          externalId: `config:${a.name}:agent.max_iterations:${w.seed}`, ts: change, service: a.name, changeType: 'config', target: `${a.name}/agent.yaml`, author: rng.pick(w.authors),
          summary: `agent.max_iterations ${from} -> ${to}; reflect_on_tool_results enabled`, from: String(from), to: String(to), source: 'config-repo',
        });
        emit.alert({
          name: 'LLMSpendRateHigh', severity: 'warning', startsAt: onset + minutes(rng, 8, 12),
          labels: { service: a.name, gen_ai_request_model: a.llm.model, team: 'ai-platform' }, summary: `LLM spend for ${a.name} above 3x the 7-day hourly average`,
        });
      },
    };
  },
};
