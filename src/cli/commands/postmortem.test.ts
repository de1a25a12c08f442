import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../core/journal/journal';
import { postmortemFor } from '../../core/postmortem';
import { readPdf } from '../../core/postmortem/pdf-read';
import { saveEdit } from '../../core/postmortem/storage';
import { openStore } from '../../core/store/store';
import { run } from '../run';
import { testIo } from '../test-io';

const INC = 'INC-2026-0314-001';
const PASS = 'cli postmortem passphrase';
let dir = '';
let db = '';

/** An io whose prompt must not be reached (there is no terminal in a test). */
const io = (env: Record<string, string> = {}) =>
  testIo({ SITREP_HOME: join(dir, 'home'), ...env }, { prompt: (q: string) => Promise.reject(new Error(`${q.replace(/:\s*$/, '')} is needed, but there is no terminal to ask`)) } as object);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-postmortem-'));
  db = join(dir, 'sitrep.db');
  expect(await run(['demo', '--db', db, '--events', '5000'], io())).toBe(0);
  // An edit made in the app, stored beside the draft.
  const store = openStore(db);
  const p = postmortemFor(store, { unavailable: 'test' }, INC, Date.UTC(2026, 2, 14, 6, 0), { persist: true });
  saveEdit(store, p.draft, 'summary', 'Prompt v42 broke structured output; rolled back to v41.', 'ana', Date.UTC(2026, 2, 14, 6, 5));
  store.close();
  // A journal beside the database, with a note naming the incident.
  const j = await openJournal(join(dir, 'journal.db'), { create: true, passphrase: () => Promise.resolve(PASS) });
  j.append({ kind: 'note', actor: 'ana', payload: { text: `Paged the prompt owner for ${INC}` } });
  j.close();
  writeFileSync(join(dir, 'pass.txt'), `${PASS}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sitrep postmortem', () => {
  it('writes Markdown with the edited summary and the journal read with $SITREP_PASSPHRASE', async () => {
    const out = join(dir, 'pm.md');
    const o = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(['postmortem', '--db', db, '--incident', INC, '--format', 'md', '--out', out], o)).toBe(0);
    expect(o.stdout).toMatch(new RegExp(`^wrote the postmortem of ${INC} \\(md, [\\d,]+ bytes, 1 edited section, 1 journal entries\\) to ${out.replace(/[.]/g, '\\.')}\\n$`));
    expect(o.stderr).toBe(`note: no stored analysis of ${INC}: the deterministic engine ran for this draft (not saved)\n`);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('## Summary\n\nPrompt v42 broke structured output; rolled back to v41.\n');
    expect(md).toMatch(new RegExp(`Note by ana: Paged the prompt owner for ${INC} \\[journal #1\\]`));
    for (const h of ['Impact', 'Timeline', 'Root cause', 'What was tried and rejected', 'Contributing factors', 'Action items', 'Response times']) expect(md).toContain(`\n## ${h}\n`);
  });

  it('writes a PDF whose pages and text a reader finds (passphrase from a file)', async () => {
    const out = join(dir, 'pm.pdf');
    const o = io();
    expect(await run(['postmortem', '--db', db, '--incident', INC, '--format', 'pdf', '--out', out, '--passphrase-file', join(dir, 'pass.txt')], o)).toBe(0);
    const pages = Number(/pdf, (\d+) pages/.exec(o.stdout)?.[1]);
    const read = await readPdf(readFileSync(out));
    expect(read.pages).toBe(pages);
    expect(read.text.join('\n')).toContain('Prompt v42 broke structured output; rolled back to v41.');
    expect(read.text[pages - 1]).toContain(`Page ${pages} of ${pages}`);
  });

  it('without a passphrase at hand, drafts without the journal and says so on stderr', async () => {
    const out = join(dir, 'nojournal.md');
    const o = io();
    expect(await run(['postmortem', '--db', db, '--incident', INC, '--format', 'md', '--out', out], o)).toBe(0);
    expect(o.stderr).toMatch(/^note: drafting without the journal: the journal at .*journal\.db stays locked: Journal passphrase is needed, but there is no terminal to ask/);
    expect(readFileSync(out, 'utf8')).toContain('- Journal: Drafted without the journal: the journal at');
    const wrong = io({ SITREP_PASSPHRASE: 'not it' });
    expect(await run(['postmortem', '--db', db, '--incident', INC, '--format', 'md', '--out', out], wrong)).toBe(0);
    expect(wrong.stderr).toMatch(/note: drafting without the journal: .*stays locked/);
    const skipped = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(['postmortem', '--db', db, '--incident', INC, '--format', 'md', '--out', out, '--no-journal'], skipped)).toBe(0);
    expect(skipped.stderr).toMatch(/^note: drafting without the journal: --no-journal was given\n/);
  });

  it('bad arguments exit 2 with the usage line; an unknown incident or a missing database exit 1, writing nothing', async () => {
    for (const argv of [
      ['postmortem', '--db', db, '--incident', INC, '--format', 'docx', '--out', join(dir, 'x')],
      ['postmortem', '--db', db, '--format', 'md', '--out', join(dir, 'x')],
      ['postmortem', '--db', db, '--incident', INC, '--format', 'md'],
    ]) {
      const o = io();
      expect(await run(argv, o)).toBe(2);
      expect(o.stderr).toMatch(/Usage: sitrep postmortem/);
    }
    const missing = join(dir, 'never.md');
    const o = io();
    expect(await run(['postmortem', '--db', db, '--incident', 'INC-NOPE', '--format', 'md', '--out', missing, '--no-journal'], o)).toBe(1);
    expect(o.stderr).toMatch(/no incident INC-NOPE in .*sitrep incidents list/);
    expect(() => readFileSync(missing)).toThrow();
    const noDb = io();
    expect(await run(['postmortem', '--db', join(dir, 'none.db'), '--incident', INC, '--format', 'md', '--out', missing], noDb)).toBe(1);
    expect(noDb.stderr).toMatch(/no database at/);
    const self = io();
    expect(await run(['postmortem', '--db', db, '--incident', INC, '--format', 'md', '--out', db], self)).toBe(1);
    expect(self.stderr).toMatch(/--out names the database/);
  });
});
