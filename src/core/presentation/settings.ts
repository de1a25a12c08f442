/**
 * Presentation settings, kept as JSON in the data folder (`presentation.json`): what is masked,
 * the labels marked sensitive, and which seats are presenting (so a restarted host does not
 * show a presenting commander's screen unmasked). An unreadable file is never overwritten: the
 * defaults (everything masked) apply and the problem is reported until it is fixed or deleted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PresentationSettings } from '../../shared/contract-presentation';

export const PRESENTATION_FILE = 'presentation.json';

export const DEFAULT_SETTINGS: PresentationSettings = {
  categories: { secrets: true, emails: true, ips: true, userIds: true, prompts: true },
  sensitiveLabels: [],
};

const StoredFile = z
  .object({
    version: z.literal(1),
    settings: PresentationSettings,
    presenting: z.array(z.string().max(128)).max(64),
  })
  .strict();
type StoredFile = z.infer<typeof StoredFile>;

export interface Stored {
  settings: PresentationSettings;
  presenting: string[];
  /** Why the file could not be used, or null. */
  problem: string | null;
}

export interface SettingsFile {
  load(): Stored;
  /** Writes atomically; throws (with a message a person can act on) when it cannot. */
  save(s: { settings: PresentationSettings; presenting: string[] }): void;
}

const fresh = (): Stored => ({ settings: structuredClone(DEFAULT_SETTINGS), presenting: [], problem: null });

/** The settings file beside the store, or a memory-only one for an in-memory store (dataDir null). */
export function presentationSettingsFile(dataDir: string | null): SettingsFile {
  if (dataDir === null) {
    let memory = fresh();
    return {
      load: () => structuredClone(memory),
      save: (s) => {
        memory = { ...structuredClone(s), problem: null };
      },
    };
  }
  const file = join(dataDir, PRESENTATION_FILE);
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') return fresh();
        return { ...fresh(), problem: `Cannot read ${PRESENTATION_FILE}: ${(err as Error).message}` };
      }
      if (text.length > 256 * 1024) return { ...fresh(), problem: `${PRESENTATION_FILE} is larger than 256 KB: it is not a settings file; fix or delete it` };
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { ...fresh(), problem: `${PRESENTATION_FILE} is not valid JSON: fix or delete it (everything is masked meanwhile)` };
      }
      const parsed = StoredFile.safeParse(json);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first ? `${first.path.join('.') || 'file'}: ${first.message}` : 'invalid';
        return { ...fresh(), problem: `${PRESENTATION_FILE} is invalid (${where}): fix or delete it (everything is masked meanwhile)` };
      }
      return { settings: parsed.data.settings, presenting: parsed.data.presenting, problem: null };
    },
    save(s) {
      const doc: StoredFile = StoredFile.parse({ version: 1, settings: s.settings, presenting: s.presenting });
      mkdirSync(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(doc, null, 2) + '\n', { mode: 0o600 });
      renameSync(tmp, file);
    },
  };
}
