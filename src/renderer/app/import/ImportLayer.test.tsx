// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportJobResult, ImportProgress } from '../../../shared/contract-ingest';
import { call, onPush } from '../../api/client';
import { ImportLayer } from './ImportLayer';
import { uploadFile } from './upload';

vi.mock('../../api/client', () => ({ call: vi.fn(), onPush: vi.fn() }));
vi.mock('./upload', () => ({ uploadFile: vi.fn() }));
const callMock = vi.mocked(call);
const onPushMock = vi.mocked(onPush);
const uploadMock = vi.mocked(uploadFile);

let listeners: ((p: ImportProgress) => void)[] = [];
const push = (p: ImportProgress): void => act(() => [...listeners].forEach((l) => l(p)));

function dragEvent(type: string, files: File[] = []): Event {
  const e = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
  return e;
}

const counts = { llm_calls: 0, agent_actions: 0, spans: 0, logs: 0, points: 0, alerts: 2, changes: 0 };
const result = (jobId: string): ImportJobResult => ({
  files: [
    { path: 'alerts.json', format: 'alertmanager-webhook', ok: true, counts: { ...counts, series: 0, incidents: 0, duplicates: 0 }, error: null, tookMs: 3 },
    { path: 'broken.json', format: null, ok: false, counts: { ...counts, alerts: 0, series: 0, incidents: 0, duplicates: 0 }, error: `invalid JSON: Unexpected end (line 4, byte offset 80) ${jobId.slice(0, 0)}`, tookMs: 1 },
  ],
  totals: counts,
  cancelled: false,
});

beforeEach(() => {
  listeners = [];
  onPushMock.mockImplementation(((_event: string, l: (p: ImportProgress) => void) => {
    listeners.push(l);
    return () => (listeners = listeners.filter((x) => x !== l));
  }) as typeof onPush);
  callMock.mockReset();
  uploadMock.mockReset();
});
afterEach(() => {
  cleanup();
  delete window.sitrepFiles;
});

describe('ImportLayer', () => {
  it('shows the drop overlay while files are dragged over the window', () => {
    render(<ImportLayer />);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    act(() => void window.dispatchEvent(dragEvent('dragenter')));
    expect(screen.getByTestId('drop-overlay').textContent).toMatch(/Drop files to import/);
    act(() => void window.dispatchEvent(dragEvent('dragleave')));
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
  });

  it('desktop: imports dropped files by path, shows progress with Cancel, then the result per file', async () => {
    window.sitrepFiles = { pathFor: (f) => `/home/me/${f.name}` };
    let jobId = '';
    callMock.mockImplementation((async (channel: string, input: { jobId?: string }) => {
      if (channel === 'import.paths') {
        jobId = input.jobId ?? '';
        return { jobId, files: 2 };
      }
      return { cancelled: true };
    }) as typeof call);
    render(<ImportLayer />);
    const files = [new File(['{}'], 'alerts.json'), new File(['{'], 'broken.json')];
    act(() => void window.dispatchEvent(dragEvent('dragenter')));
    act(() => void window.dispatchEvent(dragEvent('drop', files)));
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('import.paths', { paths: ['/home/me/alerts.json', '/home/me/broken.json'], names: ['alerts.json', 'broken.json'], jobId: expect.any(String) }));
    push({ jobId, file: 'alerts.json', fileIndex: 0, fileCount: 2, phase: 'read', bytesDone: 50, bytesTotal: 200, done: false });
    expect(screen.getByTestId('import-progress').textContent).toMatch(/1\/2 alerts\.json.*25%/);
    push({ jobId: 'job-someone-else', file: 'x', bytesDone: 1, bytesTotal: 1, done: false });
    expect(screen.getByTestId('import-progress').textContent).toMatch(/25%/);
    fireEvent.click(screen.getByTestId('import-cancel'));
    expect(callMock).toHaveBeenCalledWith('import.cancel', { jobId });
    push({ jobId, file: 'broken.json', bytesDone: 0, bytesTotal: 0, done: true, result: result(jobId) });
    const summary = await screen.findByTestId('import-result');
    expect(summary.textContent).toMatch(/1 of 2 files imported/);
    expect(summary.textContent).toMatch(/ok alerts\.json.*2 alerts/);
    expect(summary.textContent).toMatch(/rejected broken\.json.*line 4, byte offset 80/);
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('browser: uploads each file, and Cancel aborts the upload', async () => {
    const abort = vi.fn();
    let reject: (e: Error) => void = () => undefined;
    uploadMock.mockImplementation((_file, jobId, onProgress) => {
      onProgress(10, 40);
      return { done: new Promise<ImportJobResult>((_res, rej) => (reject = rej)), abort: () => { abort(jobId); reject(new Error('upload cancelled')); } };
    });
    callMock.mockResolvedValue({ cancelled: false } as never);
    render(<ImportLayer />);
    act(() => void window.dispatchEvent(dragEvent('drop', [new File(['x'], 'a.yaml'), new File(['y'], 'b.yaml')])));
    expect((await screen.findByTestId('import-progress')).textContent).toMatch(/a\.yaml.*25%/);
    fireEvent.click(screen.getByTestId('import-cancel'));
    const summary = await screen.findByTestId('import-result');
    expect(abort).toHaveBeenCalledTimes(1);
    expect(uploadMock).toHaveBeenCalledTimes(1);
    expect(summary.textContent).toMatch(/Import cancelled/);
    expect(summary.textContent).toMatch(/rejected a\.yaml.*upload cancelled/);
    expect(summary.textContent).toMatch(/rejected b\.yaml.*cancelled; nothing was written/);
  });
});
