/** The privileged app://sitrep/ scheme serving the built renderer, with the CSP and traversal protection. */
import { readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../security/app-origin';
import { SECURITY_HEADERS } from '../security/csp';
import { pickStaticFile } from '../security/static-files';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Call after 'ready'. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const pick = pickStaticFile(rendererDir, url.pathname, isFile);
    switch (pick.kind) {
      case 'forbidden':
        return plain(403, 'Forbidden');
      case 'not_found':
        return plain(404, 'Not found');
      case 'file': {
        const headers = {
          ...SECURITY_HEADERS,
          'Content-Type': pick.contentType,
          'Cache-Control': pick.isIndex ? 'no-store' : 'no-cache',
          'Content-Length': String((await stat(pick.path)).size),
        };
        return new Response(request.method === 'HEAD' ? null : await readFile(pick.path), { status: 200, headers });
      }
      default: {
        const never: never = pick;
        return plain(500, `unhandled ${String(never)}`);
      }
    }
  });
}
