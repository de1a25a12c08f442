/** Serves the built renderer: GET/HEAD only, traversal-safe, SPA fallback, index.html never cached. */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pickStaticFile } from '../security/static-files';
import { sendText, withSecurityHeaders } from './respond';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const pick = pickStaticFile(rendererDir, pathname, isFile);
  switch (pick.kind) {
    case 'forbidden':
      sendText(res, 403, 'Forbidden\n');
      return;
    case 'not_found':
      sendText(res, 404, 'Not found\n');
      return;
    case 'file': {
      withSecurityHeaders(res);
      res.writeHead(200, {
        'Content-Type': pick.contentType,
        'Content-Length': String(statSync(pick.path).size),
        'Cache-Control': pick.isIndex ? 'no-store' : 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(pick.path);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
      return;
    }
    default: {
      const never: never = pick;
      throw new Error(`unhandled ${String(never)}`);
    }
  }
}
