import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostmortemExport, PostmortemSaveResult } from '../../shared/contract-postmortem';
import type { Envelope } from '../../shared/envelope';
import type { Postmortem } from '../../shared/postmortem';
import { testClock, testOperators } from '../auth/testing';
import { createDispatcher } from '../contract/dispatcher';
import { openJournal } from '../journal/journal';
import type { Handlers, SenderInfo } from '../contract/handlers';
import { readPdf } from '../postmortem/pdf-read';
import { handAnalysis, handStore, ID, T0 } from '../postmortem/test-kit';
import type { CoreContext } from './context';
import { createGovernanceModule } from './governance-module';
import { createPostmortemModule } from './postmortem-module';

const operator: SenderInfo = { host: 'test', role: 'operator' };
const viewer: SenderInfo = { host: 'test', role: 'viewer' };
const PASSPHRASE = 'journal passphrase for postmortem tests';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

async function setup(opts: { readOnly?: boolean; lockedJournal?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-pm-module-'));
  dirs.push(dir);
  if (opts.lockedJournal === true) (await openJournal(join(dir, 'journal.db'), { create: true, passphrase: () => Promise.resolve(PASSPHRASE) })).close();
  const clock = testClock(T0 + 200 * 60_000);
  const ops = await testOperators([['ana', ['commander']]], dir, clock);
  const store = handStore();
  handAnalysis(store);
  const logs: string[] = [];
  const ctx: CoreContext = { store, host: 'test', version: 't', readOnly: opts.readOnly === true, dataDir: dir, emit: () => undefined, log: (m) => void logs.push(m) };
  const gov = createGovernanceModule(ctx, { operators: ops.store, config: { idleMs: 3600_000, oidc: null }, now: clock.now });
  ctx.journal = gov.journal;
  ctx.auth = gov.auth;
  const pm = createPostmortemModule(ctx, { now: clock.now });
  const dispatch = createDispatcher({ ...gov.handlers, ...pm.handlers } as unknown as Handlers, { log: () => undefined });
  const call = (channel: string, input: unknown = {}, sender: SenderInfo = operator): Promise<Envelope<unknown>> => dispatch(channel, input, sender);
  const ok = async <T>(channel: string, input: unknown = {}, sender: SenderInfo = operator): Promise<T> => {
    const env = await call(channel, input, sender);
    if (!env.ok) throw new Error(`${channel}: ${env.error.code}: ${env.error.message}`);
    return env.value as T;
  };
  const signIn = () => ok('auth.signIn', { username: 'ana', password: ops.ops.get('ana')?.password ?? '', code: ops.code('ana') });
  return { ctx, store, gov, call, ok, signIn, clock, close: () => (gov.close?.(), store.close()) };
}

describe('postmortem channels', () => {
  it('refuses viewers on every channel', async () => {
    const s = await setup();
    for (const [channel, input] of [
      ['postmortem.draft', { incidentId: ID }],
      ['postmortem.save', { incidentId: ID, section: 'summary', text: 'x' }],
      ['postmortem.export', { incidentId: ID, format: 'md' }],
    ] as const) {
      expect(await s.call(channel, input, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    s.close();
  });

  it('refuses malformed input at the contract: unknown sections, texts over the limit, unknown formats', async () => {
    const s = await setup();
    expect(await s.call('postmortem.save', { incidentId: ID, section: 'conclusion', text: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.call('postmortem.save', { incidentId: ID, section: 'summary', text: 'x'.repeat(20_001) })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.call('postmortem.export', { incidentId: ID, format: 'docx' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.call('postmortem.draft', { incidentId: 'INC-NOPE' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    s.close();
  });

  it('with the journal locked: drafts without it and says why; an edit is saved and its journal entry waits for the unlock', async () => {
    const s = await setup({ lockedJournal: true });
    const p = await s.ok<Postmortem>('postmortem.draft', { incidentId: ID });
    expect(p.stored).toBe(true);
    expect(p.draft.journal).toMatchObject({ included: false, note: expect.stringMatching(/the journal is locked/) });
    const saved = await s.ok<PostmortemSaveResult>('postmortem.save', { incidentId: ID, section: 'summary', text: 'Deploy v2 broke chat; rolled back by hand.' });
    expect(saved.postmortem.sections.find((x) => x.key === 'summary')).toMatchObject({ edited: 'Deploy v2 broke chat; rolled back by hand.', editedBy: 'test:commander' });
    expect(saved.journal).toMatchObject({ status: 'queued', seq: null });
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    const entry = s.gov.journal.journal().list({ kind: 'note' })[0];
    expect(entry?.payload).toMatchObject({ text: `Postmortem of ${ID}: "Summary" edited`, detail: { type: 'postmortem_edited', incidentId: ID, section: 'summary', text: 'Deploy v2 broke chat; rolled back by hand.' } });
    s.close();
  });

  it('signed in with the journal open: the journal is read into the draft, edits are journaled at once, and the draft is kept from anyone signed out', async () => {
    const s = await setup();
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    await s.signIn();
    await s.ok('journal.note', { text: `Rolled back chat by hand (${ID})` });
    const p = await s.ok<Postmortem>('postmortem.draft', { incidentId: ID, regenerate: true });
    expect(p.draft.journal).toMatchObject({ included: true, entries: 1 });
    expect(p.draft.timeline.find((l) => l.source === 'journal')).toMatchObject({ kind: 'note', actor: 'ana', journalSeq: 1 });
    const saved = await s.ok<PostmortemSaveResult>('postmortem.save', { incidentId: ID, section: 'action_items', text: '- Canary chat deploys' });
    expect(saved.journal).toMatchObject({ status: 'appended', seq: 2, note: 'journal #2' });
    expect(saved.postmortem.sections.find((x) => x.key === 'action_items')?.editedBy).toBe('ana');
    // The edit itself is journaled but never becomes a timeline line.
    const again = await s.ok<Postmortem>('postmortem.draft', { incidentId: ID, regenerate: true });
    expect(again.draft.journal.entries).toBe(2);
    expect(again.draft.timeline.filter((l) => l.source === 'journal')).toHaveLength(1);
    expect(again.sections.find((x) => x.key === 'action_items')?.edited).toBe('- Canary chat deploys');
    await s.ok('auth.signOut');
    expect(await s.call('postmortem.draft', { incidentId: ID })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/sign in/) } });
    expect(await s.call('postmortem.export', { incidentId: ID, format: 'md' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // Regenerating while signed out drops the journal from the draft: then it can be read.
    const without = await s.ok<Postmortem>('postmortem.draft', { incidentId: ID, regenerate: true });
    expect(without.draft.journal).toMatchObject({ included: false, note: expect.stringMatching(/signed-in operators only/) });
    s.close();
  });

  it('discarding edits regenerates, reverts every section and is journaled', async () => {
    const s = await setup();
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    await s.ok('postmortem.save', { incidentId: ID, section: 'impact', text: 'ours' });
    const back = await s.ok<Postmortem>('postmortem.draft', { incidentId: ID, regenerate: true, discardEdits: true });
    expect(back.sections.every((x) => x.edited === null)).toBe(true);
    const texts = s.gov.journal.journal().list({ kind: 'note' }).map((e) => (e.payload as { text: string }).text);
    expect(texts).toEqual([`Postmortem of ${ID}: "Impact" edited`, `Postmortem of ${ID}: every edit discarded, back to the generated text`]);
    expect(await s.call('postmortem.draft', { incidentId: ID, discardEdits: true })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    s.close();
  });

  it('exports Markdown and PDF bytes with the edited text; the PDF page count is the one a reader counts', async () => {
    const s = await setup();
    await s.ok('postmortem.save', { incidentId: ID, section: 'root_cause', text: 'Deploy chat v2 dropped the retry budget.' });
    const md = await s.ok<PostmortemExport>('postmortem.export', { incidentId: ID, format: 'md' });
    expect(md).toMatchObject({ format: 'md', fileName: `postmortem-${ID}.md`, mimeType: 'text/markdown', pages: null });
    const text = Buffer.from(md.base64, 'base64').toString('utf8');
    expect(md.bytes).toBe(Buffer.byteLength(text));
    expect(text).toContain('## Root cause\n\nDeploy chat v2 dropped the retry budget.');
    const pdf = await s.ok<PostmortemExport>('postmortem.export', { incidentId: ID, format: 'pdf' });
    expect(pdf).toMatchObject({ format: 'pdf', fileName: `postmortem-${ID}.pdf`, mimeType: 'application/pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const read = await readPdf(bytes);
    expect(read.pages).toBe(pdf.pages);
    expect(read.text.join('\n')).toContain('Deploy chat v2 dropped the retry budget.');
    s.close();
  });

  it('a read-only core shows a draft it does not store, and refuses edits', async () => {
    const s = await setup({ readOnly: true });
    const p = await s.ok<Postmortem>('postmortem.draft', { incidentId: ID });
    expect(p.stored).toBe(false);
    expect(await s.call('postmortem.save', { incidentId: ID, section: 'summary', text: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/read-only/) } });
    s.close();
  });
});
