/**
 * Contract handlers of the model layer: the model settings, the doctor, and streamed reviews.
 * A review takes the incident's latest analysis (running the engine when there is none), asks
 * the chosen model, pushes the answer as it streams (`analysis.review.progress`), and saves the
 * grounded result as a new analysis so `analysis.latest` returns it. Viewers may read the
 * settings but not change them, run the doctor or start a review. The API key is resolved here,
 * inside the core, and never leaves it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { modelChannels, ReviewProgress } from '../../shared/contract-model';
import { ContractFailure } from '../../shared/envelope';
import type { AnalysisResult } from '../../shared/hypotheses';
import { analyze, latestAnalysis, saveAnalysis } from '../analysis';
import { connectionServiceFor } from '../connections/service';
import type { Handler, SenderInfo } from '../contract/handlers';
import type { ModelClient } from '../model/client';
import { doctorLocal } from '../model/doctor/local';
import { doctorRemote } from '../model/doctor/remote';
import { error as errorFinding, warn as warnFinding } from '../model/doctor/finding';
import { loadLocalModel, type LocalModel } from '../model/local/local-model';
import { createRemoteClient } from '../model/remote/openai-client';
import { reviewAnalysis } from '../model/review';
import { resolveApiKey, type ModelSettings } from '../model/settings';
import type { CoreContext, CoreModule } from './context';
import { decisionActor, journalModelExchange } from './decision-journal';
import { fileSha256 } from '../model/open';
import { modelSettingsStore, settingsView } from './model-settings-store';

export type ModelHandlers = { [C in keyof typeof modelChannels]: Handler<C> };

/** Progress pushes at most this often while the answer streams (the last one always goes). */
const PUSH_EVERY_MS = 100;
const MAX_TEXT = 65_536;

interface Job {
  id: string;
  incidentId: string;
  abort: AbortController;
  /** Who asked for it (the journal's actor). */
  actor: string;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 1024);

function operatorOnly(sender: SenderInfo, what: string): void {
  if (sender.role !== 'operator') throw new ContractFailure('forbidden', `Viewers cannot ${what}.`);
}

export function createModelModule(ctx: CoreContext): CoreModule<ModelHandlers> {
  const settings = modelSettingsStore(ctx.dataDir);
  const jobs = new Map<string, Job>();
  /** The local model stays loaded between reviews, until the settings change or the core closes. */
  let local: { key: string; model: Promise<LocalModel> } | null = null;

  const unloadLocal = (): void => {
    const l = local;
    local = null;
    void l?.model.then((m) => m.unload()).catch(() => undefined);
  };

  const localModel = (s: ModelSettings): Promise<LocalModel> => {
    const path = s.local.path;
    if (path === null) throw new ContractFailure('bad_input', 'No local model file is chosen.');
    const key = JSON.stringify([path, s.local.threads, s.local.contextSize]);
    if (local?.key !== key) {
      unloadLocal();
      const model = loadLocalModel({ path, contextSize: s.local.contextSize, ...(s.local.threads !== null ? { threads: s.local.threads } : {}) });
      model.catch(() => {
        if (local?.key === key) local = null;
      });
      local = { key, model };
    }
    return local.model;
  };

  /** What exactly ran, for the journal: the GGUF file's SHA-256 (computed once per file), or a digest of the remote endpoint and model. */
  const fileDigests = new Map<string, Promise<string>>();
  async function modelIdentity(s: ModelSettings): Promise<{ modelSha256: string; model: string; parameters: Record<string, string | number | boolean | null> }> {
    if (s.mode === 'local') {
      const path = s.local.path ?? '';
      let digest = fileDigests.get(path);
      if (digest === undefined) fileDigests.set(path, (digest = fileSha256(path)));
      return { modelSha256: await digest, model: `local:${path.split(/[\\/]/).pop() ?? ''}`, parameters: { threads: s.local.threads, contextSize: s.local.contextSize, budgetTokens: s.local.budgetTokens, grammar: true } };
    }
    const url = s.remote?.url ?? '';
    const model = s.remote?.model ?? '';
    return { modelSha256: createHash('sha256').update(`${url}\n${model}`).digest('hex'), model: `remote:${url}#${model}`, parameters: { budgetTokens: s.remote?.budgetTokens ?? null, redaction: s.redaction !== null } };
  }

  const apiKey = (s: ModelSettings): string | null => resolveApiKey(s, connectionServiceFor(ctx));

  /** The client for the saved choice, with what it costs to close. Throws with words a person can act on. */
  async function openClient(s: ModelSettings): Promise<{ client: ModelClient; close(): Promise<void>; budget: number }> {
    if (s.mode === 'local') return { client: await localModel(s), close: () => Promise.resolve(), budget: s.local.budgetTokens };
    if (s.mode === 'remote' && s.remote !== null) {
      const client = createRemoteClient(s.remote, { apiKey: apiKey(s), offline: () => settings.get().offline });
      return { client, close: () => client.close(), budget: s.remote.budgetTokens };
    }
    throw new ContractFailure('bad_input', 'No model is chosen: pick a local GGUF file or a remote endpoint in the model settings (Connections screen, key c).');
  }

  async function runJob(job: Job, base: AnalysisResult, s: ModelSettings): Promise<void> {
    let text = '';
    let lastPush = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const head = {
      jobId: job.id,
      incidentId: job.incidentId,
      model: s.mode === 'local' ? `local:${(s.local.path ?? '').split(/[\\/]/).pop() ?? ''}` : `remote:${s.remote ? new URL(s.remote.url).host : ''}`,
      egressHost: s.mode === 'remote' && s.remote ? new URL(s.remote.url).host : null,
    };
    const push = (extra: Partial<ReviewProgress> = {}): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      lastPush = Date.now();
      // Finished before it is announced, so a new review may start the moment this one is done.
      if (extra.done === true) jobs.delete(job.id);
      ctx.emit('analysis.review.progress', { ...head, text, done: false, cancelled: false, ...extra });
    };
    const onToken = (piece: string): void => {
      text = (text + piece).slice(0, MAX_TEXT);
      const wait = PUSH_EVERY_MS - (Date.now() - lastPush);
      if (wait <= 0) push();
      else timer ??= setTimeout(() => push(), wait);
    };
    push();
    let exchange: { system: string; user: string; output: string } | null = null;
    try {
      const opened = await openClient(s);
      try {
        const reviewed = await reviewAnalysis(base, opened.client, {
          budgetTokens: opened.budget,
          signal: job.abort.signal,
          onToken,
          redaction: s.mode === 'remote' ? s.redaction : s.local.redact ? s.redaction : false,
          onExchange: (x) => exchange = x,
        });
        const cancelled = job.abort.signal.aborted;
        const failed = reviewed.review?.error;
        if (cancelled || failed !== undefined) {
          push({ done: true, cancelled, ...(failed !== undefined ? { error: cancelled ? 'The review was cancelled.' : failed } : {}), result: reviewed });
          return;
        }
        const saved: AnalysisResult = { ...reviewed, id: `rv-${randomUUID()}`, createdAt: Date.now() };
        saveAnalysis(ctx.store, saved);
        if (exchange !== null) {
          const x: { system: string; user: string; output: string } = exchange;
          const identity = await modelIdentity(s);
          journalModelExchange(ctx, job.actor, { ...x, ...identity, analysisId: saved.id });
        }
        push({ done: true, result: latestAnalysis(ctx.store, base.incidentId, base.from, base.to) ?? saved });
      } finally {
        await opened.close();
      }
    } catch (err) {
      push({ done: true, cancelled: job.abort.signal.aborted, error: message(err) });
    } finally {
      if (timer !== null) clearTimeout(timer);
      jobs.delete(job.id);
    }
  }

  return {
    handlers: {
      'model.settings.get': () => settingsView(settings.get()),
      'model.settings.set': (patch, sender) => {
        operatorOnly(sender, 'change the model settings');
        const before = settings.get();
        const next = settings.patch(patch);
        if (next.mode !== 'local' || JSON.stringify(before.local) !== JSON.stringify(next.local)) unloadLocal();
        return settingsView(next);
      },
      'model.doctor': async (_input, sender) => {
        operatorOnly(sender, 'run the model doctor');
        const s = settings.get();
        if (s.mode === 'local' && s.local.path !== null) {
          const findings = await doctorLocal(s.local.path, { budgetTokens: s.local.budgetTokens, contextSize: s.local.contextSize, ...(s.local.threads !== null ? { threads: s.local.threads } : {}) });
          return { mode: s.mode, target: s.local.path, findings };
        }
        if (s.mode === 'remote' && s.remote !== null) {
          let key: string | null;
          try {
            key = apiKey(s);
          } catch (err) {
            return { mode: s.mode, target: s.remote.url, findings: [errorFinding('auth', `The API key cannot be read: ${message(err)}`, 'Unlock the vault on the Connections screen, or point the key at an environment variable (env:NAME).')] };
          }
          return { mode: s.mode, target: s.remote.url, findings: await doctorRemote(s.remote, { apiKey: key, offline: s.offline }) };
        }
        return { mode: s.mode, target: null, findings: [warnFinding('mode', 'No model is chosen: hypotheses come from the deterministic engine only.', 'Pick a local GGUF file or a remote OpenAI-compatible endpoint.')] };
      },
      'analysis.review.start': ({ incidentId }, sender) => {
        operatorOnly(sender, 'start a model review');
        if (ctx.store.readOnly) throw new ContractFailure('forbidden', 'This incident is open read-only: a review could not be saved.');
        const inc = ctx.store.getIncident(incidentId);
        if (!inc) throw new ContractFailure('not_found', `No incident ${incidentId}`);
        const running = [...jobs.values()].find((j) => j.incidentId === incidentId);
        if (running) return { jobId: running.id };
        const s = settings.get();
        if (s.mode === 'none') throw new ContractFailure('bad_input', 'No model is chosen: pick a local GGUF file or a remote endpoint in the model settings (Connections screen, key c).');
        if (s.mode === 'remote' && s.offline) {
          throw new ContractFailure('forbidden', 'Sitrep is offline (the network switch is off): nothing is sent to a remote model. Turn the switch on in the model settings, or choose a local model.');
        }
        let base = latestAnalysis(ctx.store, inc.id, inc.windowFrom, inc.windowTo);
        if (base === null) {
          base = analyze(ctx.store, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id });
          saveAnalysis(ctx.store, base);
        }
        const job: Job = { id: randomUUID(), incidentId, abort: new AbortController(), actor: decisionActor(ctx, sender) };
        jobs.set(job.id, job);
        void runJob(job, base, s);
        return { jobId: job.id };
      },
      'analysis.review.cancel': ({ jobId }, sender) => {
        operatorOnly(sender, 'cancel a model review');
        const job = jobs.get(jobId);
        if (!job) return { cancelled: false };
        job.abort.abort();
        return { cancelled: true };
      },
    },
    close() {
      for (const j of jobs.values()) j.abort.abort();
      unloadLocal();
    },
  };
}
