/** Contract samples (good input, bad input, valid output) for every Connections channel. */
import type { ConnectionView } from '../../shared/connections';
import type { connectionChannels } from '../../shared/contract-connections';
import type { ChannelSample } from '../contract/samples';

const view: ConnectionView = {
  id: '0b6f3f0e-2c1a-4d5e-9f00-1a2b3c4d5e6f',
  name: 'prod-prometheus',
  kind: 'prometheus',
  url: 'https://prometheus.example.com',
  authType: 'bearer',
  headerNames: ['X-Scope-OrgID'],
  options: {},
  insecureSkipVerify: false,
  createdAt: 1_700_000_000_000,
};

export const connectionSamples: { [C in keyof typeof connectionChannels]: ChannelSample<C> } = {
  'connections.list': {
    good: {},
    bad: { all: true },
    output: [{ ...view, lastTest: { at: 1_700_000_100_000, result: { ok: true, latencyMs: 42, detail: 'Prometheus 2.42.0' } } }],
  },
  'connections.add': {
    good: { name: 'prod-prometheus', kind: 'prometheus', url: 'https://prometheus.example.com', auth: { type: 'bearer', token: 's3cr3t' } },
    bad: { name: 'x', kind: 'graphite', url: 'not a url' },
    output: view,
  },
  'connections.remove': { good: { id: view.id }, bad: { id: 7 }, output: { removed: true } },
  'connections.test': {
    good: { id: view.id },
    bad: {},
    output: { ok: false, code: 'unauthorized', message: '401 Unauthorized from prometheus.example.com: check the credentials', latencyMs: null },
  },
  'vault.status': { good: {}, bad: { passphrase: 'x' }, output: { state: 'locked', provider: 'passphrase' } },
  'vault.unlock': { good: { passphrase: 'correct horse battery' }, bad: { passphrase: '' }, output: { state: 'unlocked', provider: 'passphrase' } },
  'vault.init': { good: { passphrase: 'correct horse battery' }, bad: { passphrase: 42 }, output: { state: 'unlocked', provider: 'passphrase' } },
};
