import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../run';
import { testIo } from '../test-io';
import type { SecretIo } from './connections';

const TOKEN = 'cli-token-5e1b9a0c7d3f';
const PASS = 'cli passphrase 123';

let server: Server;
let base = '';
let closedPort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end('no');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"version":"2.42.0"}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was free a moment ago and is closed now: connecting is refused.
  const probe = createNetServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-conn-'));
  const db = join(dir, 'sitrep.db');
  const io = (stdin = '', env: Record<string, string> = { SITREP_PASSPHRASE: PASS }, prompts: string[] = []) => {
    const asked: string[] = [];
    const extra: SecretIo = {
      readStdin: () => Promise.resolve(stdin),
      prompt: (q) => {
        asked.push(q);
        const next = prompts.shift();
        return next === undefined ? Promise.reject(new Error(`unexpected prompt ${q}`)) : Promise.resolve(next);
      },
    };
    return Object.assign(testIo({ SITREP_HOME: join(dir, 'home'), ...env }, extra as object), { asked });
  };
  return { dir, db, io };
}

describe('sitrep connections', () => {
  it('adds with a token from stdin, lists without secrets, tests ok, 401 and refused, removes', async () => {
    const { dir, db, io } = setup();
    let o = io(`${TOKEN}\n`);
    expect(await run(['connections', 'add', '--db', db, '--name', 'prom', '--kind', 'prometheus', '--url', base, '--token-stdin', '--header', 'X-Scope-OrgID: tenant-hidden-42'], o)).toBe(0);
    expect(o.stdout).toMatch(/added prom \(prometheus, .* auth bearer \+ headers X-Scope-OrgID\)/);
    o = io('wrong-token\n');
    expect(await run(['connections', 'add', '--db', db, '--name', 'bad', '--kind', 'prometheus', '--url', base, '--token-stdin'], o)).toBe(0);
    o = io();
    expect(await run(['connections', 'add', '--db', db, '--name', 'down', '--kind', 'victoriametrics', '--url', `http://127.0.0.1:${closedPort}`], o)).toBe(0);

    const file = readFileSync(join(dir, 'connections.json'));
    expect(file.includes(Buffer.from(TOKEN))).toBe(false);
    expect(file.includes(Buffer.from('tenant-hidden-42'))).toBe(false);
    expect(statSync(join(dir, 'connections.json')).mode & 0o777).toBe(0o600);

    o = io();
    expect(await run(['connections', 'test', '--db', db, 'prom'], o)).toBe(0);
    expect(o.stdout).toMatch(/^ok {3}prom: \d+ ms, /);

    o = io();
    expect(await run(['connections', 'test', '--db', db, 'bad'], o)).toBe(1);
    expect(o.stderr).toMatch(/FAIL bad: unauthorized: 401 Unauthorized/);

    o = io();
    expect(await run(['connections', 'test', '--db', db, 'down'], o)).toBe(1);
    expect(o.stderr).toMatch(/FAIL down: refused: Connection refused/);

    o = io('', {});
    expect(await run(['connections', 'list', '--db', db], o)).toBe(0);
    expect(o.stdout).toMatch(/prom\s+prometheus\s+http:\/\/127\.0\.0\.1:\d+\s+bearer \+ headers X-Scope-OrgID\s+ok \d+ ms/);
    expect(o.stdout).toMatch(/bad .* FAIL unauthorized/);
    expect(o.stdout).toMatch(/down .* FAIL refused/);
    o = io('', {});
    expect(await run(['connections', 'list', '--db', db, '--json'], o)).toBe(0);
    const json = JSON.parse(o.stdout) as Array<{ name: string; authType: string }>;
    expect(json.map((c) => [c.name, c.authType])).toEqual([
      ['prom', 'bearer'],
      ['bad', 'bearer'],
      ['down', 'none'],
    ]);
    for (const out of [o.stdout, o.stderr]) expect(out).not.toContain(TOKEN);

    o = io('', {});
    expect(await run(['connections', 'remove', '--db', db, 'down'], o)).toBe(0);
    expect(await run(['connections', 'remove', '--db', db, 'down'], io('', {}))).toBe(1);
  });

  it('asks for the passphrase on a prompt (twice on first use) and refuses a wrong one', async () => {
    const { db, io } = setup();
    const first = io('', {}, [TOKEN, 'a new passphrase', 'a new passphrase']);
    expect(await run(['connections', 'add', '--db', db, '--name', 'p', '--kind', 'loki', '--url', base, '--auth', 'bearer'], first)).toBe(0);
    expect(first.asked).toEqual(['Token: ', 'New vault passphrase: ', 'Repeat the passphrase: ']);
    const wrong = io('', {}, ['not it']);
    expect(await run(['connections', 'test', '--db', db, 'p'], wrong)).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong passphrase/);
  });

  it('reads the passphrase from --passphrase-file', async () => {
    const { dir, db, io } = setup();
    writeFileSync(join(dir, 'pass'), `${PASS}\n`);
    expect(await run(['connections', 'add', '--db', db, '--passphrase-file', join(dir, 'pass'), '--name', 'p', '--kind', 'prometheus', '--url', base, '--token-stdin'], io(`${TOKEN}\n`, {}))).toBe(0);
    const o = io('', { SITREP_PASSPHRASE: 'wrong passphrase' });
    expect(await run(['connections', 'test', '--db', db, '--passphrase-file', join(dir, 'pass'), 'p'], o)).toBe(0);
  });

  it.each([
    [['connections', 'add', '--name', 'x', '--kind', 'graphite', '--url', 'http://a']],
    [['connections', 'add', '--name', 'x', '--kind', 'loki']],
    [['connections', 'add', '--name', 'x', '--kind', 'loki', '--url', 'not a url']],
    [['connections', 'add', '--name', 'x', '--kind', 'loki', '--url', 'http://a', '--token', 'secret']],
    [['connections', 'add', '--name', 'x', '--kind', 'loki', '--url', 'http://a', '--auth', 'basic']],
    [['connections', 'add', '--name', 'x', '--kind', 'loki', '--url', 'http://a', '--header', 'novalue']],
    [['connections', 'add', '--name', 'x', '--kind', 'loki', '--url', 'http://a', '--timeout', '5']],
    [['connections', 'test']],
    [['connections', 'list', 'extra']],
  ])('%j exits 2 with a usage line', async (argv) => {
    const { io } = setup();
    const o = io();
    expect(await run(argv, o)).toBe(2);
    expect(o.stderr).toMatch(/Usage: sitrep connections/);
  });
});
