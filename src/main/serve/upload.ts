/**
 * POST /api/import (browser host): a file's raw bytes as the body, its name in
 * `X-Sitrep-Filename` (URI-encoded), optionally the client's job id in `X-Sitrep-Job-Id` (so it
 * can cancel through `import.cancel` and follow `import.progress`). The body is streamed to a
 * private temp file (at most MAX_UPLOAD_BYTES), imported through the same `import.paths` job as a
 * desktop drop, and removed afterwards. Answers the job's result as an envelope. Behind the same
 * token, Origin and Host guards as /api/invoke (checked by the host before routing here).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ImportProgress, JobId, type ImportJobResult } from '../../shared/contract-ingest';
import { fail, ok, type Envelope } from '../../shared/envelope';
import type { Core } from '../../core/app/assemble';
import type { SenderInfo } from '../../core/contract/handlers';
import { sendEnvelope } from './respond';

export const UPLOAD_PATH = '/api/import';
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function fileName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const name = basename(decodeURIComponent(raw)).trim();
    const control = [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
    return name.length > 0 && name.length <= 255 && !control ? name : null;
  } catch {
    return null;
  }
}

/** Streams the body to `path`; false when it was larger than `limit` or the client went away. */
function saveBody(req: IncomingMessage, path: string, limit: number): Promise<'ok' | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const out = createWriteStream(path, { mode: 0o600, flags: 'wx' });
    let size = 0;
    let settled = false;
    const finish = (r: 'ok' | 'too_large' | 'aborted'): void => {
      if (settled) return;
      settled = true;
      if (r !== 'ok') {
        req.unpipe(out);
        out.destroy();
      }
      resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish('too_large');
    });
    req.on('aborted', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
    out.on('error', () => finish('aborted'));
    out.on('finish', () => finish('ok'));
    req.pipe(out);
  });
}

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  core: Pick<Core, 'dispatch' | 'onPush'>,
  sender: SenderInfo,
  limit = MAX_UPLOAD_BYTES,
): Promise<void> {
  if (req.method !== 'POST') return sendEnvelope(res, 405, fail('bad_input', `Use POST for ${UPLOAD_PATH}`), { Allow: 'POST' });
  const name = fileName(header(req, 'x-sitrep-filename'));
  if (name === null) return sendEnvelope(res, 400, fail('bad_input', 'X-Sitrep-Filename must name the file (URI-encoded, at most 255 characters)'));
  const givenJob = header(req, 'x-sitrep-job-id');
  const job = givenJob === undefined ? randomBytes(9).toString('base64url') : JobId.safeParse(givenJob).data;
  if (job === undefined) return sendEnvelope(res, 400, fail('bad_input', 'X-Sitrep-Job-Id must be 8–64 letters, digits, _ or -'));
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    sendEnvelope(res, 413, fail('bad_input', `The file is over the ${limit}-byte upload limit`), { Connection: 'close' });
    req.resume();
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-upload-'));
  let reply: { status: number; env: Envelope<unknown>; extra?: Record<string, string> } | null = null;
  try {
    const path = join(dir, 'upload');
    const saved = await saveBody(req, path, limit);
    if (saved === 'too_large') {
      reply = { status: 413, env: fail('bad_input', `The file is over the ${limit}-byte upload limit`), extra: { Connection: 'close' } };
    } else if (saved === 'ok') {
      reply = await importSaved(core, sender, path, name, job);
    }
  } finally {
    // Removed before answering: when the client hears back, nothing of the upload is left on disk.
    await rm(dir, { recursive: true, force: true });
  }
  if (reply) sendEnvelope(res, reply.status, reply.env, reply.extra);
}

async function importSaved(
  core: Pick<Core, 'dispatch' | 'onPush'>,
  sender: SenderInfo,
  path: string,
  name: string,
  job: string,
): Promise<{ status: number; env: Envelope<unknown> }> {
  let resolveDone: (r: ImportJobResult) => void = () => undefined;
  const done = new Promise<ImportJobResult>((r) => (resolveDone = r));
  const off = core.onPush((event, payload) => {
    if (event !== 'import.progress') return;
    const p = ImportProgress.safeParse(payload);
    if (p.success && p.data.jobId === job && p.data.done && p.data.result) resolveDone(p.data.result);
  });
  try {
    const started = await core.dispatch('import.paths', { paths: [path], names: [name], jobId: job }, sender);
    if (!started.ok) return { status: started.error.code === 'forbidden' ? 403 : 400, env: started };
    return { status: 200, env: ok(await done) };
  } finally {
    off();
  }
}
