import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/store';
import type { SenderInfo } from '../contract/handlers';
import { createPresentationService } from './service';
import { presentationSettingsFile } from './settings';
import { sensitiveValuesInStore } from './store-values';

const T = Date.UTC(2026, 2, 14, 3, 0);
const viewer: SenderInfo = { host: 'browser', role: 'viewer' };
const stores: Array<{ close(): void }> = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function storeWithLabels() {
  const store = openStore(':memory:');
  stores.push(store);
  store.ingest({
    events: [
      { kind: 'alert', ts: T, service: 'api', name: 'A', fingerprint: 'f', severity: 'warning', state: 'firing', labels: { tenant: 'globex-industries', 'customer.name': 'Initech' } },
      { kind: 'log', ts: T + 1, service: 'api', severity: 'info', body: 'quota exceeded for globex-industries' },
    ],
    series: [{ name: 'requests', labels: { tenant: 'umbrella-corp' }, lane: 'infra', points: [[T, 1]] }],
  });
  return store;
}

describe('values of sensitive labels in the store', () => {
  it('finds alert and series label values, dotted keys included', () => {
    const store = storeWithLabels();
    expect(sensitiveValuesInStore(store, ['tenant', 'customer.name']).sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { key: 'tenant', value: 'globex-industries' },
      { key: 'customer.name', value: 'Initech' },
      { key: 'tenant', value: 'umbrella-corp' },
    ]);
    expect(sensitiveValuesInStore(store, [])).toEqual([]);
  });

  it('masks a stored value in free text before any answer carrying its label was seen', () => {
    const store = storeWithLabels();
    const s = createPresentationService(presentationSettingsFile(null), () => undefined, { storedValues: (keys) => sensitiveValuesInStore(store, keys) });
    s.set({ host: 'browser', role: 'operator' }, { sensitiveLabels: ['tenant'] });
    expect(s.redactorFor(viewer)?.redact({ name: 'quota exceeded for globex-industries', other: 'umbrella-corp up' })).toEqual({
      name: 'quota exceeded for ‹tenant·1›',
      other: '‹tenant·2› up',
    });
  });
});
