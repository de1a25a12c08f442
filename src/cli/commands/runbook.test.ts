import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RUNBOOK } from '../../core/runbooks/testing/sample';
import { testIo } from '../test-io';
import { registerRunbook, resolveRunbooksDir } from './runbook';

const SHIPPED = resolve(__dirname, '..', '..', '..', 'runbooks');

async function cli(argv: string[], env: Record<string, string> = {}) {
  const io = testIo(env);
  let code = 0;
  const program = new Command('sitrep').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerRunbook(program, { io, exit: (c) => void (code = Math.max(code, c)) });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    code = code || 1;
  }
  return { code, out: io.stdout, err: io.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-runbooks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('sitrep runbook', () => {
  it('validate: the shipped runbooks pass, found through SITREP_RUNBOOKS or the argument', async () => {
    const r = await cli(['runbook', 'validate'], { SITREP_RUNBOOKS: SHIPPED });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^13 runbooks valid in /);
    expect((await cli(['runbook', 'validate', SHIPPED])).code).toBe(0);
  });

  it('validate: exits 1 and lists every error as file:line:column: field: message', async () => {
    const dir = folder({
      'sample.yaml': SAMPLE_RUNBOOK.replace('    requires_approval: true\n', '').replace('uses: slack.notify', 'uses: teams.notify'),
      'broken.yaml': 'id: broken\ntitle: [unclosed\n',
      'good.yaml': SAMPLE_RUNBOOK.replaceAll('sample', 'good'),
      'notes.txt': 'not a runbook',
    });
    const r = await cli(['runbook', 'validate', dir]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^${join(dir, 'broken.yaml')}:\\d+:\\d+: YAML: `));
    expect(lines[1]).toBe(`${join(dir, 'sample.yaml')}:22:5: steps[1].requires_approval: must be true: "k8s.scale" changes production and needs a human's approval`);
    expect(lines[2]).toMatch(new RegExp(`^${join(dir, 'sample.yaml')}:\\d+:\\d+: steps\\[3\\]\\.uses: unknown action "teams.notify"`));
    expect(lines[3]).toBe('3 errors in 2 of 3 runbook files');
  });

  it('validate: a missing folder or an empty one fails', async () => {
    expect(await cli(['runbook', 'validate', join(tmpdir(), 'no-such-runbooks-dir-9f2')])).toMatchObject({ code: 1, err: expect.stringMatching(/no runbook folder at/) });
    expect(await cli(['runbook', 'validate', folder({})])).toMatchObject({ code: 1, err: expect.stringMatching(/no runbooks/) });
  });

  it('validate: two files with the same id', async () => {
    const dir = folder({ 'sample.yaml': SAMPLE_RUNBOOK });
    cpSync(join(dir, 'sample.yaml'), join(dir, 'sample.yml'));
    const r = await cli(['runbook', 'validate', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'sample.yml')}:1:1: id: "sample" is already the id of ${join(dir, 'sample.yaml')}`);
  });

  it('list: a table, or JSON with the steps and approvals', async () => {
    const table = await cli(['runbook', 'list', SHIPPED]);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+SEV\s+CATEGORY\s+STEPS\s+TRIGGER\s+TITLE$/);
    expect(table.out).toMatch(/^kv-cache-saturation\s+sev2\s+infrastructure\s+8 \(1 approved\)\s+VLLMQueueDepthHigh, hypothesis\s+vLLM KV cache saturated/m);
    const json = await cli(['runbook', 'list', SHIPPED, '--json']);
    const list = JSON.parse(json.out) as { id: string; steps: { action: string; requires_approval: boolean }[] }[];
    expect(list).toHaveLength(13);
    for (const r of list) for (const s of r.steps) if (s.action === 'mitigate') expect(s.requires_approval, r.id).toBe(true);
  });

  it('list: shows the valid runbooks, reports the invalid ones and exits 1', async () => {
    const dir = folder({ 'sample.yaml': SAMPLE_RUNBOOK, 'bad.yaml': readFileSync(join(SHIPPED, 'noisy-neighbour.yaml'), 'utf8') });
    const r = await cli(['runbook', 'list', dir, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:1:1: id: "noisy-neighbour" must match the file name "bad"/);
    expect((JSON.parse(r.out) as { id: string }[]).map((x) => x.id)).toEqual(['sample']);
  });

  it('resolves the folder: argument, then SITREP_RUNBOOKS, then the package', () => {
    expect(resolveRunbooksDir('x', { SITREP_RUNBOOKS: '/y' }, '/pkg')).toBe(resolve('x'));
    expect(resolveRunbooksDir(undefined, { SITREP_RUNBOOKS: '/y' }, '/pkg')).toBe('/y');
    expect(resolveRunbooksDir(undefined, {}, '/pkg')).toBe(join('/pkg', 'runbooks'));
    expect(() => resolveRunbooksDir(undefined, {}, null)).toThrow(/pass DIR or set SITREP_RUNBOOKS/);
  });
});
