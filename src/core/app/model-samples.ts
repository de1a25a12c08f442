/** Contract samples (good input, bad input, valid output) for every model channel. */
import type { ModelSettingsView, modelChannels } from '../../shared/contract-model';
import type { ChannelSample } from '../contract/samples';

const view: ModelSettingsView = {
  mode: 'remote',
  local: { path: null, threads: null, contextSize: 4096, budgetTokens: 1500, redact: false },
  remote: { url: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b-instruct', apiKeyRef: 'env:OPENAI_API_KEY', budgetTokens: 4000 },
  redaction: { secrets: true, emails: true, ips: true, userIds: true },
  offline: false,
};

export const modelSamples: { [C in keyof typeof modelChannels]: ChannelSample<C> } = {
  'model.settings.get': { good: {}, bad: { withKey: true }, output: view },
  'model.settings.set': {
    good: { mode: 'remote', remote: { url: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b-instruct', apiKeyRef: null }, offline: false },
    // A renderer trying to hand the core an API key, or a file that is not a model.
    bad: { remote: { url: 'http://127.0.0.1:8000/v1', model: 'm', apiKeyRef: null, apiKey: 'sk-live-123' } },
    output: view,
  },
  'model.doctor': {
    good: {},
    bad: { path: '/etc/passwd' },
    output: { mode: 'remote', target: 'http://127.0.0.1:8000/v1', findings: [{ level: 'ok', check: 'reachable', message: '127.0.0.1:8000 answered the model list', fix: '' }] },
  },
  'analysis.review.start': { good: { incidentId: 'inc-1' }, bad: { incidentId: 'inc-1', model: 'remote:http://evil.example' }, output: { jobId: 'job-1' } },
  'analysis.review.cancel': { good: { jobId: 'job-1' }, bad: { jobId: '' }, output: { cancelled: true } },
};
