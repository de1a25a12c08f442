/** The agent starts calling one side-effecting tool far too often and out of order; the policy guard denies most calls. */
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { herringDeploy, minutes, svcRefs } from './common';

const DENIED: Record<string, string> = {
  refund_order: 'refund exceeds the agent limit of 200.00 USD; handoff required',
  update_address: 'address change denied: customer identity not verified in this session',
  create_ticket: 'ticket creation denied: duplicate ticket for this conversation',
  send_email: 'send_email denied: recipient not on the customer record',
};

export const toolMisuse: ScenarioDef = {
  id: 'tool-misuse',
  title: 'Agent tool misuse: one tool called repeatedly, out of order, mostly denied',
  build(w, rng) {
    const a = w.agent;
    const candidates = a.tools.filter((t) => t in DENIED);
    const tool = rng.pick(candidates);
    const change = w.t0;
    const onset = change + minutes(rng, 1, 3);
    const misuse = (t: number): number => ramp(t, onset, 3 * 60_000);
    const normal: Record<string, number> = Object.fromEntries(a.everyday.map((t) => [t, 1]));
    return {
      label: {
        id: 'tool-misuse',
        title: `${a.name} misusing ${tool}`,
        expected: { category: 'agent', runbook: 'tool-misuse', entities: [`tool:${tool}`, ...svcRefs(a.name)] },
      },
      knobs: {
        toolWeights: (t) => {
          const m = misuse(t);
          return m === 0 ? null : { ...normal, [tool]: 12 * m };
        },
        agentExtraSteps: (t, r) => (r.chance(0.6 * misuse(t)) ? r.int(1, 4) : 0),
        toolOverride: (name, t, r) => {
          if (name !== tool || misuse(t) === 0) return null;
          if (r.chance(0.45)) return { outcome: 'denied', message: DENIED[tool] ?? 'denied by policy' };
          if (r.chance(0.2)) return { outcome: 'invalid_args', message: `${tool}: arguments failed validation (order_id missing)` };
          return null;
        },
      },
      script(emit) {
        herringDeploy(emit, w, rng.pick([w.search, w.billing]), rng, [4, 10]);
        emit.change({
          externalId: `config:${a.name}:tools:${w.seed}`, ts: change, service: a.name, changeType: 'config', target: `${a.name}/tools.yaml`, author: rng.pick(w.authors),
          summary: `Tool descriptions updated; ${tool} moved to auto-approved tools`, source: 'config-repo',
        });
        emit.alert({
          name: 'AgentToolDeniedRateHigh', severity: 'warning', startsAt: onset + minutes(rng, 4, 7),
          labels: { service: a.name, gen_ai_tool_name: tool }, summary: `${tool} calls denied by policy above 25% for 5m`,
        });
      },
    };
  },
};
