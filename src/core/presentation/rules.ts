/**
 * Which fields presentation mode masks whole (prompt and completion text, LLM and tool message
 * bodies, file paths), and the words shown inside masks. Patterns for secrets, emails, IPs and
 * user ids come from the model redactor (../model/redact/patterns.ts), not from here.
 */
import type { PresentationCategories } from '../../shared/contract-presentation';

/** The word inside a mask for each class of the model redactor's patterns. */
export const PATTERN_LABEL: Readonly<Record<string, string>> = {
  private_key: 'private key',
  jwt: 'token',
  bearer: 'token',
  password: 'password',
  api_key: 'key',
  secret: 'secret',
  user_id: 'user',
  email: 'email',
  ipv4: 'ip',
  ipv6: 'ip',
};

export const PROMPT = 'prompt';
export const COMPLETION = 'completion';
export const EXCERPT = 'excerpt';
export const USER = 'user';
export const PATH = 'path';

/** Fields masked whole by name, wherever they appear, and the category that switches it (null: always). */
export const WHOLE_FIELDS: Readonly<Record<string, { label: string; category: keyof PresentationCategories | null }>> = {
  inputpreview: { label: PROMPT, category: 'prompts' },
  outputpreview: { label: COMPLETION, category: 'prompts' },
  // A file path on this machine names the user's home folder; no one watching needs it.
  path: { label: PATH, category: null },
};

/** Attribute key segments (split on `.`) that carry message text: OTel GenAI, OpenInference, OpenLLMetry. */
const PROMPT_SEGMENTS = new Set([
  'prompt',
  'prompts',
  'completion',
  'completions',
  'messages',
  'input_messages',
  'output_messages',
  'system_instructions',
  'prompt_template',
  'arguments',
  'content',
  'parameters',
  'result',
  'documents',
]);
const PROMPT_KEYS = /^(?:input\.value|output\.value|ai\.response\.text|.*\.entity\.(?:input|output)|tool\.(?:input|output)|tool_input|tool_output)$/;

/** Does an attribute with this key hold prompt, completion or tool message text? */
export function isPromptKey(lowerKey: string): boolean {
  if (PROMPT_KEYS.test(lowerKey)) return true;
  for (const seg of lowerKey.split('.')) if (PROMPT_SEGMENTS.has(seg)) return true;
  return false;
}

/** The word shown inside a mask for a sensitive label: the label's own name, kept short. */
export function labelWord(key: string): string {
  const clean = key.replace(/[^A-Za-z0-9_.:/-]/g, '').slice(0, 24);
  return clean === '' ? 'label' : clean;
}

/** Text quoted with typographic quotes (how the engine quotes prompt excerpts in evidence). */
export const QUOTED_RE = /“([^”\n]{1,2000})”/g;
