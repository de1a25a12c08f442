import { it } from 'vitest';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { asJson, fuzzFormats } from '../kubernetes/fuzz-harness';
import { githubFormats } from './formats';

describeFixtures('github parser: bad input never crashes, never half-maps', () => {
  it('holds over the recorded deployment and deployment_status webhooks', () => {
    fuzzFormats(githubFormats, ['gh_deployment__payload.json', 'gh_deployment_status__gh-pages.json'].map((f) => JSON.parse(readFixture(`github_deployments/${f}`)) as unknown), asJson, 80);
  });
});
