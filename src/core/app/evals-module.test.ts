/** The eval, monitor and report channels through the dispatcher: who may export, what is journaled, what comes back. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EvalExport, type IncidentReport, MonitorProposal } from '../../shared/contract-evals';
import type { Envelope } from '../../shared/envelope';
import { ContractFailure } from '../../shared/envelope';
import type { Incident } from '../../shared/incident';
import { createDispatcher } from '../contract/dispatcher';
import type { Handlers, SenderInfo } from '../contract/handlers';
import { generateDemo } from '../demo';
import type { JournalService } from '../journal/service';
import { MODEL_SETTINGS_FILE } from '../model/settings';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import type { CoreContext } from './context';
import { createEvalsModule } from './evals-module';

const operator: SenderInfo = { host: 'test', role: 'operator' };
const viewer: SenderInfo = { host: 'test', role: 'viewer' };

let store: EventStore;
let demo: Incident;
let dir: string;
const notes: { kind: string; payload: unknown; actor: string }[] = [];

function context(dataDir: string | null): CoreContext {
  const journal = { append: (kind: string, payload: unknown, actor: string) => (notes.push({ kind, payload, actor }), { status: 'queued', queued: notes.length }) } as unknown as JournalService;
  return { store, host: 'test', version: 'test', readOnly: false, dataDir, emit: () => undefined, log: () => undefined, journal };
}

const dispatchFor = (ctx: CoreContext) => createDispatcher(createEvalsModule(ctx).handlers as unknown as Handlers, { log: () => undefined });
const value = <T>(env: Envelope<unknown>): T => {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value as T;
};

beforeAll(() => {
  store = openStore(':memory:');
  demo = generateDemo(store, { events: 5_000 }).incident;
  dir = mkdtempSync(join(tmpdir(), 'sitrep-evals-module-'));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evals.export', () => {
  test('an operator gets the cases (redacted), and the export is journaled with who and how', async () => {
    notes.length = 0;
    const out = value<EvalExport>(await dispatchFor(context(null))('evals.export', { incidentId: demo.id }, operator));
    expect(EvalExport.parse(out).raw).toBe(false);
    expect(out.cases).toBeGreaterThan(0);
    expect(notes).toEqual([
      { kind: 'note', actor: 'test:commander', payload: { text: `Exported ${out.cases} eval case(s) from incident ${demo.id}, redacted`, detail: { export: 'eval_cases', incidentId: demo.id, cases: out.cases, raw: false, fileName: out.fileName } } },
    ]);
  });

  test('viewers are refused, by the dispatcher and by the handler itself', async () => {
    const env = await dispatchFor(context(null))('evals.export', { incidentId: demo.id, raw: true }, viewer);
    expect(env).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const handler = createEvalsModule(context(null)).handlers['evals.export'];
    expect(() => handler({ incidentId: demo.id, raw: true }, viewer)).toThrow(ContractFailure);
  });

  test('bad input and unknown incidents get typed errors', async () => {
    const d = dispatchFor(context(null));
    expect(await d('evals.export', { incidentId: demo.id, raw: 'yes' }, operator)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await d('evals.export', { incidentId: 'INC-NONE' }, operator)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('the model settings’ custom redaction patterns apply; invalid settings stop the export with why', async () => {
    // The order numbers the tool rejected ("got \"12345678\"") are a team's own sensitive value here.
    writeFileSync(join(dir, MODEL_SETTINGS_FILE), JSON.stringify({ redaction: { custom: [{ name: 'order_number', pattern: '\\b[0-9]{8}\\b' }] } }));
    const out = value<EvalExport>(await dispatchFor(context(dir))('evals.export', { incidentId: demo.id }, operator));
    expect(out.redacted.order_number).toBeGreaterThan(0);
    expect(out.jsonl).toContain('⟦ORDER_NUMBER_1⟧');
    expect(out.jsonl).not.toMatch(/got \\"[0-9]{8}\\"/);
    writeFileSync(join(dir, MODEL_SETTINGS_FILE), '{ not json');
    const env = await dispatchFor(context(dir))('evals.export', { incidentId: demo.id }, operator);
    expect(env).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/is not valid JSON.*nothing was exported/) } });
  });
});

describe('monitors.propose and report.get', () => {
  test('operators get the proposal and the report', async () => {
    const d = dispatchFor(context(null));
    const p = value<MonitorProposal>(await d('monitors.propose', { incidentId: demo.id }, operator));
    expect(MonitorProposal.parse(p).incidentId).toBe(demo.id);
    expect(p.yaml).toMatch(/^# Alerting rules proposed by Sitrep/);
    const r = value<IncidentReport>(await d('report.get', {}, operator));
    expect(r.incidents).toBe(1);
    expect(r.granularity).toBe('week');
  });

  test('the report refuses a granularity it does not know', async () => {
    expect(await dispatchFor(context(null))('report.get', { granularity: 'day' }, operator)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
