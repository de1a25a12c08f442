/**
 * `sitrep connections add|list|test|remove`: the connections beside a database (its folder's
 * connections.json). Secrets come from stdin (--token-stdin, --password-stdin, --api-key-stdin)
 * or a hidden prompt, never from an argument; the passphrase from --passphrase-file,
 * $SITREP_PASSPHRASE or a prompt. Output never shows a secret: auth type and header names only.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ConnectionAuth, ConnectionInput } from '../../shared/connections';
import { SourceKind } from '../../shared/connections';
import { createConnectionService, type ConnectionService } from '../../core/connections/service';
import { intParser } from '../args';
import { iso, pad } from '../format';
import type { CliIo } from '../io';
import { resolveDbPath } from '../paths';
import { processPrompt, processStdin } from '../terminal';
import { CliFailure, type CommandContext, usageError } from './context';

/** Optional io extensions (tests inject them); defaults read the process's stdin and terminal. */
export interface SecretIo {
  readStdin?: () => Promise<string>;
  prompt?: (question: string) => Promise<string>;
}

function secretIo(io: CliIo): Required<SecretIo> {
  const x = io as CliIo & SecretIo;
  return { readStdin: x.readStdin ?? processStdin, prompt: x.prompt ?? processPrompt };
}

interface CommonOpts {
  db?: string;
  passphraseFile?: string;
}

function serviceFor(ctx: CommandContext, opts: CommonOpts): ConnectionService {
  return createConnectionService({ dataDir: dirname(resolveDbPath(opts.db, ctx.io.env)), host: 'browser' });
}

async function passphrase(ctx: CommandContext, opts: CommonOpts, confirm: boolean): Promise<string> {
  if (opts.passphraseFile) {
    try {
      return readFileSync(opts.passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new CliFailure(`cannot read the passphrase file: ${(err as Error).message}`);
    }
  }
  const env = ctx.io.env.SITREP_PASSPHRASE;
  if (env !== undefined && env !== '') return env;
  const { prompt } = secretIo(ctx.io);
  const p = await prompt(confirm ? 'New vault passphrase: ' : 'Vault passphrase: ');
  if (confirm && (await prompt('Repeat the passphrase: ')) !== p) throw new CliFailure('the passphrases differ; nothing was changed');
  return p;
}

/** Unlocks the vault (or sets it up, for add on first use). */
async function unlocked(ctx: CommandContext, opts: CommonOpts, svc: ConnectionService, mayInit: boolean): Promise<void> {
  const st = svc.vault.status();
  if (st.state === 'unlocked') return;
  if (st.state === 'uninitialised') {
    if (!mayInit) throw new CliFailure('no connections yet: add one with `sitrep connections add`');
    await svc.vault.init(await passphrase(ctx, opts, true));
    return;
  }
  await svc.vault.unlock(await passphrase(ctx, opts, false));
}

const AUTH = ['none', 'bearer', 'basic', 'apikey', 'clientcert'] as const;
type AuthFlag = (typeof AUTH)[number];

interface AddOpts extends CommonOpts {
  name: string;
  kind: SourceKind;
  url: string;
  auth?: AuthFlag;
  user?: string;
  tokenStdin?: boolean;
  passwordStdin?: boolean;
  apiKeyStdin?: boolean;
  appKeyStdin?: boolean;
  cert?: string;
  key?: string;
  ca?: string;
  insecure?: boolean;
  header: Record<string, string>;
  option: Record<string, string>;
  timeout?: number;
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read the ${what} file: ${(err as Error).message}`);
  }
}

function pairParser(sep: string, what: string) {
  return (value: string, prev: Record<string, string>): Record<string, string> => {
    const i = value.indexOf(sep);
    const k = i > 0 ? value.slice(0, i).trim() : '';
    if (!k) throw new InvalidArgumentError(`expected ${what}`);
    return { ...prev, [k]: value.slice(i + sep.length).trim() };
  };
}

async function buildAuth(cmd: Command, ctx: CommandContext, o: AddOpts): Promise<ConnectionAuth> {
  const type: AuthFlag =
    o.auth ?? (o.tokenStdin ? 'bearer' : o.passwordStdin ? 'basic' : o.apiKeyStdin ? 'apikey' : o.cert || o.key ? 'clientcert' : 'none');
  const { readStdin, prompt } = secretIo(ctx.io);
  const lines = async (): Promise<string[]> => (await readStdin()).split(/\r?\n/);
  const secret = async (fromStdin: boolean | undefined, question: string): Promise<string> => {
    const v = fromStdin ? ((await lines())[0] ?? '') : await prompt(question);
    if (v === '') throw new CliFailure(`${question.replace(/:\s*$/, '')} is empty`);
    return v;
  };
  switch (type) {
    case 'none':
      return { type: 'none' };
    case 'bearer':
      return { type: 'bearer', token: await secret(o.tokenStdin, 'Token: ') };
    case 'basic':
      if (!o.user) usageError(cmd, '--auth basic needs --user NAME');
      return { type: 'basic', username: o.user, password: await secret(o.passwordStdin, 'Password: ') };
    case 'apikey': {
      if (o.apiKeyStdin) {
        const [apiKey = '', appKey = ''] = await lines();
        if (!apiKey) throw new CliFailure('API key is empty');
        if (o.appKeyStdin && !appKey) throw new CliFailure('--app-key-stdin: the application key must be the second line of stdin');
        return o.appKeyStdin ? { type: 'apiKey', apiKey, appKey } : { type: 'apiKey', apiKey };
      }
      const apiKey = await secret(false, 'API key: ');
      const appKey = await prompt('Application key (empty for none): ');
      return appKey ? { type: 'apiKey', apiKey, appKey } : { type: 'apiKey', apiKey };
    }
    case 'clientcert':
      if (!o.cert || !o.key) usageError(cmd, '--auth clientcert needs --cert FILE and --key FILE');
      return { type: 'clientCert', certPem: readPem(o.cert, 'certificate'), keyPem: readPem(o.key, 'key') };
  }
}

function describeAuth(c: { authType: string; headerNames: string[] }): string {
  return c.headerNames.length ? `${c.authType} + headers ${c.headerNames.join(', ')}` : c.authType;
}

export function registerConnections(program: Command, ctx: CommandContext): void {
  const connections = program.command('connections').description('connections to your telemetry sources (credentials encrypted)');
  const common = (c: Command): Command =>
    c.option('--db <path>', 'database file; connections live in its folder (default: $SITREP_HOME/sitrep.db)').option('--passphrase-file <file>', 'read the vault passphrase from a file');

  common(connections.command('add').description('add a connection (secrets from stdin or a prompt, never from arguments)'))
    .requiredOption('--name <name>', 'a unique name')
    .addOption(
      new Option('--kind <kind>', 'source kind').choices(SourceKind.options).makeOptionMandatory(),
    )
    .requiredOption('--url <url>', 'base URL of the source')
    .addOption(new Option('--auth <type>', 'authentication').choices(AUTH))
    .option('--user <name>', 'user name for --auth basic')
    .option('--token-stdin', 'read the bearer token from stdin')
    .option('--password-stdin', 'read the basic-auth password from stdin')
    .option('--api-key-stdin', 'read the API key from stdin (first line)')
    .option('--app-key-stdin', 'with --api-key-stdin: the application key is the second line')
    .option('--cert <file>', 'client certificate (PEM)')
    .option('--key <file>', 'client key (PEM)')
    .option('--ca <file>', 'extra CA bundle to trust (PEM)')
    .option('--insecure', 'skip TLS verification (dangerous)')
    .option('--header <header>', "custom header 'Name: value' (repeatable)", pairParser(':', "'Name: value'"), {})
    .option('--option <k=v>', 'source option, e.g. site=datadoghq.eu, repo=org/app (repeatable)', pairParser('=', 'key=value'), {})
    .option('--timeout <ms>', 'request timeout in ms', intParser(100, 120_000))
    .action(async (o: AddOpts, cmd: Command) => {
      const secretFlags = [o.tokenStdin, o.passwordStdin, o.apiKeyStdin].filter(Boolean).length;
      if (secretFlags > 1) usageError(cmd, 'only one of --token-stdin, --password-stdin, --api-key-stdin');
      if (o.appKeyStdin && !o.apiKeyStdin) usageError(cmd, '--app-key-stdin needs --api-key-stdin');
      try {
        new URL(o.url);
      } catch {
        usageError(cmd, `--url: not a URL: ${o.url}`);
      }
      const svc = serviceFor(ctx, o);
      const auth = await buildAuth(cmd, ctx, o);
      const input: ConnectionInput = {
        name: o.name,
        kind: o.kind,
        url: o.url,
        auth,
        tls: { insecureSkipVerify: o.insecure === true, ...(o.ca ? { caPem: readPem(o.ca, 'CA') } : {}) },
        headers: o.header,
        options: o.option,
        ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
      };
      await unlocked(ctx, o, svc, true);
      const view = svc.add(input);
      ctx.io.out(`added ${view.name} (${view.kind}, ${view.url}, auth ${describeAuth(view)}) id ${view.id}\n`);
      if (view.insecureSkipVerify) ctx.io.err('warning: TLS verification is OFF for this connection\n');
    });

  common(connections.command('list').description('list connections (no secrets)'))
    .option('--json', 'print JSON')
    .action((o: CommonOpts & { json?: boolean }) => {
      const list = serviceFor(ctx, o).list();
      if (o.json) return ctx.io.out(JSON.stringify(list, null, 2) + '\n');
      if (list.length === 0) return ctx.io.out('No connections. Add one with: sitrep connections add --name N --kind K --url U\n');
      const rows = list.map((c) => [
        c.name,
        c.kind,
        c.url,
        describeAuth(c) + (c.insecureSkipVerify ? ' (TLS NOT VERIFIED)' : ''),
        c.lastTest ? `${c.lastTest.result.ok ? `ok ${c.lastTest.result.latencyMs} ms` : `FAIL ${c.lastTest.result.code}`} at ${iso(c.lastTest.at)}` : 'never tested',
      ]);
      const head = ['NAME', 'KIND', 'URL', 'AUTH', 'LAST TEST'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : pad(v, widths[i] ?? 0))).join('  ');
      ctx.io.out([line(head), ...rows.map(line)].join('\n') + '\n');
    });

  common(connections.command('test').description('test a connection: latency, or the precise error').argument('<name-or-id>'))
    .action(async (ref: string, o: CommonOpts) => {
      const svc = serviceFor(ctx, o);
      if (!svc.list().some((c) => c.id === ref || c.name === ref)) throw new CliFailure(`no connection named or with id "${ref}"`);
      await unlocked(ctx, o, svc, false);
      const r = await svc.test(ref).catch((err: unknown) => {
        throw new CliFailure(err instanceof Error ? err.message : String(err));
      });
      if (r.ok) return ctx.io.out(`ok   ${ref}: ${Math.round(r.latencyMs)} ms, ${r.detail}\n`);
      ctx.io.err(`FAIL ${ref}: ${r.code}: ${r.message}${r.latencyMs !== null ? ` (${Math.round(r.latencyMs)} ms)` : ''}\n`);
      ctx.exit(1);
    });

  common(connections.command('remove').description('remove a connection').argument('<name-or-id>')).action((ref: string, o: CommonOpts) => {
    if (!serviceFor(ctx, o).remove(ref)) throw new CliFailure(`no connection named or with id "${ref}"`);
    ctx.io.out(`removed ${ref}\n`);
  });
}
