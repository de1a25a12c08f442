/**
 * A loopback server speaking the OpenAI chat-completions protocol, for tests and the benchmark:
 * `/v1/models`, `/v1/chat/completions` streamed (SSE) or not, backed by any generator (scripted
 * text, or a real local model), with fault modes queued per chat request. It counts connections,
 * so a test can prove that nothing was opened.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import type { ModelClient } from '../client';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'slowFirstByte'; ms: number }
  | { kind: 'cutMidStream'; afterChunks: number }
  | { kind: 'garbage' }
  | { kind: 'wrongShape' }
  | { kind: 'noStream' }
  | { kind: 'refuseJsonSchema' };

export const ChatRequest = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })).min(1),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().min(1).optional(),
  temperature: z.number().optional(),
  response_format: z.object({ type: z.string(), json_schema: z.object({ name: z.string(), schema: z.record(z.string(), z.unknown()) }).optional() }).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

/** Produces the answer, calling `emit` per piece; returns the whole text. */
export type Generator = (req: ChatRequest, emit: (piece: string) => void, signal: AbortSignal) => Promise<string>;

export function scripted(text: string, pieceChars = 8): Generator {
  return async (_req, emit) => {
    for (let i = 0; i < text.length; i += pieceChars) emit(text.slice(i, i + pieceChars));
    return text;
  };
}

/** A real model behind the protocol: the schema in response_format becomes its grammar. */
export function fromModel(model: ModelClient): Generator {
  return async (req, emit, signal) => {
    const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    const user = req.messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n');
    const r = await model.generate({ system, user, schema: req.response_format?.json_schema?.schema ?? null, maxTokens: req.max_tokens ?? 512, signal, onToken: emit });
    return r.text;
  };
}

export interface ServerStats {
  connections: number;
  requests: number;
  chatRequests: number;
  /** Raw bodies of chat requests, in order. */
  bodies: string[];
  /** Authorization / api-key headers seen. */
  auth: string[];
}

export interface OpenAiServer {
  url: string;
  stats: ServerStats;
  /** Faults applied to the next chat requests, one each, in order. */
  queueFaults(...faults: Fault[]): void;
  setGenerator(g: Generator): void;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startOpenAiServer(opts: { generate: Generator; models?: string[]; apiKey?: string }): Promise<OpenAiServer> {
  const stats: ServerStats = { connections: 0, requests: 0, chatRequests: 0, bodies: [], auth: [] };
  const faults: Fault[] = [];
  let generate = opts.generate;
  const models = opts.models ?? ['tiny'];
  const sockets = new Set<Socket>();
  let seq = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  async function chat(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    stats.chatRequests += 1;
    stats.bodies.push(raw);
    const fault = faults.shift();
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(raw);
    } catch {
      return json(res, 400, { error: { message: 'body is not JSON' } });
    }
    const parsed = ChatRequest.safeParse(parsedJson);
    if (!parsed.success) return json(res, 400, { error: { message: `bad request: ${parsed.error.issues[0]?.message ?? ''}` } });
    const body = parsed.data;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}) });
      return void res.end(fault.body ?? JSON.stringify({ error: { message: `injected ${fault.status}` } }));
    }
    if (fault?.kind === 'refuseJsonSchema' && body.response_format) {
      return json(res, 400, { error: { message: "response_format 'json_schema' is not supported by this server" } });
    }
    if (fault?.kind === 'slowFirstByte') await sleep(fault.ms);
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('<html>Bad gateway</html>');
    }
    if (fault?.kind === 'wrongShape') return json(res, 200, { result: 'ok', output: 'not what you expected' });
    const ac = new AbortController();
    res.on('close', () => ac.abort());
    const id = `chatcmpl-${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream || fault?.kind === 'noStream') {
      const text = await generate(body, () => undefined, ac.signal);
      return json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: text.length, total_tokens: text.length },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(chunk({ role: 'assistant' }, null));
    let sent = 0;
    let cut = false;
    try {
      await generate(
        body,
        (piece) => {
          if (ac.signal.aborted) return;
          if (cut) return;
          if (fault?.kind === 'cutMidStream' && sent >= fault.afterChunks) {
            cut = true;
            return;
          }
          sent += 1;
          res.write(chunk({ content: piece }, null));
        },
        ac.signal,
      );
    } catch {
      // The client went away or the generator was cancelled.
    }
    if (cut) {
      // Let the pieces already written reach the client, then drop the connection mid-answer.
      await sleep(100);
      res.socket?.destroy();
      return;
    }
    if (ac.signal.aborted) return;
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req, res) => {
    stats.requests += 1;
    const auth = req.headers.authorization ?? req.headers['api-key'];
    if (typeof auth === 'string') stats.auth.push(auth);
    if (opts.apiKey !== undefined && auth !== `Bearer ${opts.apiKey}` && auth !== opts.apiKey) {
      return json(res, 401, { error: { message: 'invalid api key' } });
    }
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') return json(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', owned_by: 'sitrep-test' })) });
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void chat(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => res.destroy()));
      return;
    }
    json(res, 404, { error: { message: `no route ${req.method} ${path}` } });
  });
  server.on('connection', (s: Socket) => {
    stats.connections += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats,
    queueFaults: (...f) => void faults.push(...f),
    setGenerator: (g) => {
      generate = g;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
