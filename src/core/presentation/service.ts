/**
 * Presentation mode per seat (seatOf: the desktop window, or the browser host's token), forced
 * on for viewers of a live share. Gives the dispatcher its OutputView (one place where every
 * answer to a presenting seat or a viewer is masked) and the hosts their push filter.
 */
import type { z } from 'zod';
import { channels, type Channel, pushEvents, type PushEvent } from '../../shared/contract';
import type { PresentationPatch, PresentationSettings, PresentationState } from '../../shared/contract-presentation';
import { ContractFailure } from '../../shared/envelope';
import { isViewerPushEvent } from '../../shared/viewer-channels';
import { seatOf } from '../auth/seats';
import type { OutputView } from '../contract/dispatcher';
import type { SenderInfo } from '../contract/handlers';
import { fitToSchema } from './fit';
import { MaskBook } from './masks';
import { createViewRedactor, LearnedValues, type ViewRedactor } from './redactor';
import { labelWord } from './rules';
import type { SettingsFile, Stored } from './settings';

export interface PresentationService {
  state(sender: SenderInfo): PresentationState;
  set(sender: SenderInfo, patch: z.output<typeof PresentationPatch>): PresentationState;
  /** The redactor for what this sender sees, or null when they see everything. */
  redactorFor(sender: SenderInfo): ViewRedactor | null;
  view: OutputView;
  /** A push event as this sender may hear it, or undefined when they may not. */
  pushFor(sender: SenderInfo, event: PushEvent, payload: unknown): unknown;
}

/** Values already stored under sensitive labels (see ./store-values.ts); absent in tests without a store. */
export type StoredValues = (keys: readonly string[]) => Array<{ key: string; value: string }>;

/** How often the values stored under sensitive labels are looked up again while someone presents. */
export const RELEARN_MS = 30_000;

export function createPresentationService(
  file: SettingsFile,
  log: (message: string, detail: unknown) => void,
  opts: { storedValues?: StoredValues; now?: () => number } = {},
): PresentationService {
  let stored: Stored = file.load();
  if (stored.problem) log('[presentation] settings file unusable; defaults apply', stored.problem);
  const presenting = new Set(stored.presenting);
  const book = new MaskBook();
  const learned = new LearnedValues();
  let redactor = createViewRedactor(stored.settings, book, learned);
  const now = opts.now ?? Date.now;
  let learnedAt = -Infinity;

  const isOn = (sender: SenderInfo): boolean => sender.role === 'viewer' || presenting.has(seatOf(sender));

  /** Keeps the values stored under sensitive labels known, so free text naming them is masked too. */
  function relearn(force = false): void {
    const keys = stored.settings.sensitiveLabels;
    if (!opts.storedValues || keys.length === 0 || (!force && now() - learnedAt < RELEARN_MS)) return;
    learnedAt = now();
    try {
      for (const { key, value } of opts.storedValues(keys)) learned.add(value, labelWord(key), key.toLowerCase());
    } catch (err) {
      log('[presentation] could not read the values of sensitive labels from the store', err);
    }
  }

  function state(sender: SenderInfo): PresentationState {
    const viewer = sender.role === 'viewer';
    return { role: sender.role, on: isOn(sender), forced: viewer, settings: structuredClone(stored.settings), problem: stored.problem };
  }

  function persist(settings: PresentationSettings): void {
    try {
      file.save({ settings, presenting: [...presenting] });
    } catch (err) {
      throw new ContractFailure('internal', `Presentation settings could not be saved: ${(err as Error).message}`);
    }
  }

  const active = (sender: SenderInfo): ViewRedactor | null => {
    if (!isOn(sender)) return null;
    relearn();
    return redactor;
  };
  const redactorFor = active;

  const view: OutputView = {
    input(_channel: Channel, raw: unknown, sender: SenderInfo): unknown {
      return isOn(sender) ? redactor.restore(raw) : raw;
    },
    output(channel: Channel, value: unknown, sender: SenderInfo) {
      const r = active(sender);
      if (!r) return { ok: true, value };
      const fitted = fitToSchema(channels[channel].output, r.redact(value), value);
      return fitted.ok ? fitted : { ok: false, detail: fitted.issues.map((i) => ({ path: i.path.join('.'), code: i.code })) };
    },
    message(text: string, sender: SenderInfo): string {
      return active(sender)?.redact(text) ?? text;
    },
  };

  return {
    state,
    redactorFor,
    view,
    set(sender, patch) {
      if (sender.role === 'viewer') throw new ContractFailure('forbidden', 'A view-only share is always redacted');
      const settingsChange = patch.categories !== undefined || patch.sensitiveLabels !== undefined;
      if (settingsChange && stored.problem) throw new ContractFailure('bad_input', `${stored.problem}. Nothing was changed.`);
      const seat = seatOf(sender);
      if (patch.on === true) presenting.add(seat);
      if (patch.on === false) presenting.delete(seat);
      const settings: PresentationSettings = {
        categories: { ...stored.settings.categories, ...patch.categories },
        sensitiveLabels: patch.sensitiveLabels ? [...new Set(patch.sensitiveLabels)] : stored.settings.sensitiveLabels,
      };
      // A broken file keeps the mode in memory only (it is never overwritten).
      if (!stored.problem) persist(settings);
      if (settingsChange) {
        stored = { ...stored, settings };
        redactor = createViewRedactor(settings, book, learned);
        relearn(true);
      }
      return state(sender);
    },
    pushFor(sender, event, payload) {
      if (sender.role === 'viewer' && !isViewerPushEvent(event)) return undefined;
      const r = active(sender);
      if (!r) return payload;
      const fitted = fitToSchema(pushEvents[event], r.redact(payload), payload);
      if (fitted.ok) return fitted.value;
      log(`[presentation] dropped a ${event} push that does not fit its schema once masked`, fitted.issues.slice(0, 3));
      return undefined;
    },
  };
}
