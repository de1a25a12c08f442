/**
 * Talking to the core about bundles: the chunked upload (a request body is at most 1 MiB), the
 * export after a step-up, and a review copy's bundle journal.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_APP_BUNDLE_BYTES, UPLOAD_CHUNK_BYTES, type BundleOpener, type BundleSealing } from '../../../shared/contract-bundle';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { newUploadId, toBase64 } from './bytes';

export const bundleKeys = {
  journal: (incidentId: string) => ['incidents', 'bundle-journal', incidentId] as const,
};

/** Sends a file's bytes in order; resolves with the upload's id. */
export async function uploadBundle(file: Blob, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<string> {
  if (file.size === 0) throw new Error('The file is empty');
  if (file.size > MAX_APP_BUNDLE_BYTES) throw new Error(`The file is over the app's ${MAX_APP_BUNDLE_BYTES / 1024 / 1024} MiB limit: open it with \`sitrep bundle open\``);
  const uploadId = newUploadId();
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    if (signal?.aborted) throw new Error('cancelled');
    const chunk = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    await call('bundle.upload', { uploadId, offset, total: file.size, data: toBase64(chunk) });
    onProgress(Math.min(file.size, offset + chunk.length), file.size);
  }
  return uploadId;
}

export function useInspectBundle() {
  return useMutation({ mutationFn: (input: { uploadId: string; opener?: BundleOpener }) => call('bundle.inspect', input) });
}

export function useOpenBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { uploadId: string; opener: BundleOpener }) => call('bundle.open', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.incidents }),
  });
}

export function discardUpload(uploadId: string): void {
  void call('bundle.discard', { uploadId }).catch(() => undefined);
}

export interface ExportRequest {
  incidentId: string;
  sealing: BundleSealing;
  includeJournal: boolean;
  password: string;
  code: string;
}

/** A fresh step-up releases the operator's key for this one signature; then the core exports. */
export function useExportBundle() {
  return useMutation({
    mutationFn: async (r: ExportRequest) => {
      const { grantId } = await call('auth.stepUp', { password: r.password, code: r.code });
      return call('bundle.export', { incidentId: r.incidentId, sealing: r.sealing, grantId, includeJournal: r.includeJournal });
    },
  });
}

export function useBundleJournal(incidentId: string | null) {
  return useQuery({
    queryKey: bundleKeys.journal(incidentId ?? ''),
    queryFn: () => call('bundle.journal', { incidentId: incidentId ?? '' }),
    enabled: incidentId !== null,
    staleTime: Infinity,
  });
}
