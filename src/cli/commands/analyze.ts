/**
 * `sitrep analyze`: root-cause hypotheses for an incident or a window, from the deterministic
 * engine, optionally reviewed by a model (`--model local:FILE|remote:URL`, see ./analyze-model.ts).
 * `--json` prints the contract shape: verdict, ranked hypotheses with their evidence, rejected
 * ones, and what the model did. Deterministic with `--model none` (the default).
 */
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { AnalysisResult, Evidence, Hypothesis } from '../../shared/hypotheses';
import { analyze } from '../../core/analysis';
import { saveAnalysis } from '../../core/analysis/persist';
import { intParser } from '../args';
import { resolveDbPath } from '../paths';
import { modelLines, parseModelSpec, reviewWithModel, type ModelReport } from './analyze-model';
import { type CommandContext, usageError, withStore } from './context';

interface AnalyzeOpts {
  db?: string;
  from?: string;
  to?: string;
  incident?: string;
  model: string;
  modelName?: string;
  apiKeyConnection?: string;
  passphraseFile?: string;
  threads?: number;
  budget?: number;
  json?: boolean;
  save?: boolean;
}

const parseTime = (s: string, what: string): number => {
  const t = Date.parse(s);
  if (!Number.isFinite(t)) throw new Error(`${what} is not an ISO time: ${s}`);
  return t;
};

function hypothesisJson(h: Hypothesis, byId: Map<string, Evidence>) {
  return {
    rank: h.rank,
    title: h.title,
    category: h.category,
    entities: h.entities,
    confidence: Math.round(h.confidence * 1000) / 1000,
    evidence: h.supporting.flatMap((id) => {
      const e = byId.get(id);
      return e ? [{ id: e.id, kind: e.kind, summary: e.summary }] : [];
    }),
    contradicting: h.contradicting.flatMap((id) => {
      const e = byId.get(id);
      return e ? [{ id: e.id, kind: e.kind, summary: e.summary }] : [];
    }),
    runbook: h.runbook,
    ...(h.explanation ? { explanation: h.explanation } : {}),
    ...(h.reason ? { reason: h.reason } : {}),
  };
}

export function analysisJson(r: AnalysisResult, model: ModelReport = { kind: 'none' }) {
  const byId = new Map(r.evidence.map((e) => [e.id, e]));
  return {
    verdict: r.verdict,
    incident: r.incidentId,
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    triage: r.triage,
    hypotheses: r.hypotheses.map((h) => hypothesisJson(h, byId)),
    rejected: r.rejected.map((h) => hypothesisJson(h, byId)),
    model,
  };
}

export function registerAnalyze(program: Command, ctx: CommandContext): void {
  program
    .command('analyze')
    .description('rank root-cause hypotheses for an incident or a time window, each tied to its evidence')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--incident <id>', 'analyse this incident’s window')
    .option('--from <iso>', 'window start (with --to)')
    .option('--to <iso>', 'window end (with --from)')
    .option('--model <which>', 'none (deterministic) | local:FILE (a GGUF model) | remote:URL (OpenAI-compatible)', 'none')
    .option('--model-name <name>', 'remote: the model to ask (default: the first the server lists)')
    .option('--api-key-connection <name>', 'remote: take the API key from this saved connection (default: $SITREP_MODEL_API_KEY)')
    .option('--passphrase-file <path>', 'the vault passphrase for --api-key-connection (default: $SITREP_PASSPHRASE)')
    .option('--threads <n>', 'local: inference threads (default: physical cores less one, at least one)', intParser(1, 512))
    .option('--budget <tokens>', 'prompt token budget (default: 1500 local, 4000 remote)', intParser(200, 200_000))
    .option('--json', 'print JSON')
    .option('--save', 'store the engine’s result as the incident’s latest analysis (what the app shows, the postmortem and the report read)')
    .action(async (opts: AnalyzeOpts, cmd: Command) => {
      const spec = parseModelSpec(opts.model);
      if (spec === null) usageError(cmd, `--model ${opts.model}: expected none, local:FILE or remote:URL (http or https)`);
      const db = resolveDbPath(opts.db, ctx.io.env);
      const engine = withStore(db, true, (store) => {
        if (opts.incident) {
          const inc = store.getIncident(opts.incident);
          if (!inc) throw new Error(`no incident ${opts.incident} in ${db}`);
          return analyze(store, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id });
        }
        if (!opts.from || !opts.to) throw new Error('give --incident ID, or --from ISO and --to ISO');
        const from = parseTime(opts.from, '--from');
        const to = parseTime(opts.to, '--to');
        if (to <= from) throw new Error('--to must be after --from');
        return analyze(store, { from, to });
      });
      const { result, report } = await reviewWithModel(engine, spec, {
        dataDir: dirname(db),
        env: ctx.io.env,
        ...(opts.modelName !== undefined ? { modelName: opts.modelName } : {}),
        ...(opts.apiKeyConnection !== undefined ? { apiKeyConnection: opts.apiKeyConnection } : {}),
        ...(opts.passphraseFile !== undefined ? { passphraseFile: opts.passphraseFile } : {}),
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        ...(opts.budget !== undefined ? { budget: opts.budget } : {}),
      });
      if (opts.save) {
        // The deterministic result is what is stored (as the app does); a model's review is printed only.
        withStore(db, false, (store) => saveAnalysis(store, engine));
        ctx.io.err(`saved analysis ${engine.id}${engine.incidentId ? ` of ${engine.incidentId}` : ''} in ${db}\n`);
      }
      if (report.error !== undefined) {
        ctx.io.err(`error: the model review failed: ${report.error}\n`);
        ctx.exit(1);
      }
      if (opts.json) return ctx.io.out(JSON.stringify(analysisJson(result, report), null, 2) + '\n');
      ctx.io.out(`${result.verdict === 'inconclusive' ? 'Inconclusive: nothing stands out.' : 'Hypotheses:'}\n`);
      for (const h of result.hypotheses) {
        ctx.io.out(`  ${h.rank}. [${h.category}] ${h.title} (${Math.round(h.confidence * 100)}%)${h.runbook ? ` → runbook ${h.runbook}` : ''}\n`);
        if (h.explanation) ctx.io.out(`     ${h.explanation.replace(/\n/g, '\n     ')}\n`);
      }
      if (result.rejected.length > 0) ctx.io.out(`Rejected: ${result.rejected.map((h) => `${h.title} (${h.reason ?? 'no reason'})`).join('; ')}\n`);
      for (const line of modelLines(report)) ctx.io.out(`${line}\n`);
  });
}
