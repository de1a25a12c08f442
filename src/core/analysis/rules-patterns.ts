/**
 * Pattern rules: each recognises one failure mode from generic signals (kinds, failure classes,
 * entity kinds), never from names of particular services. The AI and dependency rules live here; the GPU and
 * platform ones in rules-gpu.ts and rules-infra.ts.
 */
import type { OutcomeMix } from './agent-detail';
import { misuseShare } from './agent-detail';
import { candidate, entitiesOf, relatedSignals, uniq, type Candidate, type RuleInput } from './candidate';
import { nameOf } from './entities';
import { classRule, noisyNeighbourRule, oomRule } from './rules-infra';
import { kvRule, thermalRule, xidRule } from './rules-gpu';
import { earliest, groupBy, is, main } from './rules-kit';

/** Prompt versions / models that appeared in the window and fail more than the ones before. */
function versionRule(inp: RuleInput): Candidate[] {
  return inp.signals.filter(is('version_regression')).map((v) => {
    const dim = v.detail?.dimension === 'pv' ? 'prompt version' : 'model';
    const svc = main(v, 'service');
    const quality = relatedSignals(inp, svc !== undefined ? [svc] : v.entities, (s) => s.kind !== 'traffic' && s.kind !== 'version_regression' && (s.symptom || s.kind === 'tokens'), v.at - inp.bucketMs);
    return candidate({
      key: `version:${v.entities[0] ?? ''}`,
      title: `Regression from ${dim} ${String(v.detail?.version ?? '')} of ${nameOf(svc ?? 'service:?')}`,
      category: 'model',
      runbook: 'bad-prompt-release',
      source: 'version-regression',
      entities: uniq([...v.entities]),
      supporting: [v, ...quality],
      anchorAt: v.at,
      prior: 1,
    });
  });
}

function toolRule(inp: RuleInput, mix: readonly OutcomeMix[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [tool, ss] of groupBy(inp.signals.filter(is('tool_error', 'tool_combo', 'agent_frequency')), (s) => main(s, 'tool'))) {
    const svc = ss.map((s) => main(s, 'service')).find((x) => x !== undefined);
    const m = mix.find((x) => `tool:${x.tool}` === tool && (svc === undefined || `service:${x.service}` === svc));
    const share = misuseShare(m);
    const behavioural = ss.some((s) => s.kind === 'tool_combo' || s.kind === 'agent_frequency');
    const errs = ss.filter(is('tool_error'));
    const entities = uniq([tool, ...(svc !== undefined ? [svc] : []), ...entitiesOf(ss, 4)]);
    if (errs.length > 0 && share < 0.4 && !behavioural) {
      out.push(
        candidate({
          key: `tool-backend:${tool}`,
          title: `Tool ${nameOf(tool)} is failing (timeouts and errors from its backend)`,
          category: 'dependency',
          runbook: 'upstream-dependency-outage',
          source: 'tool-backend',
          entities,
          supporting: ss,
          anchorAt: earliest(ss),
          prior: 0.8,
        }),
      );
      continue;
    }
    out.push(
      candidate({
        key: `tool-misuse:${tool}`,
        title: `Agent misusing tool ${nameOf(tool)}${share >= 0.4 ? ` (${Math.round(share * 100)}% of its failures are invalid arguments or denials)` : behavioural ? ' (unusual call pattern)' : ''}`,
        category: 'agent',
        runbook: 'tool-misuse',
        source: 'tool-misuse',
        entities,
        supporting: ss,
        anchorAt: earliest(ss),
        prior: behavioural || share >= 0.4 ? 0.9 : 0.7,
      }),
    );
  }
  return out;
}

const PROVIDER_HOST = /openai|anthropic|azure|googleapis|vertex|bedrock|cohere|mistral|groq|together|fireworks|deepseek|perplexity|openrouter|generativelanguage/i;

function providerRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const prov = inp.signals.filter((s) => (s.kind === 'llm_error' && main(s, 'provider') !== undefined) || (s.kind === 'dependency_error' && PROVIDER_HOST.test(String(s.detail?.peer ?? ''))));
  for (const [p, ss] of groupBy(prov, (s) => main(s, 'provider') ?? `provider:${String(s.detail?.peer ?? '')}`)) {
    const logs = inp.signals.filter((s) => s.failureClass === 'provider' && s.at >= earliest(ss) - 5 * inp.bucketMs);
    out.push(
      candidate({
        key: `provider:${p}`,
        title: `LLM provider ${nameOf(p)} failing (errors, rate limits or timeouts)`,
        category: 'dependency',
        runbook: 'provider-outage-failover',
        source: 'provider-errors',
        entities: uniq([p, ...entitiesOf([...ss, ...logs], 6)]),
        supporting: [...ss, ...logs],
        anchorAt: earliest(ss),
        prior: 0.95,
      }),
    );
  }
  return out;
}

function costRule(inp: RuleInput): Candidate[] {
  const cost = inp.signals.filter(
    (s) => s.kind === 'cost' || (s.kind === 'tokens' && s.detail?.metric === 'tokens_per_call' && Number(s.detail.observed ?? 0) >= 2 * Number(s.detail.baseline ?? Infinity)),
  );
  if (cost.length === 0 || Math.max(...cost.map((s) => s.strength)) < 0.2) return [];
  const at = earliest(cost);
  const agentSide = inp.signals.filter((s) => (s.kind === 'agent_frequency' || s.kind === 'tool_combo') && Math.abs(s.at - at) <= 5 * inp.bucketMs);
  const tokens = inp.signals.filter((s) => s.kind === 'tokens' && !cost.includes(s));
  const entities = uniq(entitiesOf([...cost, ...tokens, ...agentSide], 8));
  return [
    candidate({
      key: 'cost',
      title: agentSide.length > 0 ? 'Token cost runaway from an agent calling tools and the model in a loop' : 'Token cost runaway (more tokens or a pricier model per call)',
      category: agentSide.length > 0 ? 'agent' : 'model',
      runbook: 'token-cost-runaway',
      source: 'cost-runaway',
      entities,
      supporting: [...cost, ...tokens, ...agentSide],
      anchorAt: at,
      // Without a cost signal (unpriced or self-hosted models) it is token demand, weaker evidence of a cost runaway.
      prior: cost.some((s) => s.kind === 'cost') ? 0.9 : 0.6,
    }),
  ];
}

function injectionRule(inp: RuleInput): Candidate[] {
  return inp.signals.filter(is('injection')).map((s) => {
    const after = relatedSignals(inp, s.entities, is('tool_combo', 'agent_frequency', 'policy_violation', 'tool_error'), s.at - inp.bucketMs);
    return candidate({
      key: `injection:${s.entities[0] ?? ''}`,
      title: `Prompt injection reaching ${nameOf(s.entities[0] ?? 'service:?')}${Number(s.detail?.followed ?? 0) > 0 ? ' and triggering tool calls' : ''}`,
      category: 'security',
      runbook: 'prompt-injection',
      source: 'injection-detector',
      entities: s.entities,
      supporting: [s, ...after],
      anchorAt: s.at,
      prior: 1,
    });
  });
}

function upstreamRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const deps = inp.signals.filter((s) => s.kind === 'dependency_error' && (s.failureClass === 'upstream' || s.failureClass === 'other') && !PROVIDER_HOST.test(String(s.detail?.peer ?? '')));
  for (const d of deps) {
    const peer = d.entities[0] ?? '';
    const logs = inp.signals.filter((s) => s.kind === 'log_error' && s.failureClass === 'upstream' && Math.abs(s.at - d.at) <= 10 * inp.bucketMs);
    const own = relatedSignals(inp, [peer], (s) => s.symptom && s !== d, d.at - 5 * inp.bucketMs);
    out.push(
      candidate({
        key: `upstream:${peer}`,
        title: `Upstream dependency ${nameOf(peer)} failing`,
        category: 'dependency',
        runbook: 'upstream-dependency-outage',
        source: 'dependency-errors',
        entities: uniq([peer, ...d.entities]),
        supporting: [d, ...logs, ...own],
        anchorAt: d.at,
        prior: 0.95,
      }),
    );
  }
  // Upstream-looking log signatures without traces.
  if (deps.length === 0) {
    const logs = inp.signals.filter((s) => s.kind === 'log_error' && s.failureClass === 'upstream' && s.strength >= 0.3);
    if (logs.length > 0)
      out.push(
        candidate({
          key: 'upstream:logs',
          title: `Upstream dependency failing (connection errors logged by ${entitiesOf(logs, 2).map(nameOf).join(', ')})`,
          category: 'dependency',
          runbook: 'upstream-dependency-outage',
          source: 'dependency-logs',
          entities: entitiesOf(logs, 6),
          supporting: logs,
          anchorAt: earliest(logs),
          prior: 0.6,
        }),
      );
  }
  return out;
}

export function patternCandidates(inp: RuleInput, mix: readonly OutcomeMix[]): Candidate[] {
  return [
    ...versionRule(inp),
    ...toolRule(inp, mix),
    ...providerRule(inp),
    ...costRule(inp),
    ...injectionRule(inp),
    ...xidRule(inp),
    ...thermalRule(inp),
    ...kvRule(inp),
    ...classRule(inp, 'db_pool', ['pool'], (e) => ({ title: `Database connection pool exhausted (${e.slice(0, 2).map(nameOf).join(', ')})`, category: 'infrastructure', runbook: 'db-pool-exhaustion', source: 'db-pool' })),
    ...classRule(inp, 'certificate', [], (e) => ({ title: `Expired or invalid TLS certificate (${e.slice(0, 2).map(nameOf).join(', ')})`, category: 'infrastructure', runbook: 'certificate-expiry', source: 'certificate' })),
    ...oomRule(inp),
    ...upstreamRule(inp),
    ...noisyNeighbourRule(inp),
  ];
}
