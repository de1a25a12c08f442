/**
 * A process for the crash-safety test: opens the journal through the stand-in keystore (no
 * passphrase, so it starts appending at once) and appends notes as fast as it can, printing
 * `<seq> <text>` synchronously after each append returns, until it is killed.
 */
import { writeSync } from 'node:fs';
import { openJournal } from '../journal';
import { testKeyProvider } from '../testing';

async function main(): Promise<void> {
  const path = process.env.SITREP_CRASH_JOURNAL;
  const key = process.env.SITREP_CRASH_KEYSTORE_KEY;
  const tag = process.env.SITREP_CRASH_TAG ?? 'x';
  if (!path || !key) throw new Error('SITREP_CRASH_JOURNAL and SITREP_CRASH_KEYSTORE_KEY are required');
  const journal = await openJournal(path, { provider: testKeyProvider(Buffer.from(key, 'hex')) });
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    const text = `${tag}-${i}`;
    const { seq } = journal.append({ kind: 'note', actor: 'crash-test', payload: { text } });
    writeSync(1, `${seq} ${text}\n`);
  }
}

main().catch((err: unknown) => {
  writeSync(2, `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
