/**
 * Contract handlers of remediation: runbooks for an incident, diagnostics, preview, approval,
 * the approvals queue, dispatch and observation mode's report.
 *
 * The core keeps each rendered plan (by an opaque `planId`) and the approvals signed for it; the
 * renderer names them and nothing more. An approval is signed here, with the key a fresh step-up
 * released to the core for one signature. Dispatch hands the stored plan and approvals to the
 * dispatcher, which renders the plan again and verifies every approval, the policy, the breaker
 * and the preconditions before a byte is sent. Viewers are refused every channel that changes
 * or records anything.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { remediationChannels, PendingItem, PolicyInfo } from '../../shared/contract-remediation';
import { ContractFailure } from '../../shared/envelope';
import type { Hypothesis } from '../../shared/hypotheses';
import { latestAnalysis } from '../analysis';
import type { ActionDefinition } from '../actions/catalogue';
import { MAX_APPROVAL_TTL_MS, signApproval, signBreakGlass, type Approval } from '../auth/approval';
import type { SignedIn } from '../auth/seats';
import { connectionServiceFor } from '../connections/service';
import type { Handler, SenderInfo } from '../contract/handlers';
import {
  dispatch,
  observationReport,
  recordHumanAction,
  openDispatchState,
  pendingActionOf,
  preparePlan,
  promqlRunner,
  storeRunner,
  runDiagnostics,
  secretsFromConnections,
  type DispatchState,
  type Plan,
  type QueryRunner,
  type SecretSource,
} from '../dispatch';
import type { Journal } from '../journal/journal';
import { evaluatePolicy, type Policy, type Requirements } from '../policy';
import { matchRunbooks } from '../runbooks';
import type { CoreContext, CoreModule } from './context';
import { assertNotReviewCopy } from '../bundle/review';
import { governanceFailure, mapGovernance } from './governance-errors';
import { loadPolicy, loadRunbooks, shippedRunbooksDir, type LoadedPolicy, type LoadedRunbooks } from './remediation-config';
import { approverView, changesOf, checkView, outcomeView, requestView, requirementsView, stepView, templateVars } from './remediation-views';
export type RemediationHandlers = { [C in keyof typeof remediationChannels]: Handler<C> };

/** A plan (and its approvals) lives at most as long as an approval may: 15 minutes. */
export const PLAN_TTL_MS = MAX_APPROVAL_TTL_MS;
const MAX_PLANS = 200;

export interface RemediationOptions {
  /** Default: `<dataDir>/policy.yaml`, else the shipped policy/default.yaml. */
  policyFile?: string;
  /** Default: the package's runbooks/ folder (the data folder's runbooks/ are always added). */
  runbooksDir?: string | null;
  /** Default: `<dataDir>/dispatch.db`, in memory without a data folder. */
  statePath?: string;
  /** Default: the credential vault's connections. */
  secrets?: SecretSource;
  /** Read-only query runners by kind; default: promql over the first Prometheus connection. */
  runners?: Partial<Record<string, QueryRunner>>;
  now?: () => number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface StoredPlan {
  planId: string;
  plan: Plan;
  action: ActionDefinition;
  requirements: Requirements;
  expiresAt: number;
  approvals: Approval[];
  dispatched: boolean;
}

function operatorOnly(sender: SenderInfo, what: string): void {
  if (sender.role !== 'operator') throw new ContractFailure('forbidden', `Viewers cannot ${what}`);
}

function approverOnly(who: SignedIn, what: string): void {
  if (!who.roles.includes('commander') && !who.roles.includes('approver')) throw new ContractFailure('forbidden', `${who.name} has the viewer role only: ${what} needs a commander or approver`);
}

const policyInfo = (p: LoadedPolicy): PolicyInfo => ({ mode: p.policy?.mode ?? 'observe', source: p.source, problem: p.problem });
const targetName = (plan: Plan): string => {
  const t = plan.target;
  return t !== null && typeof t === 'object' && !Array.isArray(t) && typeof t.name === 'string' ? t.name : '';
};

export function createRemediationModule(ctx: CoreContext, opts: RemediationOptions = {}): CoreModule<RemediationHandlers> {
  const now = opts.now ?? Date.now;
  const plans = new Map<string, StoredPlan>();
  let state: DispatchState | null = null;
  let runbookCache: LoadedRunbooks | null = null;

  const policy = (): LoadedPolicy => loadPolicy(ctx.dataDir, opts.policyFile);
  const runbooks = (): LoadedRunbooks =>
    (runbookCache ??= loadRunbooks([opts.runbooksDir !== undefined ? opts.runbooksDir : shippedRunbooksDir(), ctx.dataDir === null ? null : join(ctx.dataDir, 'runbooks')]));
  const dispatchState = (): DispatchState => (state ??= openDispatchState(opts.statePath ?? (ctx.dataDir === null ? ':memory:' : join(ctx.dataDir, 'dispatch.db'))));

  function auth() {
    if (!ctx.auth) throw new ContractFailure('forbidden', 'Sign-in is not available in this core');
    return ctx.auth;
  }
  function signedIn(sender: SenderInfo, what: string): SignedIn {
    operatorOnly(sender, what);
    const who = auth().require(sender);
    approverOnly(who, what);
    return who;
  }
  function openJournal(what: string): Journal {
    if (!ctx.journal) throw new ContractFailure('forbidden', `There is no journal in this core: ${what} is refused`);
    try {
      return ctx.journal.journal();
    } catch (err) {
      const f = governanceFailure(err);
      throw new ContractFailure(f?.code ?? 'internal', `Unlock the journal first (key j): ${what} is recorded before anything happens. ${f?.message ?? ''}`.trim());
    }
  }
  function secrets(): SecretSource {
    if (opts.secrets) return opts.secrets;
    const fromVault = secretsFromConnections(connectionServiceFor(ctx));
    return (name) => {
      try {
        return fromVault(name);
      } catch {
        return undefined;
      }
    };
  }
  function runners(): Partial<Record<string, QueryRunner>> {
    if (opts.runners) return opts.runners;
    const local: Partial<Record<string, QueryRunner>> = { store_query: storeRunner(ctx.store) };
    try {
      const prom = connectionServiceFor(ctx)
        .listDecrypted()
        .find((c) => c.kind === 'prometheus');
      return prom ? { ...local, promql: promqlRunner(prom) } : local;
    } catch {
      return local;
    }
  }
  function incident(id: string) {
    const inc = ctx.store.getIncident(id);
    if (!inc) throw new ContractFailure('not_found', `No incident ${id}`);
    assertNotReviewCopy(ctx.store, inc.id);
    return inc;
  }
  function hypothesesOf(inc: { id: string; windowFrom: number; windowTo: number }): { analysisId: string | null; hypotheses: Hypothesis[] } {
    const a = latestAnalysis(ctx.store, inc.id, inc.windowFrom, inc.windowTo);
    return { analysisId: a?.id ?? null, hypotheses: a?.hypotheses ?? [] };
  }
  function stored(planId: string): StoredPlan {
    const p = plans.get(planId);
    if (!p) throw new ContractFailure('not_found', 'No such plan (plans are kept 15 minutes, in this process only): preview the action again');
    return p;
  }
  function sweep(): void {
    const t = now();
    for (const [id, p] of plans) if (p.expiresAt <= t || p.dispatched) plans.delete(id);
    while (plans.size > MAX_PLANS) {
      const oldest = plans.keys().next().value;
      if (oldest === undefined) break;
      plans.delete(oldest);
    }
  }
  function pendingItem(p: StoredPlan): PendingItem {
    const needed = p.requirements.twoPerson ? 2 : 1;
    const breakGlass = p.approvals.some((a) => a.kind === 'break_glass');
    const distinct = new Set(p.approvals.map((a) => a.operator.id)).size;
    return {
      planId: p.planId,
      actionId: p.plan.actionId,
      title: p.action.title,
      targetName: targetName(p.plan),
      requests: p.plan.requests.map((r) => `${r.method} ${r.url}`),
      approvals: p.approvals.map(approverView),
      approvalsNeeded: needed,
      twoPersonReasons: [...p.requirements.twoPersonReasons],
      ready: breakGlass || distinct >= needed,
      expiresAt: Math.min(p.expiresAt, ...p.approvals.map((a) => a.expiresAt)),
    };
  }
  function requirementsFor(pol: Policy | null, plan: Plan, action: ActionDefinition): Requirements {
    if (pol === null) throw new ContractFailure('forbidden', policy().problem ?? 'No policy');
    return evaluatePolicy(pol, { actionId: plan.actionId, catalogueRisk: action.risk, params: plan.params, target: plan.target, requestCount: plan.requests.length });
  }

  const handlers: RemediationHandlers = {
    'runbooks.forIncident': ({ incidentId }) => {
      const inc = incident(incidentId);
      const { analysisId, hypotheses } = hypothesesOf(inc);
      const loaded = runbooks();
      const matches = matchRunbooks(loaded.runbooks, {
        hypotheses: hypotheses.map((h) => ({ id: h.id, title: h.title, category: h.category, confidence: h.confidence, runbook: h.runbook, status: h.status })),
      });
      return {
        incidentId: inc.id,
        analysisId,
        policy: policyInfo(policy()),
        problems: loaded.problems,
        runbooks: matches.map((m) => {
          const h = hypotheses.find((x) => x.id === m.hypothesisId) ?? null;
          const vars = templateVars(inc, h);
          return {
            id: m.runbook.id,
            title: m.runbook.title,
            description: m.runbook.description,
            category: m.runbook.category,
            severity: m.runbook.severity,
            score: m.score,
            reasons: m.reasons,
            hypothesisId: m.hypothesisId,
            steps: m.runbook.steps.map((s) => stepView(s, vars)),
          };
        }),
      };
    },

    'remediation.diagnose': ({ incidentId, runbookId }, sender) =>
      mapGovernance(async () => {
        operatorOnly(sender, 'run diagnostics');
        const who = auth().current(sender);
        const inc = incident(incidentId);
        const rb = runbooks().runbooks.find((r) => r.id === runbookId);
        if (!rb) throw new ContractFailure('not_found', `No runbook ${runbookId}`);
        const { hypotheses } = hypothesesOf(inc);
        const h = hypotheses.find((x) => x.runbook === rb.id) ?? hypotheses.find((x) => x.category === rb.category) ?? null;
        let journal: Journal | undefined;
        try {
          journal = ctx.journal?.journal();
        } catch {
          journal = undefined;
        }
        const evidence = await runDiagnostics(rb, {
          runners: runners(),
          window: { from: inc.windowFrom, to: inc.windowTo },
          vars: templateVars(inc, h),
          ...(journal ? { journal } : {}),
          ...(h ? { hypothesisId: h.id } : {}),
          actor: who?.name ?? 'sitrep',
        });
        return {
          runbookId: rb.id,
          journaled: journal !== undefined,
          ranAt: now(),
          evidence: evidence.map((e) => ({
            stepId: e.stepId,
            name: e.name,
            kind: e.kind,
            query: e.query,
            window: e.window,
            status: e.status,
            resultDigest: e.resultDigest,
            value: e.value,
            passed: e.passed,
            error: e.error ?? null,
          })),
        };
      }),

    'remediation.preview': ({ actionId, params, target }, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'prepare actions');
        const t = now();
        const r = preparePlan(actionId, params, target, t);
        if (!r.ok) throw new ContractFailure(r.reason === 'not_in_catalogue' ? 'not_found' : 'bad_input', r.message);
        const loaded = policy();
        const requirements = requirementsFor(loaded.policy, r.plan, r.action);
        sweep();
        const planId = randomBytes(12).toString('base64url');
        const expiresAt = t + PLAN_TTL_MS;
        plans.set(planId, { planId, plan: r.plan, action: r.action, requirements, expiresAt, approvals: [], dispatched: false });
        return {
          planId,
          actionId: r.plan.actionId,
          title: r.action.title,
          description: r.action.description,
          targetName: targetName(r.plan),
          requests: r.plan.requests.map(requestView),
          preconditions: r.plan.preconditions.map(checkView),
          verification: r.plan.verification.map(checkView),
          dryRun: r.action.dryRun,
          dryRunFirst: r.action.dryRun && (loaded.policy?.dry_run_first ?? true),
          changes: changesOf(r.plan.params),
          requirements: requirementsView(requirements),
          approvalsNeeded: requirements.twoPerson ? 2 : 1,
          policy: policyInfo(loaded),
          renderedAt: t,
          expiresAt,
        };
      }),

    'remediation.approve': ({ planId, grantId, breakGlassReason }, sender) =>
      mapGovernance(() => {
        const who = signedIn(sender, 'approve actions');
        const p = stored(planId);
        const t = now();
        if (p.dispatched) throw new ContractFailure('forbidden', 'This plan was already dispatched');
        if (t >= p.expiresAt) throw new ContractFailure('forbidden', `The plan expired at ${new Date(p.expiresAt).toISOString()}: preview the action again`);
        if (p.approvals.some((a) => a.operator.id === who.operatorId)) {
          throw new ContractFailure('forbidden', `${who.name} already approved this plan: a second, different operator must approve`);
        }
        const operator = auth().operators.registry().get(who.operatorId);
        if (!operator) throw new ContractFailure('unauthorized', 'The signed-in operator is no longer registered');
        // Takes the grant (once) even when signing then fails: a step-up confirms one attempt.
        const grant = auth().takeGrant(sender, grantId);
        const action = pendingActionOf(p.plan);
        const sign = { now: t, ttlMs: Math.max(1, p.expiresAt - t) };
        const approval = breakGlassReason !== undefined ? signBreakGlass(operator, grant, action, breakGlassReason, sign) : signApproval(operator, grant, action, sign);
        p.approvals = breakGlassReason !== undefined ? [approval] : [...p.approvals.filter((a) => a.kind === 'approval'), approval];
        ctx.log('[remediation] approved', { planId, actionId: p.plan.actionId, operator: who.name, kind: approval.kind });
        // Journaled when signed (the signed record holds no secret); the dispatcher journals it again when it consumes it.
        try {
          ctx.journal?.append('approval', { actionId: p.plan.actionId, approval: JSON.parse(JSON.stringify(approval)) as unknown, detail: { planId, stage: 'signed' } }, who.name);
        } catch (err) {
          ctx.log('[remediation] the approval could not be journaled', { error: (err as Error).message });
        }
        const item = pendingItem(p);
        return { item, secondApproverRequired: !item.ready };
      }),

    'remediation.pending': () => {
      sweep();
      return {
        policy: policyInfo(policy()),
        items: [...plans.values()].filter((p) => p.approvals.length > 0).map(pendingItem),
      };
    },

    'remediation.dispatch': ({ planId }, sender) =>
      mapGovernance(async () => {
        const who = signedIn(sender, 'dispatch actions');
        const p = stored(planId);
        if (p.dispatched) throw new ContractFailure('forbidden', 'This plan was already dispatched');
        const loaded = policy();
        if (loaded.policy === null) throw new ContractFailure('forbidden', loaded.problem ?? 'No policy: nothing is dispatched');
        const journal = openJournal('dispatch');
        const outcome = await dispatch(p.plan, p.approvals, {
          policy: loaded.policy,
          journal,
          state: dispatchState(),
          operators: () => auth().operators.registry(),
          secrets: secrets(),
          now,
          actor: who.name,
          ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
          ...(opts.sleep ? { sleep: opts.sleep } : {}),
          escalate: (e) => ctx.log('[remediation] escalated to a person', { actionId: e.actionId, message: e.message }),
        });
        if (outcome.status !== 'refused') p.dispatched = true;
        ctx.emit('governance.changed', { areas: ['journal'] });
        ctx.log('[remediation] dispatch', { planId, actionId: p.plan.actionId, status: outcome.status, by: who.name });
        return outcomeView(outcome);
      }),

    'remediation.observations': (_input, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'read the journal');
        const r = observationReport(openJournal('reading observations'));
        return { policy: policyInfo(policy()), ...r };
      }),
    'remediation.recordHuman': ({ planId, note }, sender) =>
      mapGovernance(() => {
        const who = signedIn(sender, 'record an action done by hand');
        const p = stored(planId);
        const journal = openJournal('recording an action done by hand');
        recordHumanAction(journal, { actor: who.name, actionId: p.plan.actionId, params: p.plan.params, target: p.plan.target, ...(note !== undefined ? { note } : {}) });
        ctx.emit('governance.changed', { areas: ['journal'] });
        return { policy: policyInfo(policy()), ...observationReport(journal) };
      }),
  };

  return {
    handlers,
    close() {
      state?.close();
      state = null;
      plans.clear();
    },
  };
}
