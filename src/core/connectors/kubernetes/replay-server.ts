/**
 * For client tests only: a loopback `node:http` server that answers recorded or documented
 * payloads by path and records each request (method, path, query, headers, body).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}
export type Reply = { status?: number; body: unknown; raw?: boolean };
export type Route = (req: Seen) => Reply | undefined;

export interface ReplayServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startReplay(route: Route): Promise<ReplayServer> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const s: Seen = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      const r = route(s) ?? { status: 404, body: { message: 'not found' } };
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
      res.end(r.raw ? String(r.body) : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
