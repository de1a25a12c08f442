/**
 * Prometheus' own checker, when it is installed (Debian's prometheus package ships `promtool`):
 * `promtool check rules` on a proposed rule file, and `promtool test rules` on a unit-test file.
 * `SITREP_PROMTOOL` names the binary; else it is looked up on PATH. Absent: null, never a throw.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PromtoolResult {
  ok: boolean;
  output: string;
}

export function findPromtool(env: Record<string, string | undefined> = process.env): string | null {
  const explicit = env.SITREP_PROMTOOL;
  const candidates = explicit !== undefined && explicit !== '' ? [explicit] : (env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'promtool'));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

function run(bin: string, args: string[], files: Record<string, string>): PromtoolResult {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-promtool-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = spawnSync(bin, args, { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    if (r.error) return { ok: false, output: `promtool could not run: ${r.error.message}` };
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `promtool check rules` on the rule file's text; null when promtool is not installed. */
export function checkRules(yaml: string, bin: string | null = findPromtool()): PromtoolResult | null {
  if (bin === null) return null;
  return run(bin, ['check', 'rules', 'rules.yml'], { 'rules.yml': yaml });
}

/** `promtool test rules` with the rule file saved as rules.yml beside the test file; null when promtool is not installed. */
export function testRules(rulesYaml: string, testYaml: string, bin: string | null = findPromtool()): PromtoolResult | null {
  if (bin === null) return null;
  return run(bin, ['test', 'rules', 'test.yml'], { 'rules.yml': rulesYaml, 'test.yml': testYaml });
}
