/**
 * Journeys of the telemetry issue through the browser host: dropping files on the window imports
 * them (a good OTLP/JSON file lands on the timeline, a broken one is refused with its reason and
 * nothing of it is kept), and the Connections screen protects credentials with a passphrase,
 * adds a Prometheus connection and tests it against a real Prometheus and a dead port.
 */
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../src/core/testing/servers/process';
import { prometheusAvailable, startPrometheus } from '../src/core/testing/servers/prometheus';
import type { RunningServer } from '../src/core/testing/servers/process';
import { startHost, type Host } from './host';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ events: 5_000 });
});
test.afterAll(async () => {
  await host?.stop();
});

const T = Date.UTC(2026, 2, 14, 3, 5);
const otlpJson = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dropped-svc' } }] },
      scopeSpans: [
        {
          spans: Array.from({ length: 3 }, (_, i) => ({
            traceId: `5b8efff798038103d269b633813fc6${(10 + i).toString(16)}`,
            spanId: `eee19b7ec3c1b17${i}`,
            name: `chat e2e-model-${i}`,
            kind: 3,
            startTimeUnixNano: `${BigInt(T + i * 1000) * 1_000_000n}`,
            endTimeUnixNano: `${BigInt(T + i * 1000 + 400) * 1_000_000n}`,
            attributes: [
              { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
              { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
              { key: 'gen_ai.request.model', value: { stringValue: 'e2e-model' } },
              { key: 'gen_ai.usage.input_tokens', value: { intValue: '120' } },
              { key: 'gen_ai.usage.output_tokens', value: { intValue: '30' } },
            ],
            status: {},
          })),
        },
      ],
    },
  ],
});

/** Drags files over the window and drops them, as a file manager would. */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  const dt = await page.evaluateHandle((fs) => {
    const d = new DataTransfer();
    for (const f of fs) d.items.add(new File([f.text], f.name, { type: 'application/json' }));
    return d;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

async function llmCallsOf(page: Page, model: string): Promise<number> {
  return page.evaluate(async ([from, to, text]) => {
    const r = await fetch('/api/invoke/events.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from, to, kinds: ['llm_call'], text, limit: 50 }),
    });
    const env = (await r.json()) as { ok: boolean; value?: { rows: unknown[] } };
    return env.ok ? (env.value?.rows.length ?? -1) : -1;
  }, [T - 60_000, T + 60_000, model] as const);
}

test('dropping files imports them by content; a broken file is refused with its reason and leaves nothing behind', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /incidents/i }).first()).toBeVisible();
  expect(await llmCallsOf(page, 'e2e-model')).toBe(0);

  const broken = otlpJson.slice(0, Math.floor(otlpJson.length * 0.6)).replace('e2e-model-0', 'half-model');
  await dropFiles(page, [
    { name: 'export-from-collector.txt', text: otlpJson },
    { name: 'truncated.json', text: broken },
  ]);

  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result).toContainText('1 of 2 files imported');
  const good = result.locator('li.ok');
  await expect(good).toContainText('export-from-collector.txt');
  await expect(good).toContainText('3 LLM calls');
  const bad = result.locator('li.rejected');
  await expect(bad).toContainText('truncated.json');
  await expect(bad.locator('.import-detail')).toContainText(/line|offset|position|unexpected|truncated|end of/i);
  await expect(page.getByTestId('drop-overlay')).toBeHidden();

  expect(await llmCallsOf(page, 'e2e-model')).toBe(3);
  expect(await llmCallsOf(page, 'half-model')).toBe(0);

  // The same file again: recognised as already stored, nothing doubled.
  await result.getByRole('button', { name: 'Close the import summary' }).click();
  await dropFiles(page, [{ name: 'again.json', text: otlpJson }]);
  await expect(page.getByTestId('import-result')).toContainText('3 already stored', { timeout: 20_000 });
  expect(await llmCallsOf(page, 'e2e-model')).toBe(3);
});

test.describe('Connections screen', () => {
  let prom: RunningServer | null = null;
  test.beforeAll(async () => {
    if (prometheusAvailable()) prom = await startPrometheus({});
  });
  test.afterAll(async () => {
    await prom?.stop();
  });

  test('a passphrase protects credentials; a connection to a real Prometheus tests OK and a dead port says refused', async ({ page }) => {
    test.skip(!prom && process.env.CI !== 'true', 'Prometheus is not installed here (.ci/run installs it)');
    if (!prom) throw new Error('Prometheus is required under CI=true');
    const dead = await freePort();
    await page.goto(host.url);
    await page.getByTestId('open-connections').click();
    const screen = page.getByTestId('connections-screen');
    await expect(screen).toBeVisible();

    // First use: choose the vault passphrase (twice).
    const vault = page.getByTestId('vault-unlock');
    await vault.getByLabel('Passphrase').fill('correct horse battery staple');
    await vault.getByLabel('Repeat').fill('correct horse battery staple');
    await vault.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(vault).toBeHidden();

    const add = async (name: string, url: string, token: string): Promise<void> => {
      const form = page.getByTestId('connection-add');
      // A field by the text of its own label (a select's accessible name also holds its options).
      const field = (label: string) => form.locator('label.conn-field', { has: page.locator(`span:text-is("${label}")`) }).locator('input, select, textarea');
      await field('Name').fill(name);
      await field('Kind').selectOption('prometheus');
      await field('URL').fill(url);
      await field('Authentication').selectOption('bearer');
      await field('Token').fill(token);
      await form.getByRole('button', { name: 'Add connection' }).click();
      await expect(page.getByTestId(`connection-row-${name}`)).toBeVisible();
    };
    await add('lab-prometheus', prom.url, 'tok-e2e-secret-1');
    await add('dead-prometheus', `http://127.0.0.1:${dead}`, 'tok-e2e-secret-2');

    await page.getByTestId('connection-test-lab-prometheus').click();
    const okRow = page.getByTestId('connection-row-lab-prometheus');
    await expect(okRow.locator('.conn-result.ok')).toContainText(/OK · \d+ ms/, { timeout: 15_000 });

    await page.getByTestId('connection-test-dead-prometheus').click();
    const deadRow = page.getByTestId('connection-row-dead-prometheus');
    await expect(deadRow.locator('.conn-result.fail')).toContainText(/refused/i, { timeout: 15_000 });

    // The secret never comes back to the page.
    const html = await page.content();
    expect(html).not.toContain('tok-e2e-secret-1');
    expect(html).not.toContain('tok-e2e-secret-2');

    // Remove asks first, then removes.
    await deadRow.getByRole('button', { name: 'Remove dead-prometheus…' }).click();
    await deadRow.getByRole('button', { name: 'Remove dead-prometheus', exact: true }).click();
    await expect(deadRow).toBeHidden();
  });
});
