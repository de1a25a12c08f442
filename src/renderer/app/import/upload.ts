/**
 * Browser host: uploads one file's bytes to `POST /api/import` (same origin, the auth cookie
 * rides along) with XMLHttpRequest, the one browser API that reports upload progress.
 */
import { z } from 'zod';
import { ContractError } from '../../../shared/envelope';
import { ImportJobResult } from '../../../shared/contract-ingest';

const Answer = z.union([z.object({ ok: z.literal(true), value: ImportJobResult }), z.object({ ok: z.literal(false), error: ContractError })]);

export interface Upload {
  done: Promise<ImportJobResult>;
  abort(): void;
}

export function uploadFile(file: File, jobId: string, onProgress: (sent: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportJobResult>((resolve, reject) => {
    xhr.open('POST', '/api/import');
    xhr.withCredentials = true;
    xhr.setRequestHeader('X-Sitrep-Filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('X-Sitrep-Job-Id', jobId);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new Error('the upload did not reach the host'));
    xhr.onabort = () => reject(new Error('upload cancelled'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new Error(`the host answered HTTP ${xhr.status} without a result`));
        return;
      }
      const a = Answer.safeParse(body);
      if (!a.success) reject(new Error(`the host answered HTTP ${xhr.status} with an unexpected result`));
      else if (!a.data.ok) reject(new Error(a.data.error.message));
      else resolve(a.data.value);
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
