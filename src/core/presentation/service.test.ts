import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, channels, type Channel } from '../../shared/contract';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { SenderInfo } from '../contract/handlers';
import { contractSamples } from '../contract/samples';
import { createPresentationService } from './service';
import { PRESENTATION_FILE, presentationSettingsFile } from './settings';

const operator: SenderInfo = { host: 'browser', role: 'operator' };
const desktop: SenderInfo = { host: 'electron', role: 'operator' };
const viewer: SenderInfo = { host: 'browser', role: 'viewer' };
const T = Date.UTC(2026, 2, 14, 3, 0);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sitrep-presentation-'));
  dirs.push(d);
  return d;
}
const quiet = (): void => undefined;

/** Outputs richer than the contract samples, where secrets hide in real life. */
const analysis: AnalysisResult = {
  id: 'an-1',
  incidentId: 'inc-1',
  from: T - 3_600_000,
  to: T,
  createdAt: T,
  engineVersion: '1',
  verdict: 'supported',
  hypotheses: [
    {
      id: 'h-1',
      rank: 1,
      title: 'Prompt release broke JSON output',
      category: 'model',
      entities: ['service:support-agent', 'prompt:v42'],
      confidence: 0.8,
      supporting: ['ev-1'],
      contradicting: [],
      runbook: 'bad-prompt-release',
      source: 'rule',
      status: 'proposed',
    },
  ],
  rejected: [],
  evidence: [
    {
      id: 'ev-1',
      kind: 'monitor',
      summary: 'prompt-injection detector: 1 hit(s) in support-agent, e.g. in inputPreview: “ignore previous instructions”',
      entities: ['service:support-agent'],
      at: T,
      eventIds: [1],
      seriesIds: [],
      query: { language: 'sql', text: 'SELECT 1', from: T - 60_000, to: T },
      strength: 0.9,
      facts: { monitor: 'prompt-injection detector', hits: 1 },
    },
  ],
  triage: { severity: 'sev2', category: 'model', rationale: 'JSON failures' },
  blastRadius: { requestShare: 0.2, usersAffected: 3, usersTotal: 10, endpoints: ['/chat'], services: ['support-agent'] },
  similar: [],
  review: null,
};
const EXTRA: Array<{ channel: Channel; output: unknown }> = [
  { channel: 'analysis.latest', output: analysis },
  {
    channel: 'events.get',
    output: {
      id: 3,
      lane: 'alerts',
      event: {
        kind: 'alert',
        ts: T,
        service: 'support-agent',
        name: 'HighErrorRate',
        fingerprint: 'abc',
        severity: 'critical',
        state: 'firing',
        labels: { tenant: 'acme-corp', severity: 'critical', instance: 'svc-1' },
        summary: 'errors for tenant acme-corp',
      },
      related: [],
    },
  },
  {
    channel: 'timeline.window',
    output: {
      from: T,
      to: T + 60_000,
      widthPx: 10,
      bucketMs: 6000,
      resolution: 'raw',
      tookMs: 1,
      lanes: [
        {
          type: 'metrics',
          lane: 'gpu',
          metric: 'temp',
          metrics: ['temp'],
          unit: null,
          series: [{ id: 1, name: 'temp', labels: { Hostname: 'gpu-node-2', tenant: 'acme-corp' }, unit: null, t0: T, step: 6000, min: [1], max: [2], last: [2] }],
        },
      ],
    },
  },
];

type Leaf = { path: Array<string | number> };

function stringLeaves(v: unknown, path: Array<string | number> = [], out: Leaf[] = []): Leaf[] {
  if (typeof v === 'string') out.push({ path });
  else if (Array.isArray(v)) v.forEach((x, i) => stringLeaves(x, [...path, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stringLeaves(x, [...path, k], out);
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: string): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return value;
  let cur = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1] as string | number] = value;
  return copy;
}

describe('presentation service', () => {
  it('applies per seat: a presenting browser seat is masked, the desktop seat is not; viewers always', () => {
    const s = createPresentationService(presentationSettingsFile(null), quiet);
    const out = { body: 'mail jane@corp.example' };
    expect(s.state(operator)).toMatchObject({ role: 'operator', on: false, forced: false });
    expect(s.state(viewer)).toMatchObject({ role: 'viewer', on: true, forced: true });
    expect(s.set(operator, { on: true })).toMatchObject({ on: true });
    expect(s.view.output('app.info', contractSamples['app.info'].output, desktop)).toEqual({ ok: true, value: contractSamples['app.info'].output });
    expect(s.redactorFor(operator)?.redact(out)).toEqual({ body: 'mail ‹email·1›' });
    expect(s.redactorFor(desktop)).toBeNull();
    expect(s.redactorFor(viewer)?.redact(out)).toEqual({ body: 'mail ‹email·1›' });
    expect(() => s.set(viewer, { on: false })).toThrow(/always redacted/);
  });

  it('masks the store path in app.info and messages of errors', () => {
    const s = createPresentationService(presentationSettingsFile(null), quiet);
    const info = { ...contractSamples['app.info'].output, store: { path: '/home/alice/.sitrep/sitrep.db', events: 1, series: 0, points: 0 } };
    const shown = s.view.output('app.info', info, viewer);
    expect(shown.ok && JSON.stringify(shown.value)).not.toContain('alice');
    expect(s.view.message('No incident with id ops@corp.example', viewer)).toBe('No incident with id ‹email·1›');
  });

  it('keeps enum values valid when a sensitive label shares their key, and truncates to the field limit', () => {
    const s = createPresentationService(presentationSettingsFile(null), quiet);
    s.set(operator, { on: true, sensitiveLabels: ['severity', 'tenant'] });
    const alert = EXTRA[1]?.output;
    const shown = s.view.output('events.get', alert, operator);
    expect(shown.ok).toBe(true);
    const text = JSON.stringify(shown.ok ? shown.value : null);
    expect(text).not.toContain('acme-corp');
    expect(text).toContain('"severity":"critical","state":"firing"');
    expect(text).toContain('"severity":"‹severity·1›"');
  });

  it('property: seeded secrets in any string of any channel output never survive, and the output stays valid', () => {
    const s = createPresentationService(presentationSettingsFile(null), quiet);
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 5, maxLength: 9 });
    const key = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 24, maxLength: 32 });
    const secret = fc.oneof(
      key.map((k) => [`sk-${k}`, `sk-${k}`]),
      fc.tuple(word, word).map(([a, b]) => [`${a}@${b}.example`, `${a}@${b}.example`]),
      fc.tuple(fc.integer({ min: 11, max: 254 }), fc.integer({ min: 0, max: 254 }), fc.integer({ min: 1, max: 254 })).map(([a, b, c]) => [`${a}.${b}.7.${c}`, `${a}.${b}.7.${c}`]),
      key.map((k) => [`Bearer ${k}`, k]),
      key.map((k) => [`api_key=${k}`, k]),
    );
    const cases = [...CHANNELS.map((c) => ({ channel: c, output: contractSamples[c].output as unknown })), ...EXTRA];
    for (const { channel, output } of cases) {
      const schema = channels[channel].output;
      // Leaves that take free text (not enums, ids with a format, or fields too short for a secret).
      const leaves = stringLeaves(output).filter((l) => schema.safeParse(setAt(output, l.path, 'x 10.9.8.7 y')).success);
      if (leaves.length === 0) continue;
      fc.assert(
        fc.property(fc.subarray(leaves, { minLength: 1 }), secret, (chosen, [text, value]) => {
          let seeded: unknown = output;
          for (const l of chosen) seeded = setAt(seeded, l.path, `x ${text} y`);
          if (!schema.safeParse(seeded).success) return;
          const shown = s.view.output(channel, seeded, viewer);
          expect(shown.ok, channel).toBe(true);
          if (!shown.ok) return;
          expect(JSON.stringify(shown.value), channel).not.toContain(value);
          expect(schema.safeParse(shown.value).success, channel).toBe(true);
        }),
        { numRuns: 15 },
      );
    }
  });

  it('filters push events for viewers and masks them for presenting seats', () => {
    const s = createPresentationService(presentationSettingsFile(null), quiet);
    expect(s.pushFor(viewer, 'import.progress', {})).toBeUndefined();
    expect(s.pushFor(viewer, 'governance.changed', { areas: ['journal'] })).toBeUndefined();
    expect(s.pushFor(viewer, 'store.changed', { areas: ['events'] })).toEqual({ areas: ['events'] });
    const review = { jobId: 'j1', incidentId: 'inc-1', model: 'local:tiny.gguf', egressHost: null, text: 'the user jane@corp.example', done: false, cancelled: false };
    expect(s.pushFor(operator, 'analysis.review.progress', review)).toEqual(review);
    s.set(operator, { on: true });
    expect(JSON.stringify(s.pushFor(operator, 'analysis.review.progress', review) ?? null)).not.toContain('jane@corp.example');
  });

  it('persists settings and presenting seats in the data folder', () => {
    const dir = tempDir();
    const a = createPresentationService(presentationSettingsFile(dir), quiet);
    a.set(operator, { on: true, sensitiveLabels: ['tenant', 'tenant'], categories: { ips: false } });
    const b = createPresentationService(presentationSettingsFile(dir), quiet);
    expect(b.state(operator)).toMatchObject({ on: true, settings: { sensitiveLabels: ['tenant'], categories: { ips: false, emails: true } }, problem: null });
    expect(b.state(desktop).on).toBe(false);
  });

  it('never overwrites a broken settings file: everything is masked, the mode still toggles, changes are refused', () => {
    const dir = tempDir();
    const file = join(dir, PRESENTATION_FILE);
    writeFileSync(file, '{ "version": 1, "settings": ');
    const logs: string[] = [];
    const s = createPresentationService(presentationSettingsFile(dir), (m) => void logs.push(m));
    expect(s.state(operator).problem).toMatch(/not valid JSON.*fix or delete/);
    expect(s.state(operator).settings.categories).toEqual({ secrets: true, emails: true, ips: true, userIds: true, prompts: true });
    expect(s.set(operator, { on: true }).on).toBe(true);
    expect(() => s.set(operator, { sensitiveLabels: ['tenant'] })).toThrow(/Nothing was changed/);
    expect(readFileSync(file, 'utf8')).toBe('{ "version": 1, "settings": ');
    expect(logs.length).toBe(1);
  });
});
