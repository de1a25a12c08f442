import { it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { asJson, asYaml, fuzzFormats } from '../kubernetes/fuzz-harness';
import { argocdFormats } from './formats';

describeFixtures('argocd parser: bad input never crashes, never half-maps', () => {
  it('holds over the recorded Application and Rollouts', () => {
    fuzzFormats(argocdFormats, [JSON.parse(readFixture('argocd/argocd_application_with_status_history_diff-cache.json'))], asJson, 80);
    const ro = ['argo-rollouts_degraded_abortedRollout.yaml', 'argo-rollouts_canary_progressing_setWeightStep.yaml'].map((f) => parseAllDocuments(readFixture(`argocd/${f}`))[0]?.toJSON() as unknown);
    fuzzFormats(argocdFormats, ro, asYaml, 60);
  });
});
