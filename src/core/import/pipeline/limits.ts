/**
 * Limits of the import pipeline (every format, by content). Files are hostile: each limit is
 * checked before the expensive step it protects.
 *
 * - maxBytes (512 MiB): the largest file read. The whole file is read into memory once.
 * - maxDepth (64): the deepest nesting of JSON arrays/objects (checked on the text before
 *   JSON.parse) and of YAML collections (checked on the YAML syntax tree before conversion).
 * - maxSkippedLines (5): leading lines that are not part of a JSON document (recorded files
 *   carry metadata lines) that may be skipped to find it.
 * - maxYamlBytes (64 MiB): larger files are never tried as YAML (its parser is ~50× slower than
 *   JSON.parse); maxYamlAliases (10): alias expansions per document ("billion laughs").
 * - maxStringChars: a file whose text would exceed V8's longest string is rejected up front.
 */
export interface PipelineLimits {
  maxBytes: number;
  maxDepth: number;
  maxSkippedLines: number;
  maxYamlBytes: number;
  maxYamlAliases: number;
}

export const PIPELINE_LIMITS: PipelineLimits = {
  maxBytes: 512 * 1024 * 1024,
  maxDepth: 64,
  maxSkippedLines: 5,
  maxYamlBytes: 64 * 1024 * 1024,
  maxYamlAliases: 10,
};

/** Slightly under V8's maximum string length (2^29 − 24 UTF-16 units on 64-bit). */
export const MAX_STRING_CHARS = 2 ** 29 - 1024;
