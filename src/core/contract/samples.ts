/**
 * One good input, one malformed input and one valid output per channel. Typed as a mapped type
 * over Channel, so adding a channel without samples fails the typecheck, and the contract test
 * fails at runtime for any channel in CHANNELS without an entry. Test and fake-host material.
 */
import type { Channel, ChannelInput, ChannelOutput, CoreChannel } from '../../shared/contract';
import { connectionSamples } from '../connections/samples';
import { ingestSamples } from '../import/samples';
import { analysisSamples } from '../app/analysis-samples';
import { modelSamples } from '../app/model-samples';
import { governanceSamples } from '../app/governance-samples';
import { remediationSamples } from '../app/remediation-samples';
import { presentationSamples } from '../app/presentation-samples';
import { shareSamples } from '../app/share-samples';
import { bundleSamples } from '../app/bundle-samples';
import { evalsSamples } from '../app/evals-samples';
import { postmortemSamples } from '../app/postmortem-samples';
import type { IncidentSummary } from '../../shared/incident';

export type ChannelSample<C extends Channel> = {
  good: ChannelInput<C>;
  /** Something a hostile or buggy renderer might send; must be refused with bad_input. */
  bad: unknown;
  output: ChannelOutput<C>;
};
export type ContractSamples = { [C in Channel]: ChannelSample<C> };

const T0 = 1_700_000_000_000;

export const sampleIncident: IncidentSummary = {
  id: 'inc-1',
  title: 'Checkout assistant answers time out',
  severity: 'sev2',
  status: 'open',
  startedAt: T0,
  detectedAt: T0 + 60_000,
  resolvedAt: null,
  windowFrom: T0 - 3_600_000,
  windowTo: T0 + 3_600_000,
  services: ['checkout-assistant'],
  summary: 'p95 latency of the assistant went from 2 s to 30 s after a prompt change.',
  counts: { events: 10, errors: 2, alerts: 1, changes: 1 },
};

const coreSamples: { [C in CoreChannel]: ChannelSample<C> } = {
  'app.info': {
    good: {},
    bad: { verbose: true },
    output: {
      name: 'Sitrep',
      version: '0.1.0',
      host: 'browser',
      store: { path: ':memory:', events: 0, series: 0, points: 0 },
      readOnly: false,
    },
  },
  'incidents.list': { good: {}, bad: 'all', output: [sampleIncident] },
  'incidents.get': { good: { id: 'inc-1' }, bad: { id: '' }, output: sampleIncident },
  'timeline.window': {
    good: { from: T0, to: T0 + 60_000, widthPx: 600, lanes: [{ type: 'events', lane: 'logs' }] },
    bad: { from: T0, to: T0 - 1, widthPx: 600, lanes: [{ type: 'events', lane: 'logs' }] },
    output: { from: T0, to: T0 + 60_000, widthPx: 600, bucketMs: 100, resolution: 'raw', lanes: [], tookMs: 1 },
  },
  'events.get': {
    good: { id: 7 },
    bad: { id: '7' },
    output: {
      id: 7,
      lane: 'logs',
      event: { kind: 'log', ts: T0, service: 'checkout-assistant', severity: 'error', body: 'upstream timeout' },
      related: [],
    },
  },
  'events.list': {
    good: { from: T0, to: T0 + 60_000 },
    bad: { from: T0, to: T0 + 60_000, limit: 100_000 },
    output: { rows: [], next: null },
  },
};

export const contractSamples: ContractSamples = { ...coreSamples, ...connectionSamples, ...ingestSamples, ...analysisSamples, ...modelSamples, ...governanceSamples, ...remediationSamples, ...presentationSamples, ...shareSamples, ...bundleSamples, ...evalsSamples, ...postmortemSamples };
