/**
 * `sitrep bundle keygen|export|verify|open`: offline review bundles (decision 013). `export` signs
 * with an operator's key (password and TOTP code asked here, like a sign-in) and encrypts with a
 * passphrase (--passphrase-file, $SITREP_PASSPHRASE or a prompt, asked twice) or for a recipient's
 * key (--recipient FILE.pub). `verify` needs no secret and exits 0 only for an intact file;
 * `open` also decrypts, checks every content hash and imports a read-only review copy. The store's
 * journal (beside the database) records exports and openings; its passphrase is asked for
 * separately (--journal-passphrase-file or a prompt), or --no-journal leaves it out.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createOperatorStore } from '../../core/auth/operators';
import {
  BundleError,
  exportBundle,
  exportedNote,
  generateRecipientKey,
  inspect,
  inspectForStore,
  openBundle,
  openedNote,
  readRecipientPrivate,
  readRecipientPublic,
  type JournalSource,
  type Opener,
  type Sealing,
} from '../../core/bundle';
import { MAX_BUNDLE_BYTES } from '../../core/bundle/format';
import { openJournal, type Journal } from '../../core/journal/journal';
import { num } from '../format';
import { packageVersion, resolveDbPath } from '../paths';
import { countOf, formatReport } from './bundle-report';
import { CliFailure, type CommandContext, openDb, usageError } from './context';
import { readPassphrase, secretInput } from './operator';

interface JournalOpts {
  /** A path, or false for --no-journal (commander folds both into one option). */
  journal?: string | false;
  journalPassphraseFile?: string;
}

function readBundleFile(path: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new CliFailure(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw new CliFailure(`${path} is ${num(size)} bytes, over the ${num(MAX_BUNDLE_BYTES)}-byte limit for a bundle`);
  return readFileSync(path);
}

/** The store's journal (beside the database unless --journal), opened; null when absent or left out. */
async function localJournal(ctx: CommandContext, db: string, o: JournalOpts): Promise<{ journal: Journal | null; reason: string }> {
  if (o.journal === false) return { journal: null, reason: 'left out by the exporter (--no-journal)' };
  const path = o.journal ? resolve(o.journal) : join(dirname(db), 'journal.db');
  if (!existsSync(path)) return { journal: null, reason: 'the store has no journal' };
  const journal = await openJournal(path, {
    passphrase: async () => {
      if (o.journalPassphraseFile) return readPassphrase(ctx.io, o.journalPassphraseFile, 'journal', false);
      return secretInput(ctx.io).prompt('Journal passphrase: ');
    },
  });
  return { journal, reason: '' };
}

async function operatorKey(ctx: CommandContext, db: string, name: string, o: { passwordStdin?: boolean; code?: string }) {
  const { readStdin, prompt } = secretInput(ctx.io);
  const password = o.passwordStdin ? ((await readStdin()).split(/\r?\n/)[0] ?? '') : await prompt(`Password for ${name}: `);
  const code = o.code ?? (await prompt('Code from the authenticator app: '));
  const store = createOperatorStore(dirname(db));
  const v = await store.verifyCredentials(name, password, code);
  if (!v.operator.roles.includes('commander') && !v.operator.roles.includes('approver')) throw new CliFailure(`${v.operator.name} has the viewer role only: exporting a bundle needs a commander or approver`);
  return v;
}

export function registerBundle(program: Command, ctx: CommandContext): void {
  const bundle = program.command('bundle').description('offline review bundles: one encrypted, signed file per incident, verifiable and opened read-only elsewhere');
  const journalOptions = (c: Command): Command =>
    c
      .option('--journal <path>', "the store's journal (default: journal.db beside the database)")
      .option('--journal-passphrase-file <file>', "read the journal's passphrase from a file (default: a prompt)")
      .option('--no-journal', 'leave the journal out (export) / do not record the opening (open)');

  bundle
    .command('keygen')
    .description("make a recipient key pair: FILE (private, encrypted, 0600) and FILE.pub (give it to whoever exports for you)")
    .requiredOption('--out <file>', 'the private key file; the public key goes to FILE.pub')
    .option('--passphrase-file <file>', "read the key's passphrase from a file (default: $SITREP_PASSPHRASE or a prompt)")
    .action(async (o: { out: string; passphraseFile?: string }) => {
      const passphrase = await readPassphrase(ctx.io, o.passphraseFile, 'key', true);
      const k = generateRecipientKey(resolve(o.out), passphrase);
      ctx.io.out(`wrote ${k.privatePath} (private, keep it) and ${k.publicPath} (public), key ${k.fingerprint}\n`);
    });

  journalOptions(
    bundle
      .command('export')
      .description('write an incident as an encrypted bundle, signed by an operator')
      .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db); operators live in its folder')
      .requiredOption('--incident <id>', 'the incident to export')
      .requiredOption('--out <file>', 'the bundle to write (.sitrep, mode 0600; never overwritten)')
      .requiredOption('--operator <name>', 'who signs it (password and code are asked for)')
      .option('--password-stdin', "read the operator's password from the first line of stdin")
      .option('--code <code>', 'the TOTP code (default: a prompt)')
      .option('--passphrase-file <file>', 'read the bundle passphrase from a file (default: $SITREP_PASSPHRASE or a prompt)')
      .option('--recipient <file.pub>', "encrypt for this recipient's key instead of a passphrase"),
  ).action(async (o: JournalOpts & { db?: string; incident: string; out: string; operator: string; passwordStdin?: boolean; code?: string; passphraseFile?: string; recipient?: string }, cmd: Command) => {
    if (o.recipient && o.passphraseFile) usageError(cmd, 'give --recipient or --passphrase-file, not both');
    const db = resolveDbPath(o.db, ctx.io.env);
    const out = resolve(o.out);
    if (existsSync(out)) throw new CliFailure(`${out} exists: choose another name (bundles are never overwritten)`);
    const store = openDb(db, true);
    let journal: Journal | null = null;
    try {
      if (!store.getIncident(o.incident)) throw new CliFailure(`no incident ${o.incident} in ${db} (see: sitrep incidents list --db ${db})`);
      const sealing: Sealing = o.recipient ? { recipientPublicKey: readRecipientPublic(resolve(o.recipient)).publicKey } : { passphrase: await readPassphrase(ctx.io, o.passphraseFile, 'bundle', true) };
      const signer = await operatorKey(ctx, db, o.operator, o);
      const local = await localJournal(ctx, db, o);
      journal = local.journal;
      const source: JournalSource = journal ? { journal, actor: signer.operator.name } : { journal: null, reason: local.reason, actor: signer.operator.name };
      const x = await exportBundle(store, o.incident, {
        journal: source,
        exporter: { id: signer.operator.id, name: signer.operator.name, publicKey: signer.operator.publicKey, signingKey: signer.signingKey },
        sealing,
        sitrepVersion: packageVersion(),
        now: Date.now(),
      });
      writeFileSync(out, x.written.bytes, { mode: 0o600, flag: 'wx' });
      chmodSync(out, 0o600);
      journal?.append({ kind: 'note', actor: signer.operator.name, payload: exportedNote(x, sealing, signer.operator.name) });
      const c = x.counts;
      ctx.io.out(`wrote ${out}: ${num(x.written.bytes.length)} bytes, sha256 ${x.written.sha256}\n`);
      ctx.io.out(`  ${x.incidentId}: ${countOf(c.events, 'event', 'events')}, ${countOf(c.series, 'series', 'series')}, ${countOf(c.analyses, 'analysis', 'analyses')}, ${countOf(c.journalEntries, 'journal entry', 'journal entries')}; signed by ${signer.operator.name}\n`);
      if (x.journalNote !== null) ctx.io.err(`note: no journal entries in the bundle: ${x.journalNote}\n`);
    } finally {
      journal?.close();
      store.close();
    }
  });

  bundle
    .command('verify')
    .description('check a bundle without its passphrase: structure, signature, ciphertext hash; exit 0 only when intact')
    .argument('<file>')
    .option('--db <path>', "whose operators count as known (default: $SITREP_HOME/sitrep.db's folder)")
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { db?: string; json?: boolean }) => {
      const path = resolve(file);
      const db = resolveDbPath(o.db, ctx.io.env);
      const operators = createOperatorStore(dirname(db)).list();
      const { report } = await inspect(readBundleFile(path), { operators });
      ctx.io.out(o.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, path));
      if (!report.intact) ctx.exit(1);
    });

  journalOptions(
    bundle
      .command('open')
      .description('verify, decrypt and import a bundle into a store as a read-only review copy')
      .argument('<file>')
      .option('--db <path>', 'database file to open it into (default: $SITREP_HOME/sitrep.db)')
      .option('--passphrase-file <file>', 'read the bundle passphrase (or, with --key, the key passphrase) from a file (default: $SITREP_PASSPHRASE or a prompt)')
      .option('--key <file>', 'the recipient key file (from `sitrep bundle keygen`), for a bundle made for a key')
      .option('--dry-run', 'check everything, write nothing')
      .option('--json', 'print the report as JSON'),
  ).action(async (file: string, o: JournalOpts & { db?: string; passphraseFile?: string; key?: string; dryRun?: boolean; json?: boolean }) => {
    const path = resolve(file);
    const bytes = readBundleFile(path);
    const db = resolveDbPath(o.db, ctx.io.env);
    const operators = createOperatorStore(dirname(db)).list();
    // The file first: a damaged or modified one is refused before any secret is asked for.
    const first = await inspect(bytes, { operators });
    if (!first.report.intact) {
      ctx.io.out(o.json ? JSON.stringify(first.report, null, 2) + '\n' : formatReport(first.report, path));
      ctx.exit(1);
      return;
    }
    const forKey = first.report.encryption?.kind === 'recipient';
    if (forKey && !o.key) throw new CliFailure(`this bundle is encrypted for the recipient key ${first.report.encryption?.recipient ?? '?'}: open it with --key FILE`);
    if (!forKey && o.key) throw new CliFailure('this bundle is encrypted with a passphrase, not for a key: leave out --key');
    const secret = await readPassphrase(ctx.io, o.passphraseFile, o.key ? 'key' : 'bundle', false);
    let opener: Opener;
    try {
      opener = o.key ? { privateKey: readRecipientPrivate(resolve(o.key), secret) } : { passphrase: secret };
    } catch (err) {
      if (err instanceof BundleError) throw new CliFailure(err.message);
      throw err;
    }
    if (!o.dryRun) mkdirSync(dirname(db), { recursive: true, mode: 0o700 });
    const store = openDb(db, o.dryRun === true);
    let journal: Journal | null = null;
    try {
      if (o.dryRun) {
        const report = await inspectForStore(store, bytes, { opener, operators });
        ctx.io.out(o.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, path));
        if (!report.intact || !report.decrypted) ctx.exit(1);
        else if (!o.json) ctx.io.out(`dry run: would open as ${report.openAs ?? '?'}; nothing was written\n`);
        return;
      }
      // Asked before anything is written, so a missing journal passphrase stops the command cleanly.
      journal = (await localJournal(ctx, db, o)).journal;
      const { report, imported } = await openBundle(store, bytes, { opener, operators, now: Date.now() });
      ctx.io.out(o.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, path));
      if (imported === null) {
        if (report.alreadyOpenAs === null) ctx.exit(1);
        return;
      }
      const actor = `cli:${ctx.io.env.USER ?? 'unknown'}`;
      journal?.append({ kind: 'note', actor, payload: openedNote(report, imported.incidentId) });
      if (!o.json) {
        ctx.io.out(`opened as ${imported.incidentId} in ${db} (read-only review copy): ${countOf(imported.events, 'event', 'events')}, ${countOf(imported.points, 'point', 'points')}, ${countOf(imported.analyses, 'analysis', 'analyses')}, ${countOf(imported.journalEntries, 'journal entry', 'journal entries')}\n`);
        ctx.io.out(journal ? 'the opening is recorded in the local journal\n' : 'the opening is not journaled (no local journal, or --no-journal)\n');
      }
    } finally {
      journal?.close();
      store.close();
    }
  });
}
