/**
 * Worker-thread entry of the local model: loads the GGUF file with node-llama-cpp and serves
 * tokenize / generate / cancel / unload requests from ./local-model.ts. Never runs on the UI
 * thread or in a renderer. Every message is parsed before it is acted on.
 */
import { parentPort } from 'node:worker_threads';
import { createEngine, EngineError } from './engine';
import { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the model worker must run as a worker thread');
const post = (m: FromWorker): void => port.postMessage(FromWorker.parse(m));

const engine = createEngine();
const running = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

function fail(id: number, err: unknown): void {
  const code = err instanceof EngineError ? err.code : 'generate_failed';
  post({ type: 'error', id, code, message: (err instanceof Error ? err.message : String(err)).slice(0, 4096) });
}

port.on('message', (raw: unknown) => {
  const parsed = ToWorker.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : 0;
    post({ type: 'error', id, code: 'bad_message', message: `bad message: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
    return;
  }
  const m = parsed.data;
  switch (m.type) {
    case 'cancel':
      running.get(m.id)?.abort();
      return;
    case 'tokenize':
      try {
        post({ type: 'tokens', id: m.id, count: engine.tokenize(m.text) });
      } catch (err) {
        fail(m.id, err);
      }
      return;
    case 'load':
      queue = queue.then(() => engine.load(m.path, m.contextSize, m.threads).then((info) => post({ type: 'loaded', id: m.id, info }), (err: unknown) => fail(m.id, err)));
      return;
    case 'unload':
      queue = queue.then(() => engine.unload().then(() => post({ type: 'unloaded', id: m.id }), (err: unknown) => fail(m.id, err)));
      return;
    case 'generate': {
      // Registered now, so a cancel that arrives while queued stops it before it starts.
      const ac = new AbortController();
      running.set(m.id, ac);
      queue = queue.then(async () => {
        try {
          const res = await engine.generate({
            system: m.system,
            user: m.user,
            schema: m.schema,
            maxTokens: m.maxTokens,
            temperature: m.temperature,
            ...(m.seed !== undefined ? { seed: m.seed } : {}),
            signal: ac.signal,
            onChunk: (text) => post({ type: 'chunk', id: m.id, text }),
          });
          post({ type: 'generated', id: m.id, ...res });
        } catch (err) {
          fail(m.id, err);
        } finally {
          running.delete(m.id);
        }
      });
      return;
    }
  }
});
