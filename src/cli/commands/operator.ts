/**
 * `sitrep operator add|list|disable`: local operator accounts beside a database (its folder's
 * operators.json). The password comes from a hidden prompt (asked twice) or the first line of
 * stdin with --password-stdin, never from an argument. `add` prints the TOTP enrolment URI once.
 * Also the secret input the operator and journal commands share: hidden prompt, stdin, and the
 * passphrase from --passphrase-file, $SITREP_PASSPHRASE or a prompt.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { ROLES, type Role } from '../../core/auth/operators-doc';
import { createOperatorStore, type OperatorStore } from '../../core/auth/operators';
import { iso, pad } from '../format';
import type { CliIo } from '../io';
import { resolveDbPath } from '../paths';
import type { SecretIo } from './connections';
import { processPrompt, processStdin } from '../terminal';
import { CliFailure, type CommandContext } from './context';

/** Reads a line from the terminal without echoing it. */
const hiddenPrompt = (question: string): Promise<string> => processPrompt(question, 'use --password-stdin, --passphrase-file or SITREP_PASSPHRASE');

/** The io's secret input (tests inject it), defaulting to the process's stdin and terminal. */
export function secretInput(io: CliIo): Required<SecretIo> {
  const x = io as CliIo & SecretIo;
  return { readStdin: x.readStdin ?? processStdin, prompt: x.prompt ?? hiddenPrompt };
}

/** A passphrase from --passphrase-file, $SITREP_PASSPHRASE, or a prompt (asked twice when new). */
export async function readPassphrase(io: CliIo, file: string | undefined, what: string, isNew: boolean): Promise<string> {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new CliFailure(`cannot read the passphrase file: ${(err as Error).message}`);
    }
  }
  const env = io.env.SITREP_PASSPHRASE;
  if (env !== undefined && env !== '') return env;
  const { prompt } = secretInput(io);
  const p = await prompt(isNew ? `New ${what} passphrase: ` : `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} passphrase: `);
  if (isNew && (await prompt('Repeat the passphrase: ')) !== p) throw new CliFailure('the passphrases differ; nothing was changed');
  return p;
}

function roleParser(value: string, prev: Role[] | undefined): Role[] {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}`);
  return [...(prev ?? []), value as Role];
}

/** A short, stable fingerprint of a public key, for people to compare. */
export function keyFingerprint(spkiBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)?.join(':') ?? hex;
}

function storeFor(ctx: CommandContext, db: string | undefined): OperatorStore {
  return createOperatorStore(dirname(resolveDbPath(db, ctx.io.env)));
}

async function newPassword(ctx: CommandContext, fromStdin: boolean | undefined): Promise<string> {
  const { readStdin, prompt } = secretInput(ctx.io);
  if (fromStdin) {
    const line = (await readStdin()).split(/\r?\n/)[0] ?? '';
    if (line === '') throw new CliFailure('--password-stdin: stdin is empty');
    return line;
  }
  const p = await prompt('Password: ');
  if ((await prompt('Repeat the password: ')) !== p) throw new CliFailure('the passwords differ; nothing was changed');
  return p;
}

export function registerOperator(program: Command, ctx: CommandContext): void {
  const operator = program.command('operator').description('local operator accounts: password + TOTP sign-in, an Ed25519 signing key each');
  const common = (c: Command): Command => c.option('--db <path>', 'database file; operators live in its folder (default: $SITREP_HOME/sitrep.db)');

  common(operator.command('add').description('add an operator (password from a prompt or --password-stdin, never an argument)').argument('<name>'))
    .option('--role <role>', `role, repeatable: ${ROLES.join(', ')} (default: viewer)`, roleParser)
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (name: string, o: { db?: string; role?: Role[]; passwordStdin?: boolean }) => {
      const store = storeFor(ctx, o.db);
      if (store.get(name)) throw new CliFailure(`an operator named "${name}" already exists`);
      const password = await newPassword(ctx, o.passwordStdin);
      const added = await store.add(name, password, o.role ?? ['viewer']);
      const op = added.operator;
      ctx.io.out(`added operator ${op.name} (${op.roles.join(', ')}) id ${op.id}, signing key ${keyFingerprint(op.publicKey)}\n`);
      ctx.io.out('Add this to the authenticator app now; it is shown only once:\n');
      ctx.io.out(`  ${added.otpauthUri}\n`);
    });

  common(operator.command('list').description('list operators (no secrets)'))
    .option('--json', 'print JSON')
    .action((o: { db?: string; json?: boolean }) => {
      const list = storeFor(ctx, o.db).list();
      if (o.json) return ctx.io.out(JSON.stringify(list, null, 2) + '\n');
      if (list.length === 0) return ctx.io.out('No operators. Add one with: sitrep operator add NAME --role commander\n');
      const head = ['NAME', 'ROLES', 'STATUS', 'CREATED', 'SIGNING KEY'];
      const rows = list.map((op) => [op.name, op.roles.join(','), op.disabled ? 'disabled' : 'enabled', iso(op.createdAt), keyFingerprint(op.publicKey)]);
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : pad(v, widths[i] ?? 0))).join('  ');
      ctx.io.out([line(head), ...rows.map(line)].join('\n') + '\n');
    });

  common(operator.command('disable').description('disable an operator: no sign-in, and their approvals stop verifying').argument('<name>')).action(
    (name: string, o: { db?: string }) => {
      const store = storeFor(ctx, o.db);
      if (!store.get(name)) throw new CliFailure(`no operator named "${name}"`);
      const op = store.disable(name);
      ctx.io.out(`disabled operator ${op.name}\n`);
    },
  );
}
