/**
 * Text → ParsedInput, by content: a JSON document (possibly after up to `maxSkippedLines`
 * metadata lines), JSON Lines, YAML documents, or plain text. A file that starts like JSON but
 * is not valid JSON is rejected with the line and byte offset of the problem.
 */
import { ImportError, type ParsedInput } from '../formats/types';
import { jsonError, parseJsonText, startsJson, trySkipLines, tryJsonLines } from './json-input';
import type { PipelineLimits } from './limits';
import { tryYaml } from './yaml-input';

export async function buildInput(text: string, limits: PipelineLimits, signal?: AbortSignal): Promise<ParsedInput> {
  if (text.trim() === '') throw new ImportError('file is empty');
  if (startsJson(text)) {
    const whole = parseJsonText(text, limits.maxDepth);
    if (whole.ok) return { kind: 'json', doc: whole.value, skippedLines: 0 };
    const lines = await tryJsonLines(text, limits.maxDepth, signal);
    if (lines && 'input' in lines) return lines.input;
    const skipped = trySkipLines(text, limits.maxSkippedLines, limits.maxDepth);
    if (skipped && 'input' in skipped) return skipped.input;
    throw lines?.error ?? jsonError(text, 0, whole);
  }
  const skipped = trySkipLines(text, limits.maxSkippedLines, limits.maxDepth);
  if (skipped && 'input' in skipped) return skipped.input;
  if (text.length <= limits.maxYamlBytes) {
    const yaml = tryYaml(text, limits.maxDepth, limits.maxYamlAliases);
    if (yaml && 'input' in yaml) return yaml.input;
    if (yaml) throw yaml.error;
  }
  if (skipped) throw skipped.error;
  return { kind: 'text', text };
}
