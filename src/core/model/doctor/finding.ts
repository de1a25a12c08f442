/** One result of the model doctor, in words a person can act on. */
export interface Finding {
  level: 'ok' | 'warn' | 'error';
  /** Which check: file, memory, context, chat_template, load, grammar, speed, network, reachable, auth, model, streaming, json_schema. */
  check: string;
  message: string;
  /** What to do about it (empty when level is ok). */
  fix: string;
}

export const ok = (check: string, message: string): Finding => ({ level: 'ok', check, message, fix: '' });
export const warn = (check: string, message: string, fix: string): Finding => ({ level: 'warn', check, message, fix });
export const error = (check: string, message: string, fix: string): Finding => ({ level: 'error', check, message, fix });
