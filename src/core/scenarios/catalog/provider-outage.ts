/** The hosted model provider fails (5xx, overloaded, timeouts) for one model; the agent's requests fail with it. */
import { episode } from '../shape';
import type { ProviderFault, ScenarioDef } from '../types';
import { MIN } from '../world';
import { herringFlag, minutes } from './common';

export const providerOutage: ScenarioDef = {
  id: 'provider-outage',
  title: 'Model provider outage: the hosted model returns 5xx and times out',
  build(w, rng) {
    const { provider, model } = w.agent.llm;
    const start = w.t0;
    const end = rng.chance(0.5) ? w.t0 + minutes(rng, 14, 22) : undefined;
    const peak = rng.range(0.55, 0.9);
    const rise = rng.int(30, 90) * 1000;
    const level = (t: number): number => peak * episode(t, start, rise, end, MIN);
    const faults: ((r: { range(a: number, b: number): number; chance(p: number): boolean }) => ProviderFault)[] =
      provider === 'anthropic'
        ? [
            (r) => ({ httpStatus: 529, errorType: 'overloaded_error', message: "{'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}", latencyMs: Math.round(r.range(150, 900)) }),
            (r) => ({ httpStatus: 500, errorType: 'api_error', message: "{'type': 'error', 'error': {'type': 'api_error', 'message': 'Internal server error'}}", latencyMs: Math.round(r.range(300, 4_000)) }),
          ]
        : [
            (r) => ({ httpStatus: 503, errorType: 'InternalServerError', message: 'The server is overloaded or not ready yet.', latencyMs: Math.round(r.range(200, 1_500)) }),
            (r) => ({ httpStatus: 500, errorType: 'InternalServerError', message: 'The server had an error while processing your request. Sorry about that!', latencyMs: Math.round(r.range(400, 6_000)) }),
          ];
    return {
      label: {
        id: 'provider-outage',
        title: `${provider} ${model} outage`,
        expected: { category: 'dependency', runbook: 'provider-outage-failover', entities: [`provider:${provider}`, `model:${model}`] },
      },
      knobs: {
        provider: (p, m, t, r) => {
          if (p !== provider || m !== model || !r.chance(level(t))) return null;
          if (r.chance(0.15)) return { httpStatus: 408, errorType: 'APITimeoutError', message: 'Request timed out.', latencyMs: 60_000 };
          return r.pick(faults)(r);
        },
      },
      script(emit) {
        herringFlag(emit, w, w.rag.name, rng, [2, 7]);
        emit.alert({
          name: 'LLMProviderErrorRateHigh', severity: 'critical', startsAt: start + minutes(rng, 3, 5), ...(end !== undefined ? { endsAt: end + 3 * MIN } : {}),
          labels: { service: w.agent.name, gen_ai_provider_name: provider, gen_ai_request_model: model },
          summary: `${model} error rate above 20% for 3m (${provider})`,
        });
      },
    };
  },
};
