/**
 * The contract's channel and push-event names as plain arrays, without zod, so the sandboxed
 * preload can check names without bundling the schemas. `channel-names.test.ts` asserts these
 * lists equal `CHANNELS` / `PUSH_EVENTS` from ./contract, so they cannot drift.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'incidents.list',
  'incidents.get',
  'timeline.window',
  'events.get',
  'events.list',
  'connections.list',
  'connections.add',
  'connections.remove',
  'connections.test',
  'vault.status',
  'vault.unlock',
  'vault.init',
  'import.paths',
  'import.cancel',
  'live.watch',
  'live.unwatch',
  'analysis.run',
  'analysis.latest',
  'analysis.decide',
  'model.settings.get',
  'model.settings.set',
  'model.doctor',
  'analysis.review.start',
  'analysis.review.cancel',
  'auth.status',
  'auth.signIn',
  'auth.signOut',
  'auth.unlock',
  'auth.lock',
  'auth.touch',
  'auth.stepUp',
  'auth.oidcBegin',
  'journal.status',
  'journal.unlock',
  'journal.list',
  'journal.verify',
  'journal.export',
  'journal.note',
  'runbooks.forIncident',
  'remediation.diagnose',
  'remediation.preview',
  'remediation.approve',
  'remediation.pending',
  'remediation.dispatch',
  'remediation.observations',
  'remediation.recordHuman',
  'presentation.get',
  'presentation.set',
  'share.start',
  'share.status',
  'share.stop',
  'share.follow',
  'share.state',
  'bundle.export',
  'bundle.upload',
  'bundle.inspect',
  'bundle.open',
  'bundle.discard',
  'bundle.journal',
  'evals.export',
  'monitors.propose',
  'report.get',
  'postmortem.draft',
  'postmortem.save',
  'postmortem.export',
] as const;

export const PUSH_EVENT_NAMES = ['app.command', 'store.changed', 'incidents.changed', 'import.progress', 'live.status', 'analysis.review.progress', 'governance.changed', 'share.view', 'share.ended', 'share.changed'] as const;

const channelSet: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const pushSet: ReadonlySet<string> = new Set(PUSH_EVENT_NAMES);

export function isChannelName(name: unknown): name is (typeof CHANNEL_NAMES)[number] {
  return typeof name === 'string' && channelSet.has(name);
}

export function isPushEventName(name: unknown): name is (typeof PUSH_EVENT_NAMES)[number] {
  return typeof name === 'string' && pushSet.has(name);
}
