/** A system-prompt release drops the JSON instruction: invalid structured output, a tool's arguments rejected, longer answers. */
import { episode } from '../shape';
import type { ScenarioDef } from '../types';
import { MIN, nextVersion } from '../world';
import { herringDeploy, minutes, svcRefs } from './common';

export const badPromptRelease: ScenarioDef = {
  id: 'bad-prompt-release',
  title: 'Bad prompt release: invalid JSON and tool argument errors after a system-prompt change',
  build(w, rng) {
    const a = w.agent;
    const next = nextVersion(a.promptVersion);
    const release = w.t0;
    const onset = release + minutes(rng, 1, 4);
    const rollback = rng.chance(0.5) ? w.t0 + minutes(rng, 20, 25) : undefined;
    const peak = rng.range(0.14, 0.3);
    const tokens = rng.range(0.6, 1.2);
    const broken = a.everyday.find((t) => t === 'get_order_status') ?? a.everyday[0] ?? 'search_kb';
    const impact = (t: number): number => episode(t, onset, 4 * MIN, rollback, 2 * MIN);
    const live = (t: number): boolean => t >= release && (rollback === undefined || t < rollback);
    return {
      label: {
        id: 'bad-prompt-release',
        title: `${a.name} system prompt ${a.promptVersion} -> ${next}`,
        expected: { category: 'model', runbook: 'bad-prompt-release', entities: [`prompt:${a.promptTarget}`, `prompt:${next}`, `prompt:${a.promptTarget}@${next}`, ...svcRefs(a.name)] },
      },
      knobs: {
        promptVersion: (t) => (live(t) ? next : a.promptVersion),
        invalidJsonRate: (t) => 0.015 + peak * impact(t),
        outputTokenMul: (app, t) => (app === 'agent' ? 1 + tokens * impact(t) : 1),
        toolOverride: (tool, t, r) =>
          tool === broken && r.chance(0.3 * impact(t)) ? { outcome: 'invalid_args', message: `${tool}: arguments do not match the schema (missing required field)` } : null,
      },
      script(emit) {
        herringDeploy(emit, w, rng.pick([w.payments, w.orders, w.search]), rng, [3, 9]);
        emit.change({
          externalId: `prompt-registry:${a.promptTarget}:${next}`, ts: release, service: a.name, changeType: 'prompt', target: a.promptTarget, author: rng.pick(w.authors),
          summary: `Release system prompt ${next}: friendlier tone, simplified tool descriptions`, from: a.promptVersion, to: next, source: 'prompt-registry',
          diff: '-Always answer with a single JSON object matching the ResponseEnvelope schema.\n+Answer in a warm, conversational tone. Explain your reasoning step by step.\n',
          attrs: { 'prompt.rollout': '100%' },
        });
        if (rollback !== undefined) {
          emit.change({
            externalId: `prompt-registry:${a.promptTarget}:rollback-${a.promptVersion}`, ts: rollback, service: a.name, changeType: 'rollback', target: a.promptTarget,
            author: rng.pick(w.authors), summary: `Roll back system prompt ${next} -> ${a.promptVersion}`, from: next, to: a.promptVersion, source: 'prompt-registry',
          });
        }
        emit.alert({
          name: 'LLMInvalidStructuredOutputRate', severity: 'critical', startsAt: onset + minutes(rng, 5, 8), ...(rollback !== undefined ? { endsAt: rollback + 4 * MIN } : {}),
          labels: { service: a.name, team: 'ai-platform' }, summary: `invalid JSON rate above 10% for 5m on ${a.name}`,
        });
      },
    };
  },
};
