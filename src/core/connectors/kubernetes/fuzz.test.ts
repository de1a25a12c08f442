import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { kubernetesFormats } from './formats';
import { asJson, asYaml, fuzzFormats } from './fuzz-harness';
import { parseKubernetes } from './parse';

describeFixtures('kubernetes parser: bad input never crashes, never half-maps', () => {
  it('holds over the recorded EventList, watch stream and OpenShift list', () => {
    fuzzFormats(kubernetesFormats, [JSON.parse(readFixture('k8s_events/kspan_deployment-2-pods.events.json')), JSON.parse(readFixture('k8s_events/openshift_insights_events_openshift-machine-api.json'))], asJson, 60);
    const watch = parseAllDocuments(readFixture('k8s_events/kspan_deployment-2-pods.watch.yaml')).map((d) => d.toJSON() as unknown);
    fuzzFormats(kubernetesFormats, [watch.slice(0, 6)], asYaml, 60);
  });
  it('a 10 MB message is clamped, not refused', () => {
    const b = parseKubernetes([{ kind: 'Event', apiVersion: 'v1', reason: 'BackOff', type: 'Warning', message: 'x'.repeat(10 * 1024 * 1024), lastTimestamp: '2026-03-14T02:50:00Z', involvedObject: { kind: 'Pod', name: 'db-0' } }], 0);
    const log = b.events[0];
    expect(log?.kind === 'log' && log.body.endsWith('…[truncated]')).toBe(true);
  });
});
