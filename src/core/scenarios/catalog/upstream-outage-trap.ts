/**
 * The false-correlation trap: the external payment provider starts failing a minute or two after
 * an unrelated deploy of a service on the same request path. The deploy must not be blamed first.
 */
import { episode } from '../shape';
import type { ScenarioDef } from '../types';
import { MIN } from '../world';
import { minutes, svcRefs } from './common';

export const upstreamOutageTrap: ScenarioDef = {
  id: 'upstream-outage-trap',
  title: 'Upstream outage coinciding with an unrelated deploy (false-correlation trap)',
  build(w, rng) {
    const up = w.upstream;
    const deployed = rng.pick([w.payments, w.frontend]);
    const start = w.t0;
    const deployAt = start - rng.int(50, 200) * 1000;
    const end = rng.chance(0.4) ? start + minutes(rng, 15, 22) : undefined;
    const peak = rng.range(0.45, 0.8);
    const rise = rng.int(30, 100) * 1000;
    const level = (t: number): number => peak * episode(t, start, rise, end, MIN);
    return {
      label: {
        id: 'upstream-outage-trap',
        title: `${up.peer} outage; ${deployed.name} deployed ${Math.round((start - deployAt) / 1000)}s before`,
        expected: { category: 'dependency', runbook: 'upstream-dependency-outage', entities: [`service:${up.peer}`, `endpoint:${up.host}`, `provider:${up.peer}`, `service:${up.host}`] },
        trap: { mustNotRankFirst: svcRefs(deployed.name) },
      },
      knobs: { upstream: (peer, t) => (peer === up.peer ? level(t) : 0) },
      script(emit) {
        emit.argoDeploy({ svc: deployed, ts: deployAt, author: rng.pick(w.authors), fromRev: rng.hex(40), toRev: rng.hex(40), durMs: rng.int(50, 100) * 1000 });
        emit.log({ service: w.payments.name, ts: start + rise, severity: 'warn', body: `circuit breaker ${up.peer}-api transitioned CLOSED -> OPEN (failure rate ${Math.round(peak * 100)}% over 50 calls)` });
        emit.alert({
          name: 'PaymentsAuthorizeErrorRateHigh', severity: 'critical', startsAt: start + minutes(rng, 3, 5), ...(end !== undefined ? { endsAt: end + 3 * MIN } : {}),
          labels: { service: w.payments.name, namespace: w.payments.namespace, route: '/v1/payments/authorize' }, summary: `${w.payments.name} authorize error rate above 5% for 3m`,
        });
      },
    };
  },
};
