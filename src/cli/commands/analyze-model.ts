/**
 * The model side of `sitrep analyze`: `--model none|local:FILE|remote:URL`. Opens the model
 * (a GGUF file in a worker thread, or an OpenAI-compatible endpoint with the prompt redacted),
 * reviews the engine's result, and describes what ran and what left the machine.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AnalysisResult, DroppedClaim } from '../../shared/hypotheses';
import { redactionWords } from '../../shared/redaction-words';
import { createConnectionService } from '../../core/connections/service';
import { DEFAULT_LOCAL_BUDGET, DEFAULT_REMOTE_BUDGET, type ModelClient } from '../../core/model/client';
import { defaultThreads } from '../../core/model/local/cores';
import { loadLocalModel } from '../../core/model/local/local-model';
import { fileSha256, openRemote, recording, type GenerationFigures } from '../../core/model/open';
import { reviewAnalysis } from '../../core/model/review';
import { apiKeyFromConnection, loadModelSettings, type ModelSettings } from '../../core/model/settings';
import { CliFailure } from './context';

export type ModelSpec = { kind: 'none' } | { kind: 'local'; file: string } | { kind: 'remote'; url: string };

/** `none`, `local:FILE` or `remote:URL`; null when it is none of them. */
export function parseModelSpec(value: string): ModelSpec | null {
  if (value === 'none') return { kind: 'none' };
  if (value.startsWith('local:') && value.length > 'local:'.length) return { kind: 'local', file: value.slice('local:'.length) };
  if (value.startsWith('remote:')) {
    const url = value.slice('remote:'.length);
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') return { kind: 'remote', url };
    } catch {
      return null;
    }
  }
  return null;
}

export interface ModelRunOptions {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  modelName?: string;
  apiKeyConnection?: string;
  passphraseFile?: string;
  threads?: number;
  budget?: number;
  /** Each piece of the answer as it streams. */
  onToken?: (text: string) => void;
}

/** The `model` object of the JSON output. */
export interface ModelReport {
  kind: 'none' | 'local' | 'remote';
  file?: string;
  sha256?: string;
  url?: string;
  parameters?: Record<string, string | number | boolean | null>;
  summary?: string;
  dropped?: DroppedClaim[];
  egress?: { host: string; bytes: number; redacted: Record<string, number> } | null;
  figures?: GenerationFigures | null;
  durationMs?: number;
  error?: string;
}

function settingsOf(dataDir: string): ModelSettings {
  try {
    return loadModelSettings(dataDir);
  } catch (err) {
    throw new CliFailure(err instanceof Error ? err.message : String(err));
  }
}

async function apiKey(opts: ModelRunOptions): Promise<string | null> {
  if (!opts.apiKeyConnection) {
    const k = opts.env.SITREP_MODEL_API_KEY;
    return k !== undefined && k !== '' ? k : null;
  }
  let pass = opts.env.SITREP_PASSPHRASE ?? '';
  if (opts.passphraseFile) {
    try {
      pass = readFileSync(opts.passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new CliFailure(`cannot read the passphrase file: ${(err as Error).message}`);
    }
  }
  if (pass === '') throw new CliFailure('--api-key-connection needs the vault passphrase: set SITREP_PASSPHRASE or use --passphrase-file');
  const svc = createConnectionService({ dataDir: opts.dataDir, host: 'browser' });
  try {
    await svc.vault.unlock(pass);
    const key = apiKeyFromConnection(svc.get(opts.apiKeyConnection));
    if (key === null) throw new CliFailure(`the connection "${opts.apiKeyConnection}" holds no token or API key`);
    return key;
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    throw new CliFailure(`cannot read the API key from the connection "${opts.apiKeyConnection}": ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    svc.vault.lock();
  }
}

const failure = (err: unknown): CliFailure => new CliFailure(err instanceof Error ? err.message : String(err));

/** Reviews `result` with the chosen model. Failures to open the model throw; a failed review is reported in `review.error`. */
export async function reviewWithModel(result: AnalysisResult, spec: ModelSpec, opts: ModelRunOptions): Promise<{ result: AnalysisResult; report: ModelReport }> {
  if (spec.kind === 'none') return { result, report: { kind: 'none' } };
  const settings = settingsOf(opts.dataDir);
  let client: ModelClient;
  let close: () => Promise<void>;
  let report: ModelReport;
  let budget: number;
  if (spec.kind === 'local') {
    const path = resolve(spec.file);
    const threads = opts.threads ?? settings.local.threads ?? defaultThreads();
    budget = opts.budget ?? (settings.local.path === null ? DEFAULT_LOCAL_BUDGET : settings.local.budgetTokens);
    const sha256 = await fileSha256(path).catch((err: unknown) => {
      throw new CliFailure(`cannot read the model file ${path}: ${err instanceof Error ? err.message : String(err)}`);
    });
    const model = await loadLocalModel({ path, threads, contextSize: settings.local.contextSize }).catch((err: unknown) => {
      throw failure(err);
    });
    client = model;
    close = () => model.unload();
    report = {
      kind: 'local',
      file: basename(path),
      sha256,
      parameters: {
        threads: model.info.threads,
        contextSize: model.info.contextSize,
        trainContextSize: model.info.trainContextSize,
        chatWrapper: model.info.chatWrapper,
        hasChatTemplate: model.info.hasChatTemplate,
        budgetTokens: budget,
        temperature: 0,
        redaction: settings.local.redact,
      },
    };
  } else {
    if (settings.offline || opts.env.SITREP_OFFLINE === '1') {
      throw new CliFailure(`Sitrep is offline (the network switch is off): nothing was sent to ${new URL(spec.url).host}. Turn it on in the model settings, or use --model local:FILE.`);
    }
    const key = await apiKey(opts);
    budget = opts.budget ?? settings.remote?.budgetTokens ?? DEFAULT_REMOTE_BUDGET;
    const remote = await openRemote(spec.url, { apiKey: key, offline: () => false, model: opts.modelName ?? null }).catch((err: unknown) => {
      throw failure(err);
    });
    client = remote;
    close = () => remote.close();
    report = {
      kind: 'remote',
      url: spec.url,
      parameters: { model: remote.config.model, budgetTokens: budget, temperature: remote.config.temperature, stream: remote.config.stream, apiKey: key !== null, redaction: true },
    };
  }
  const rec = recording(client);
  try {
    const reviewed = await reviewAnalysis(result, rec.client, {
      budgetTokens: budget,
      redaction: spec.kind === 'remote' ? settings.redaction : settings.local.redact ? settings.redaction : false,
      ...(opts.onToken ? { onToken: opts.onToken } : {}),
    });
    const r = reviewed.review;
    return {
      result: reviewed,
      report: {
        ...report,
        summary: r?.summary ?? '',
        dropped: r?.dropped ?? [],
        egress: r?.egress ?? null,
        figures: rec.last(),
        durationMs: r?.durationMs ?? 0,
        ...(r?.error !== undefined ? { error: r.error } : {}),
      },
    };
  } finally {
    await close();
  }
}

/** The human-readable lines about the review: summary, dropped claims, what left the machine. */
export function modelLines(report: ModelReport): string[] {
  if (report.kind === 'none') return [];
  const out: string[] = [];
  const what = report.kind === 'local' ? `local model ${report.file ?? ''}` : `remote model ${String(report.parameters?.model ?? '')} at ${report.url ?? ''}`;
  out.push(`Model review (${what}${report.durationMs !== undefined ? `, ${(report.durationMs / 1000).toFixed(1)} s` : ''}):`);
  if (report.error !== undefined) out.push(`  failed: ${report.error}`);
  else if (report.summary) for (const line of report.summary.split('\n')) out.push(`  ${line}`);
  const dropped = report.dropped ?? [];
  if (dropped.length > 0) {
    out.push(`Dropped claims (${dropped.length}, not grounded in the evidence):`);
    for (const d of dropped) out.push(`  ✗ ${d.text} [cited: ${d.cited.length > 0 ? d.cited.join(', ') : 'nothing'}] — ${d.reason}`);
  }
  if (report.kind === 'local') out.push('Left the machine: nothing (local model).');
  else if (report.egress) out.push(`Left the machine: ${report.egress.bytes.toLocaleString('en-US')} bytes to ${report.egress.host}; redacted ${redactionWords(report.egress.redacted)}.`);
  const f = report.figures;
  if (f && f.tokens !== null) out.push(`Generated ${f.tokens} tokens, first after ${f.firstTokenMs ?? '?'} ms${f.tokensPerSecond !== null ? `, ${f.tokensPerSecond} tokens/s` : ''}.`);
  return out;
}
