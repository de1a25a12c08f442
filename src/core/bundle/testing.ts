/**
 * Test material: a store holding the demo incident with a stored analysis and a decision, a
 * journal with entries about it (and one that is not), and an exporting operator's key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyObject, newSigningKeyPair } from '../auth/signing-key';
import type { OperatorPublic } from '../auth/operators-doc';
import { analyze, decideHypothesis, saveAnalysis } from '../analysis';
import { generateDemo } from '../demo';
import { openJournal, type Journal } from '../journal/journal';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import type { Exporter } from './write';

export const JOURNAL_PASSPHRASE = 'source journal passphrase';
export const BUNDLE_PASSPHRASE = 'correct horse battery staple';

export interface Source {
  dir: string;
  store: EventStore;
  journal: Journal;
  incidentId: string;
  analysisId: string;
  exporter: Exporter;
  operator: OperatorPublic;
}

export function makeExporter(name = 'ana'): { exporter: Exporter; operator: OperatorPublic } {
  const pair = newSigningKeyPair();
  const operator: OperatorPublic = { id: `op-${name}`, name, roles: ['commander'], disabled: false, createdAt: 0, publicKey: pair.publicKey };
  return { exporter: { id: operator.id, name, publicKey: pair.publicKey, signingKey: privateKeyObject(pair.privateKeyDer) }, operator };
}

export async function makeSource(events = 2_000): Promise<Source> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bundle-src-'));
  const store = openStore(join(dir, 'sitrep.db'));
  const { incident } = generateDemo(store, { events });
  const result = analyze(store, { from: incident.windowFrom, to: incident.windowTo, incidentId: incident.id, now: Date.UTC(2026, 2, 14, 4) });
  saveAnalysis(store, result);
  const top = result.hypotheses[0];
  const last = result.hypotheses[result.hypotheses.length - 1];
  if (top === undefined || last === undefined || top === last) throw new Error('the demo should give at least two hypotheses');
  decideHypothesis(store, result.id, last.id, 'rejected', 'the deploy touched nothing that degraded', 'ana');
  const journal = await openJournal(join(dir, 'journal.db'), { create: true, passphrase: () => Promise.resolve(JOURNAL_PASSPHRASE) });
  journal.append({ kind: 'note', actor: 'ana', payload: { text: 'Unrelated: paged the database on-call' } });
  journal.append({ kind: 'hypothesis', actor: 'ana', payload: { hypothesisId: top.id, title: top.title, detail: { analysisId: result.id, incidentId: incident.id } } });
  journal.append({ kind: 'decision', actor: 'ana', payload: { text: `Rejected hypothesis "${last.title}"`, detail: { incidentId: incident.id, analysisId: result.id } } });
  journal.append({ kind: 'note', actor: 'bo', payload: { text: `Rolled back the prompt for ${incident.id}` } });
  const { exporter, operator } = makeExporter();
  return { dir, store, journal, incidentId: incident.id, analysisId: result.id, exporter, operator };
}

export function emptyStore(): { dir: string; store: EventStore } {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bundle-dst-'));
  return { dir, store: openStore(join(dir, 'sitrep.db')) };
}
