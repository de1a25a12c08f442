/**
 * `sitrep journal append|list|export|verify|checkpoint`: the encrypted, hash-chained journal
 * (default `$SITREP_HOME/journal.db`). The key comes from --passphrase-file, $SITREP_PASSPHRASE or
 * a prompt. `verify` exits 0 when the journal is intact and 1 naming the first bad entry.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { readCheckpointFile, writeCheckpointFile } from '../../core/journal/checkpoint';
import { JOURNAL_KINDS, type JournalKind } from '../../core/journal/kinds';
import { openJournal, type Journal, type JournalEntry } from '../../core/journal/journal';
import { intParser } from '../args';
import { iso } from '../format';
import { sitrepHome } from '../paths';
import { CliFailure, type CommandContext, usageError } from './context';
import { readPassphrase, secretInput } from './operator';

interface CommonOpts {
  journal?: string;
  passphraseFile?: string;
}

function journalPath(ctx: CommandContext, o: CommonOpts): string {
  return o.journal ? resolve(o.journal) : join(sitrepHome(ctx.io.env), 'journal.db');
}

async function withJournal<T>(ctx: CommandContext, o: CommonOpts, create: boolean, fn: (j: Journal) => T | Promise<T>): Promise<T> {
  const j = await openJournal(journalPath(ctx, o), {
    create,
    passphrase: (isNew) => readPassphrase(ctx.io, o.passphraseFile, 'journal', isNew),
  });
  try {
    return await fn(j);
  } finally {
    j.close();
  }
}

function summary(e: JournalEntry): string {
  const p = e.payload as Record<string, unknown>;
  const text = typeof p.text === 'string' ? p.text : typeof p.reason === 'string' ? `reason: ${p.reason}` : JSON.stringify(p);
  const one = text.replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}

async function readPayload(ctx: CommandContext, file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await secretInput(ctx.io).readStdin() : readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read the payload: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliFailure(`the payload is not JSON: ${(err as Error).message}`);
  }
}

export function registerJournal(program: Command, ctx: CommandContext): void {
  const journal = program.command('journal').description('the encrypted, tamper-evident journal of evidence, approvals, actions and decisions');
  const common = (c: Command): Command =>
    c.option('--journal <path>', 'journal file (default: $SITREP_HOME/journal.db)').option('--passphrase-file <file>', 'read the journal passphrase from a file');

  common(journal.command('append').description('append an entry (creates the journal on first use)'))
    .addOption(new Option('--kind <kind>', 'entry kind').choices(JOURNAL_KINDS).makeOptionMandatory())
    .option('--text <text>', 'the text of a note or decision')
    .option('--payload-file <file>', "the entry's JSON payload from a file ('-' for stdin)")
    .option('--actor <name>', 'who is writing (default: cli:$USER)')
    .action(async (o: CommonOpts & { kind: JournalKind; text?: string; payloadFile?: string; actor?: string }, cmd: Command) => {
      if ((o.text === undefined) === (o.payloadFile === undefined)) usageError(cmd, 'give exactly one of --text or --payload-file');
      if (o.text !== undefined && o.kind !== 'note' && o.kind !== 'decision') usageError(cmd, `--text is for notes and decisions; a ${o.kind} entry needs --payload-file`);
      const payload = o.text !== undefined ? { text: o.text } : await readPayload(ctx, o.payloadFile ?? '-');
      const actor = o.actor ?? `cli:${ctx.io.env.USER ?? 'unknown'}`;
      const a = await withJournal(ctx, o, true, (j) => j.append({ kind: o.kind, actor, payload }));
      ctx.io.out(`appended #${a.seq} ${o.kind} at ${iso(a.ts)} (hash ${a.hash.slice(0, 16)})\n`);
    });

  common(journal.command('list').description('list entries, decrypted'))
    .option('--json', 'print JSON Lines, one entry per line')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(JOURNAL_KINDS))
    .option('--search <text>', 'only entries containing this text (case-insensitive)')
    .option('--limit <n>', 'at most this many entries', intParser(1, 10_000_000))
    .action(async (o: CommonOpts & { json?: boolean; kind?: JournalKind; search?: string; limit?: number }) => {
      const entries = await withJournal(ctx, o, false, (j) =>
        j.list({ ...(o.kind ? { kind: o.kind } : {}), ...(o.search ? { search: o.search } : {}), ...(o.limit ? { limit: o.limit } : {}) }),
      );
      if (o.json) return ctx.io.out(entries.map((e) => JSON.stringify(e) + '\n').join(''));
      if (entries.length === 0) return ctx.io.out('No entries.\n');
      ctx.io.out(entries.map((e) => `#${e.seq}  ${iso(e.ts)}  ${e.kind}  ${e.actor}  ${summary(e)}\n`).join(''));
    });

  common(journal.command('export').description('export decrypted JSON Lines, or an encrypted copy'))
    .requiredOption('--out <file>', 'output file (mode 0600)')
    .option('--encrypted', 'write a consistent encrypted copy of the journal instead (verifiable with the same passphrase)')
    .action(async (o: CommonOpts & { out: string; encrypted?: boolean }) => {
      const out = resolve(o.out);
      if (out === journalPath(ctx, o)) throw new CliFailure('--out is the journal itself');
      if (o.encrypted) {
        await withJournal(ctx, o, false, (j) => j.exportEncrypted(out));
        ctx.io.out(`wrote an encrypted copy to ${out}\n`);
        return;
      }
      const n = await withJournal(ctx, o, false, (j) => j.exportJsonl(out));
      ctx.io.out(`exported ${n} entries, decrypted, to ${out}\n`);
      ctx.io.err('warning: the export is plaintext: keep it as safe as the passphrase\n');
    });

  common(journal.command('verify').description('check the hash chain, every entry, the head record and optionally a signed checkpoint'))
    .option('--checkpoint <file>', 'a checkpoint file from `journal checkpoint`: also detects truncation below it')
    .option('--json', 'print the report as JSON')
    .action(async (o: CommonOpts & { checkpoint?: string; json?: boolean }) => {
      const cp = o.checkpoint ? readCheckpointFile(o.checkpoint) : undefined;
      const report = await withJournal(ctx, o, false, (j) => j.verify(cp));
      if (o.json) ctx.io.out(JSON.stringify(report, null, 2) + '\n');
      if (report.ok) {
        if (!o.json) ctx.io.out(`ok: ${report.intact} entries intact, head #${report.head?.seq ?? 0}${cp ? `, checkpoint #${cp.seq} covered` : ''}\n`);
        return;
      }
      const bad = report.firstBad;
      const where = bad?.seq !== null && bad?.seq !== undefined ? `entry #${bad.seq}` : (bad?.code ?? '').startsWith('checkpoint') ? 'the checkpoint' : 'the head record';
      ctx.io.err(`FAILED at ${where}: ${bad?.code ?? 'unknown'}: ${bad?.message ?? ''}\n`);
      if (report.problems.length > 1) ctx.io.err(`(${report.problems.length - 1} more problem${report.problems.length > 2 ? 's' : ''}; see --json)\n`);
      ctx.exit(1);
    });

  common(journal.command('checkpoint').description("sign the journal's current head; keep the file off this machine"))
    .requiredOption('--out <file>', 'checkpoint file to write')
    .option('--actor <name>', 'who takes the checkpoint (default: cli:$USER)')
    .action(async (o: CommonOpts & { out: string; actor?: string }) => {
      const cp = await withJournal(ctx, o, false, (j) => j.checkpoint(o.actor ?? `cli:${ctx.io.env.USER ?? 'unknown'}`));
      writeCheckpointFile(resolve(o.out), cp);
      ctx.io.out(`checkpoint of #${cp.seq} (hash ${cp.hash.slice(0, 16)}) written to ${resolve(o.out)}: copy it off this machine\n`);
    });
}
