/** Contract samples (good input, bad input, valid output) for every governance channel. */
import type { AuthStatus, governanceChannels, JournalStatus } from '../../shared/contract-governance';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 3, 0);

const signedIn: AuthStatus = {
  state: 'active',
  operator: { name: 'ana', roles: ['commander'] },
  method: 'password_totp',
  lockAt: T + 15 * 60_000,
  expiresAt: T + 12 * 3600_000,
  idleLockMs: 15 * 60_000,
  operatorsConfigured: true,
  oidc: false,
};
const signedOut: AuthStatus = { ...signedIn, state: 'signed_out', operator: null, method: null, lockAt: null, expiresAt: null };
const unlocked: JournalStatus = { state: 'unlocked', provider: 'passphrase', queued: 0, dropped: 0, head: 12 };

export const governanceSamples: { [C in keyof typeof governanceChannels]: ChannelSample<C> } = {
  'auth.status': { good: {}, bad: { sessionId: 'forged' }, output: signedIn },
  'auth.signIn': { good: { username: 'ana', password: 'correct horse battery', code: '123 456' }, bad: { username: 'ana', password: 'pw', code: '12345' }, output: signedIn },
  'auth.signOut': { good: {}, bad: { everyone: true }, output: signedOut },
  'auth.unlock': { good: { password: 'correct horse battery', code: '654321' }, bad: { password: 'x', code: 'abcdef' }, output: signedIn },
  'auth.lock': { good: {}, bad: { operator: 'ana' }, output: { ...signedIn, state: 'locked', lockAt: null } },
  'auth.touch': { good: {}, bad: { idleMs: 1e9 }, output: signedIn },
  'auth.stepUp': { good: { password: 'correct horse battery', code: '111111' }, bad: { password: '', code: '111111' }, output: { grantId: 'g-1', operator: 'ana', expiresAt: T + 60_000 } },
  'auth.oidcBegin': { good: {}, bad: { redirectUri: 'http://evil.example/' }, output: { authorizeUrl: 'https://login.example.com/authorize?client_id=sitrep', expiresAt: T + 300_000 } },
  'journal.status': { good: {}, bad: [], output: unlocked },
  'journal.unlock': { good: { passphrase: 'a long journal passphrase' }, bad: { passphrase: '' }, output: unlocked },
  'journal.list': {
    good: { kinds: ['note', 'decision'], text: 'rollback', limit: 50 },
    bad: { kinds: ['gossip'] },
    output: {
      rows: [{ seq: 12, ts: T, kind: 'note', actor: 'ana', summary: 'Rolled back the gateway', payload: '{\n  "text": "Rolled back the gateway"\n}', truncated: false, hash: 'ab'.repeat(32), unreadable: false }],
      next: null,
      total: 12,
    },
  },
  'journal.verify': { good: {}, bad: { checkpoint: '/etc/passwd' }, output: { ok: true, intact: 12, head: 12, firstBad: null, problems: 0, checkedAt: T } },
  'journal.export': {
    good: { format: 'encrypted' },
    bad: { format: 'jsonl', path: '/tmp/anywhere.jsonl' },
    output: { path: 'exports/journal-20260314T030000Z.db', format: 'encrypted', entries: 12, plaintext: false },
  },
  'journal.note': { good: { text: 'Paged the database on-call' }, bad: { text: '   ' }, output: { seq: 13, ts: T, hash: 'cd'.repeat(32) } },
};
