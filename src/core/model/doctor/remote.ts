/**
 * The model doctor for an OpenAI-compatible endpoint: reachable (with the precise transport
 * error), the key accepted, the model listed, answers streamed, JSON-schema output supported.
 */
import { ModelError } from '../errors';
import { createRemoteClient, type RemoteClient } from '../remote/openai-client';
import type { RemoteConfig } from '../remote/config';
import { error, ok, warn, type Finding } from './finding';

export interface RemoteDoctorOptions {
  apiKey?: string | null;
  offline?: boolean;
}

const PROBE_SCHEMA = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false };

function transportFinding(err: unknown, host: string): Finding {
  const e = err instanceof ModelError ? err : new ModelError('network', String(err));
  switch (e.code) {
    case 'unauthorized':
      return error('auth', e.message, 'Check the API key in the connection the model settings point to.');
    case 'forbidden':
      return error('auth', e.message, 'Use a key with access to this model (or ask its owner to grant it).');
    case 'dns':
      return error('reachable', e.message, `Check the host name in the URL (${host}).`);
    case 'refused':
      return error('reachable', e.message, 'Start the model server, or fix the port in the URL.');
    case 'tls':
      return error('reachable', e.message, 'Check the URL scheme (http/https) and the server certificate.');
    case 'timeout':
      return error('reachable', e.message, 'Check that the server is up and not overloaded; raise the timeouts for slow models.');
    default:
      return error('reachable', e.message, 'Check that the URL is an OpenAI-compatible endpoint (…/v1).');
  }
}

export async function doctorRemote(config: RemoteConfig, opts: RemoteDoctorOptions = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  const client: RemoteClient = createRemoteClient(config, { apiKey: opts.apiKey ?? null, offline: () => opts.offline === true });
  const host = client.egressHost ?? config.url;
  try {
    if (opts.offline) {
      out.push(error('network', `Sitrep is offline: ${host} was not contacted`, 'Turn the network switch on in Settings to use a remote model, or choose a local model.'));
      return out;
    }
    let listed: string[];
    try {
      listed = await client.listModels();
      out.push(ok('reachable', `${host} answered the model list`));
    } catch (err) {
      out.push(transportFinding(err, host));
      return out;
    }
    if (listed.includes(config.model)) out.push(ok('model', `model "${config.model}" is listed`));
    else {
      const some = listed.slice(0, 8).join(', ');
      out.push(warn('model', `model "${config.model}" is not in the server's list${some ? ` (${some}${listed.length > 8 ? ', …' : ''})` : ''}`, 'Use one of the listed model names exactly as written.'));
    }
    const tiny = { system: 'Answer briefly.', user: 'Say ok.', maxTokens: 16 };
    try {
      const s = await client.chat({ ...tiny, schema: null }, { stream: true, jsonSchema: false, maxTokens: 16 });
      if (s.streamed) out.push(ok('streaming', `answers stream (first token after ${Math.round(s.firstTokenMs ?? 0)} ms)`));
      else out.push(warn('streaming', 'the server answered but did not stream', 'Answers will appear only when complete; enable streaming on the server if it can.'));
    } catch (err) {
      out.push(err instanceof ModelError && (err.code === 'unauthorized' || err.code === 'forbidden') ? transportFinding(err, host) : error('streaming', `a chat completion failed: ${(err as Error).message}`, 'Check the model name and the server logs.'));
      return out;
    }
    try {
      const j = await client.chat({ system: 'Answer in JSON.', user: 'Is this working?', schema: PROBE_SCHEMA, maxTokens: 32 }, { stream: false, jsonSchema: true, maxTokens: 32 });
      if (j.usedJsonSchema) out.push(ok('json_schema', 'response_format json_schema is accepted'));
      else out.push(warn('json_schema', 'the server does not support response_format json_schema', 'Answers are validated after the fact and rejected when malformed; a server with structured output (vLLM, llama.cpp server, OpenAI) is more reliable.'));
    } catch (err) {
      out.push(warn('json_schema', `a JSON-schema request failed: ${(err as Error).message}`, 'Answers will be validated after the fact; check the server supports structured output.'));
    }
    return out;
  } finally {
    await client.close();
  }
}
