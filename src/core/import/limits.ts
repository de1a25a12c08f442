/** Limits of the JSON import. Files are hostile: every limit is checked before the expensive step. */
export interface ImportLimits {
  /** Largest JSON Lines file, streamed line by line. */
  maxJsonlBytes: number;
  /** Largest single JSON document, parsed in memory. */
  maxDocumentBytes: number;
  /** Longest line of a JSON Lines file. */
  maxLineBytes: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Errors kept in a report (the rest are counted). */
  maxErrors: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxJsonlBytes: 512 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxLineBytes: 1024 * 1024,
  maxDepth: 32,
  maxErrors: 100,
};
