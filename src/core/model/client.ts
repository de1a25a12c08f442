/** What the review needs from a model, local or remote. */

/** A bounded JSON schema (every string has maxLength, every array maxItems). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface GenerateRequest {
  system: string;
  user: string;
  /** Enforced as a grammar by local models; sent as `response_format` (or validated) remotely. */
  schema: JsonSchema | null;
  maxTokens: number;
  signal?: AbortSignal;
  /** Each piece of text as it is generated. */
  onToken?: (text: string) => void;
}

export interface GenerateResult {
  text: string;
  /** Tokens generated, when the backend says. */
  tokens: number | null;
  firstTokenMs: number | null;
  totalMs: number;
  /** Bytes of request bodies that left the machine (all attempts); 0 for local models. */
  bytesSent: number;
}

export interface ModelClient {
  readonly kind: 'local' | 'remote';
  /** `local:<file name>` or `remote:<host>`. */
  readonly label: string;
  /** Host that receives the prompt (remote), or null. */
  readonly egressHost: string | null;
  /** Exact for local models (their tokenizer); a conservative over-estimate for remote ones. */
  countTokens(text: string): Promise<number>;
  generate(req: GenerateRequest): Promise<GenerateResult>;
}

/** Default prompt budgets: local models are small and slow, remote ones get more room. */
export const DEFAULT_LOCAL_BUDGET = 1500;
export const DEFAULT_REMOTE_BUDGET = 4000;
