/**
 * Remediation through the browser host with a policy in enforce mode: an operator signs in,
 * opens the runbook panel (key r), previews a webhook action against a loopback server started
 * here, confirms with step-up (password + a new code), dispatches, and the server received
 * exactly the previewed request. A POST to the contract endpoint that tries to dispatch without
 * an approval is refused and sends nothing.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32Decode } from '../src/core/auth/base32';
import { totp } from '../src/core/auth/totp';
import { startReplay, type ReplayServer } from '../src/core/connectors/kubernetes/replay-server';
import { buildDemoDb, root, startHost, type Host } from './host';

const INCIDENT = 'INC-2026-0314-001';
const NAME = 'ana';
/** Signs in through the contract endpoint alone (a holder of the token and an operator session). */
const OTHER = 'ben';
const PASSWORD = 'e2e remediation password 0123';
const PASSPHRASE = 'e2e remediation journal passphrase';
const POLICY = `version: 1
mode: enforce
default_tier: tier-2
services:
  - name: gateway
    tier: tier-1
    match: { targets: [llm-gateway] }
two_person: { tiers: [tier-1], risks: [high] }
blast_radius: { limits: { max_targets: 5 }, two_person_above: { max_targets: 5 } }
rate_limit: { max_actions: 10, window: 10m }
circuit_breaker: { max_actions: 10, window: 10m }
verification: { timeout: 5s, interval: 1s }
`;
/** The team's own runbook (the data folder's runbooks/), matched by the demo's model hypothesis. */
const RUNBOOK = `id: prompt-tool-off
title: Switch the agent's search tool off while the prompt is rolled back
description: The bad prompt makes the agent call its search tool in a loop; switch the tool off at the feature flag.
category: model
severity: sev2
trigger:
  hypotheses:
    - category: model
      min_confidence: 0.1
steps:
  - id: search-calls
    name: Calls to the search tool in the last hour
    action: diagnose
    uses: store_query
    params:
      events: agent_action
      measure: count
      range: 1h
    timeout: 30s
    expected: The agent calls search far more often than usual
  - id: kill-switch
    name: Switch the search tool off
    action: mitigate
    uses: webhook.tool_kill_switch
    params:
      flag_key: agent-tool-search
      tool: search
      enabled: false
    requires_approval: true
    timeout: 5m
    expected: The flag is off and the agent stops calling the tool
    on_failure: escalate
  - id: calls-stop
    name: Calls to the search tool stop
    action: verify_resolution
    uses: store_query
    params:
      events: agent_action
      measure: count
      range: 5m
    timeout: 10m
    expected:
      summary: No call to search in 5 minutes
      threshold: { op: '<', value: 1 }
    on_failure: escalate
`;

let host: Host;
let dir: string;
let secret: Buffer;
let otherSecret: Buffer;
let flags: ReplayServer;

async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.SITREP_SHOTS;
  if (folder) await page.screenshot({ path: join(folder, `remediation-${name}.png`) });
}

const code = (steps = 0) => totp(secret, Date.now() + steps * 30_000);

/** `sitrep operator add NAME --role commander`; answers the TOTP secret of the enrolment URI. */
function addOperator(dbPath: string, name: string): Buffer {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'sitrep.mjs'), 'operator', 'add', name, '--role', 'commander', '--db', dbPath, '--password-stdin'], { input: `${PASSWORD}\n`, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return base32Decode(new URL(/otpauth:\/\/\S+/.exec(r.stdout)?.[0] ?? '').searchParams.get('secret') ?? '');
}

async function invoke(request: APIRequestContext, channel: string, data: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }> {
  const r = await request.post(`${host.origin}/api/invoke/${channel}`, { data, headers: { authorization: `Bearer ${host.token}` } });
  return (await r.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
}

const target = (flag?: string) => ({
  kind: 'webhook',
  name: 'flags',
  base_url: `${flags.url}/api`,
  method: 'PATCH',
  path: '/flags/{{ params.flag_key }}',
  auth: null,
  body: { enabled: '{{ params.enabled }}', reason: `Sitrep kill switch${flag ? ` ${flag}` : ''} for tool {{ params.tool }}` },
});

test.beforeAll(async () => {
  flags = await startReplay((req) => (req.path.startsWith('/api/flags/') ? { status: 200, body: { key: req.path.split('/').pop(), enabled: false } } : undefined));
  const made = buildDemoDb(5_000);
  dir = made.dir;
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  mkdirSync(join(dir, 'runbooks'));
  writeFileSync(join(dir, 'runbooks', 'prompt-tool-off.yaml'), RUNBOOK);
  secret = addOperator(made.dbPath, NAME);
  otherSecret = addOperator(made.dbPath, OTHER);
  host = await startHost({ dbPath: made.dbPath });
});
test.afterAll(async () => {
  await host?.stop();
  await flags?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('preview a webhook action, confirm with step-up, dispatch: the server receives exactly the previewed request', async ({ page, request }) => {
  expect(await invoke(request, 'journal.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId('auth-indicator').click();
  const signin = page.getByTestId('signin-dialog');
  await signin.getByLabel('Operator').fill(NAME);
  await signin.getByLabel('Password').fill(PASSWORD);
  await signin.getByLabel('Code').fill(code());
  await signin.getByLabel('Code').press('Enter');
  await expect(page.getByTestId('auth-indicator')).toHaveAttribute('data-state', 'active');

  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('hypothesis-1')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('r');
  const panel = page.getByTestId('runbook-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('policy-mode')).toHaveAttribute('data-mode', 'enforce');

  // The runbook of the demo's hypotheses that switches a tool off.
  const found = await invoke(request, 'runbooks.forIncident', { incidentId: INCIDENT });
  const runbooks = (found.value?.runbooks ?? []) as { id: string; steps: { id: string; uses: string }[] }[];
  const rb = runbooks.find((r) => r.steps.some((s) => s.uses === 'webhook.tool_kill_switch'));
  expect(rb, `runbooks matched: ${runbooks.map((r) => r.id).join(', ')}; problems: ${JSON.stringify(found.value?.problems)}`).toBeDefined();
  const step = rb?.steps.find((s) => s.uses === 'webhook.tool_kill_switch');
  await panel.getByTestId(`runbook-${rb?.id ?? ''}`).click();
  // Its read-only steps ran on their own when it opened (no button pressed): a result or a plain reason is shown.
  await expect(panel.getByTestId('diagnostics-status')).toBeVisible({ timeout: 10_000 });
  await panel.getByTestId(`prepare-${step?.id ?? ''}`).click();
  await expect(panel.getByTestId('preview-params')).toHaveValue(/agent-tool-search/);
  await panel.getByTestId('preview-target').fill(JSON.stringify(target(), null, 2));
  await panel.getByTestId('preview-run').click();
  const shown = panel.getByTestId('plan-request');
  await expect(shown).toHaveCount(1);
  await expect(shown).toContainText(`PATCH ${flags.url}/api/flags/agent-tool-search`);
  await expect(panel.getByTestId('plan-diff')).toContainText('flag agent-tool-search');
  await expect(panel.getByTestId('plan-approvals-needed')).toHaveText('One operator');
  const method = await shown.getAttribute('data-method');
  const url = await shown.getAttribute('data-url');
  const body = await shown.getAttribute('data-body');
  await shot(page, 'preview');

  await panel.getByTestId('plan-approve').click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText(`PATCH ${flags.url}/api/flags/agent-tool-search`);
  await confirm.getByLabel('Password').fill(PASSWORD);
  await confirm.getByLabel('Code').fill(code(1));
  await shot(page, 'confirm');
  await confirm.getByRole('button', { name: 'Confirm and sign' }).click();
  await expect(confirm).toBeHidden();
  const item = panel.getByTestId('queue-item');
  await expect(item).toHaveAttribute('data-ready', 'true');
  await expect(item).toContainText(NAME);
  expect(flags.seen).toHaveLength(0);

  await item.getByTestId('queue-dispatch').click();
  const outcome = panel.getByTestId('dispatch-outcome');
  await expect(outcome).toHaveAttribute('data-status', 'unverified');
  await expect(outcome).toContainText('Sent');
  await shot(page, 'outcome');

  expect(flags.seen).toHaveLength(1);
  const got = flags.seen[0];
  expect(got?.method).toBe(method);
  expect(`${flags.url}${got?.path ?? ''}`).toBe(url);
  expect(got?.body).toBe(body);
  expect(got?.body).toBe('{"enabled":false,"reason":"Sitrep kill switch for tool search"}');
  await expect(panel.getByTestId('queue-item')).toHaveCount(0);
});

test('a POST to the contract endpoint cannot dispatch without an approval, and sends nothing', async ({ request }) => {
  const before = flags.seen.length;
  expect(await invoke(request, 'journal.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  expect(await invoke(request, 'auth.signIn', { username: OTHER, password: PASSWORD, code: totp(otherSecret, Date.now()) })).toMatchObject({ ok: true });
  const plan = await invoke(request, 'remediation.preview', { actionId: 'webhook.tool_kill_switch', params: { flag_key: 'agent-tool-shell', tool: 'shell', enabled: false }, target: target('(forged)') });
  expect(plan).toMatchObject({ ok: true });
  const planId = String(plan.value?.planId);
  const refused = await invoke(request, 'remediation.dispatch', { planId });
  expect(refused, JSON.stringify(refused)).toMatchObject({ ok: true, value: { status: 'refused', reason: 'no_approval' } });
  const forged = { v: 1, kind: 'approval', approvalId: 'x', operator: { id: 'x', name: NAME }, publicKey: '', hash: '0'.repeat(64), signedAt: Date.now(), expiresAt: Date.now() + 60_000, nonce: 'n'.repeat(16), signature: 'AAAA' };
  expect(await invoke(request, 'remediation.dispatch', { planId, approvals: [forged] })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  expect(await invoke(request, 'remediation.approve', { planId, grantId: 'not-a-grant' })).toMatchObject({ ok: false });
  expect(await invoke(request, 'remediation.dispatch', { planId })).toMatchObject({ ok: true, value: { status: 'refused' } });
  expect(flags.seen.length).toBe(before);
});

test('observation mode: the panel says nothing is sent, and what responders did by hand is scored beside it', async ({ page }) => {
  writeFileSync(join(dir, 'policy.yaml'), POLICY.replace('mode: enforce', 'mode: observe'));
  const before = flags.seen.length;
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expect(page.getByTestId('auth-indicator')).toHaveAttribute('data-state', 'active');
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('hypothesis-1')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('r');
  const panel = page.getByTestId('runbook-panel');
  await expect(panel.getByTestId('policy-mode')).toHaveAttribute('data-mode', 'observe');
  await expect(panel.getByTestId('policy-mode')).toContainText('nothing is sent to production');
  await panel.getByTestId('runbook-prompt-tool-off').click();
  await panel.getByTestId('prepare-kill-switch').click();
  await panel.getByTestId('preview-target').fill(JSON.stringify(target(), null, 2));
  await panel.getByTestId('preview-run').click();
  await expect(panel.getByTestId('plan-request')).toHaveCount(1);
  const human = panel.getByTestId('obs-human');
  await expect(human).toHaveText('0');
  await panel.getByTestId('plan-done-by-hand').click();
  await expect(panel.getByTestId('plan-done-by-hand')).toHaveText('Recorded as done by hand');
  await expect(human).toHaveText('1');
  await shot(page, 'observe');
  expect(flags.seen.length).toBe(before);
});
