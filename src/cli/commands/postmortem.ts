/**
 * `sitrep postmortem --db PATH --incident ID --format md|pdf --out FILE`: the incident's postmortem,
 * drafted from the store, its stored analysis (else the engine runs for the draft) and the journal
 * beside the database, with the sections the commander edited in the app. The journal is read
 * when it exists and its passphrase is at hand (--passphrase-file, $SITREP_PASSPHRASE or a prompt);
 * otherwise the postmortem is drafted without it, and stderr says why.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { openJournal } from '../../core/journal/journal';
import { exportPostmortem, postmortemFor, readJournal, type JournalSource } from '../../core/postmortem';
import { num } from '../format';
import { resolveDbPath } from '../paths';
import { CliFailure, type CommandContext, withStore } from './context';
import { readPassphrase } from './operator';

interface PostmortemOpts {
  db?: string;
  incident: string;
  format: 'md' | 'pdf';
  out: string;
  journal?: string | false;
  passphraseFile?: string;
}

async function journalSource(ctx: CommandContext, o: PostmortemOpts, db: string): Promise<JournalSource> {
  if (o.journal === false) return { unavailable: '--no-journal was given' };
  const path = o.journal !== undefined ? resolve(o.journal) : join(dirname(db), 'journal.db');
  if (!existsSync(path)) return { unavailable: `there is no journal at ${path}` };
  if (o.passphraseFile !== undefined && !existsSync(o.passphraseFile)) throw new CliFailure(`cannot read the passphrase file ${o.passphraseFile}`);
  let journal;
  try {
    journal = await openJournal(path, { create: false, passphrase: (isNew) => readPassphrase(ctx.io, o.passphraseFile, 'journal', isNew) });
  } catch (err) {
    return { unavailable: `the journal at ${path} stays locked: ${(err as Error).message}` };
  }
  try {
    return readJournal(journal);
  } finally {
    journal.close();
  }
}

export function registerPostmortem(program: Command, ctx: CommandContext): void {
  program
    .command('postmortem')
    .description("draft an incident's postmortem (with the edits made in the app) and write it as Markdown or PDF")
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .requiredOption('--incident <id>', 'the incident (see: sitrep incidents list)')
    .addOption(new Option('--format <format>', 'md or pdf').choices(['md', 'pdf']).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write')
    .option('--journal <path>', 'journal file (default: journal.db beside the database)')
    .option('--no-journal', 'draft without the journal')
    .option('--passphrase-file <file>', 'read the journal passphrase from a file (default: $SITREP_PASSPHRASE, else a prompt)')
    .action(async (o: PostmortemOpts) => {
      const db = resolveDbPath(o.db, ctx.io.env);
      const out = resolve(o.out);
      if (out === db || out === join(dirname(db), 'journal.db')) throw new CliFailure('--out names the database or the journal itself');
      const journal = await journalSource(ctx, o, db);
      if ('unavailable' in journal) ctx.io.err(`note: drafting without the journal: ${journal.unavailable}\n`);
      const p = withStore(db, true, (store) => {
        if (store.getIncident(o.incident) === null) throw new CliFailure(`no incident ${o.incident} in ${db} (list them: sitrep incidents list --db ${db})`);
        return postmortemFor(store, journal, o.incident, Date.now(), { regenerate: true, persist: false });
      });
      if (p.draft.analysis === null) ctx.io.err(`note: no analysis of ${o.incident}: the root cause is unknown\n`);
      else if (!p.draft.analysis.stored) ctx.io.err(`note: no stored analysis of ${o.incident}: the deterministic engine ran for this draft (not saved)\n`);
      const f = await exportPostmortem(p, o.format);
      writeFileSync(out, f.bytes);
      const edited = p.sections.filter((s) => s.edited !== null).length;
      const pages = f.pages !== null ? `, ${f.pages} page${f.pages === 1 ? '' : 's'}` : '';
      ctx.io.out(`wrote the postmortem of ${o.incident} (${o.format}${pages}, ${num(f.bytes.length)} bytes, ${edited} edited section${edited === 1 ? '' : 's'}, ${p.draft.journal.entries} journal entries) to ${out}\n`);
    });
}
