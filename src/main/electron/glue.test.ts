/** The Electron glue with a stand-in `electron` module: IPC sender check and the app:// protocol. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

type IpcHandler = (event: unknown, raw: unknown) => Promise<unknown>;
type ProtocolHandler = (req: Request) => Promise<Response>;
const fake = vi.hoisted(() => ({
  ipc: new Map<string, IpcHandler>(),
  protocols: new Map<string, ProtocolHandler>(),
  privileged: [] as unknown[],
}));

vi.mock('electron', () => ({
  ipcMain: { handle: (ch: string, fn: IpcHandler) => fake.ipc.set(ch, fn) },
  protocol: {
    handle: (scheme: string, fn: ProtocolHandler) => fake.protocols.set(scheme, fn),
    registerSchemesAsPrivileged: (list: unknown[]) => fake.privileged.push(...list),
  },
}));

const { createElectronSeam } = await import('./ipc-seam');
const { registerAppScheme, serveAppProtocol } = await import('./app-protocol');
const { registerContract } = await import('../../core/contract/register');
const { CHANNELS } = await import('../../shared/contract');
const { CONTENT_SECURITY_POLICY } = await import('../security/csp');

describe('Electron IPC seam', () => {
  const mainFrame = { parent: null, processId: 4, frameToken: 'top', url: 'app://sitrep/index.html' };
  const webContents = { mainFrame };
  const win = { isDestroyed: () => false, webContents };
  const dispatch = vi.fn(async (channel: unknown, raw: unknown, sender: unknown) => ({ ok: true as const, value: { channel, raw, sender } }));
  registerContract(createElectronSeam(() => win as never), dispatch);
  const call = (event: unknown) => fake.ipc.get('sitrep:app.info')!(event, { a: 1 });

  it('registers every channel under the sitrep: prefix', () => {
    expect([...fake.ipc.keys()].sort()).toEqual(CHANNELS.map((c) => `sitrep:${c}`).sort());
  });

  it('dispatches calls from the main window top frame on app://sitrep', async () => {
    expect(await call({ sender: webContents, senderFrame: mainFrame })).toEqual({
      ok: true,
      value: { channel: 'app.info', raw: { a: 1 }, sender: { host: 'electron', role: 'operator' } },
    });
  });

  it.each([
    ['a sub-frame', { sender: webContents, senderFrame: { ...mainFrame, parent: mainFrame, frameToken: 'child' } }],
    ['another web contents', { sender: {}, senderFrame: mainFrame }],
    ['a frame that navigated away', { sender: webContents, senderFrame: { ...mainFrame, url: 'https://evil.example/' } }],
    ['a destroyed frame', { sender: webContents, senderFrame: null }],
  ])('refuses %s with forbidden', async (_what, event) => {
    dispatch.mockClear();
    expect(await call(event)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-app-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sitrep</title>');
  writeFileSync(join(dir, 'app.js'), 'x');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  registerAppScheme();
  serveAppProtocol(dir);
  const get = (url: string) => fake.protocols.get('app')!(new Request(url));

  it('registers app as a standard, secure scheme', () => {
    expect(fake.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('serves the renderer with the CSP', async () => {
    const r = await get('app://sitrep/index.html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.text()).toMatch(/Sitrep/);
    expect((await get('app://sitrep/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await get('app://sitrep/incidents/x')).text()).toMatch(/Sitrep/);
  });

  it('refuses traversal and other hosts', async () => {
    expect((await get('app://sitrep/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://sitrep/missing.js')).status).toBe(404);
  });
});
