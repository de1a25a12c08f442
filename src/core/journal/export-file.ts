/**
 * Journal exports asked for from the UI: always written by the core into `<dataDir>/exports/`
 * (folder 0700, files 0600) under a name it chooses, never to a path the renderer sends, so a
 * hostile renderer cannot make the core write (or overwrite) an arbitrary file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Journal } from './journal';

export const EXPORTS_DIR = 'exports';

export interface ExportedFile {
  path: string;
  format: 'encrypted' | 'jsonl';
  entries: number;
  plaintext: boolean;
}

const stamp = (t: number): string => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export async function exportToDataDir(journal: Journal, dataDir: string, format: 'encrypted' | 'jsonl', now: number): Promise<ExportedFile> {
  const dir = join(dataDir, EXPORTS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ext = format === 'jsonl' ? 'jsonl' : 'db';
  let path = join(dir, `journal-${stamp(now)}.${ext}`);
  for (let i = 2; existsSync(path); i++) path = join(dir, `journal-${stamp(now)}-${i}.${ext}`);
  if (format === 'jsonl') return { path, format, entries: journal.exportJsonl(path), plaintext: true };
  const entries = journal.head().seq;
  await journal.exportEncrypted(path);
  return { path, format, entries, plaintext: false };
}
