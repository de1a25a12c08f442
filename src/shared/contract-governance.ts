/**
 * Contract channels of governance (declared here, spread into ../contract.ts): operators signing
 * in (password + TOTP), the idle lock, step-up at confirmation time, and the encrypted journal
 * (unlock, list, verify, export, the commander's notes).
 *
 * The session lives in the core, one per sender (the desktop window; the browser host's token):
 * the renderer never receives a session secret, only what it may show (who, which state, when
 * the idle lock falls). No output ever carries a password, TOTP secret, passphrase or key.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();
const epochMs = z.number().int().min(0).max(8_640_000_000_000);

export const OPERATOR_ROLES = ['commander', 'approver', 'viewer'] as const;
export const OperatorRole = z.enum(OPERATOR_ROLES);
export type OperatorRole = z.infer<typeof OperatorRole>;

/** The journal's entry kinds (core/journal/kinds.ts keeps the payload shapes; a test keeps both lists equal). */
export const JOURNAL_ENTRY_KINDS = [
  'evidence',
  'hypothesis',
  'model_io',
  'approval',
  'dispatching',
  'dispatch_result',
  'verification',
  'break_glass',
  'decision',
  'note',
  'checkpoint',
] as const;
export const JournalEntryKind = z.enum(JOURNAL_ENTRY_KINDS);
export type JournalEntryKind = z.infer<typeof JournalEntryKind>;

const Password = z.string().min(1).max(1024);
/** Six digits; spaces (as authenticator apps show them: "123 456") are removed first. */
const TotpCode = z
  .string()
  .max(16)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'a 6-digit code'));

export const AuthState = z.enum(['signed_out', 'active', 'locked']);
export type AuthState = z.infer<typeof AuthState>;

export const AuthStatus = z.object({
  state: AuthState,
  operator: z.object({ name: z.string(), roles: z.array(OperatorRole) }).nullable(),
  /** How the session was opened. */
  method: z.enum(['password_totp', 'oidc']).nullable(),
  /** When an active session locks if nothing happens (ms epoch); null unless active. */
  lockAt: epochMs.nullable(),
  /** When the session ends regardless of activity; null when signed out. */
  expiresAt: epochMs.nullable(),
  /** The configured idle time before the lock. */
  idleLockMs: z.number().int().min(0),
  /** False when no operator exists yet (sign-in is then impossible: add one with `sitrep operator add`). */
  operatorsConfigured: z.boolean(),
  /** Organisation sign-in (OIDC) is configured. */
  oidc: z.boolean(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const SignInInput = z.object({ username: z.string().min(1).max(64), password: Password, code: TotpCode }).strict();
export type SignInInput = z.input<typeof SignInInput>;

export const ReauthInput = z.object({ password: Password, code: TotpCode }).strict();
export type ReauthInput = z.input<typeof ReauthInput>;

export const StepUpResult = z.object({
  /** Opaque id of a single-use grant held in the core; the confirmation that consumes it names it. */
  grantId: z.string().min(1).max(64),
  operator: z.string(),
  expiresAt: epochMs,
});
export type StepUpResult = z.infer<typeof StepUpResult>;

export const OidcBegin = z.object({
  /** Open this in the system browser; the provider redirects to a one-shot listener on 127.0.0.1. */
  authorizeUrl: z.string().url().max(4096),
  expiresAt: epochMs,
});
export type OidcBegin = z.infer<typeof OidcBegin>;

export const JournalState = z.enum(['unavailable', 'uninitialised', 'locked', 'unlocked']);
export type JournalState = z.infer<typeof JournalState>;

export const JournalStatus = z.object({
  state: JournalState,
  provider: z.enum(['passphrase', 'safeStorage']),
  /** Entries other features recorded while the journal was locked; written, in order, at unlock. */
  queued: z.number().int().min(0),
  /** Entries recorded while locked that were lost (the queue was full). */
  dropped: z.number().int().min(0),
  /** The last entry's number; null unless unlocked. */
  head: z.number().int().min(0).nullable(),
  note: z.string().optional(),
});
export type JournalStatus = z.infer<typeof JournalStatus>;

export const JournalListQuery = z
  .object({
    kinds: z.array(JournalEntryKind).max(JOURNAL_ENTRY_KINDS.length).optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
    /** Case-insensitive, over the actor, the kind and every value of the decrypted payload. */
    text: z.string().max(256).optional(),
    /** Newest first: pass the previous page's `next` to continue with older entries. */
    before: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
export type JournalListQuery = z.input<typeof JournalListQuery>;

export const JournalRow = z.object({
  seq: z.number().int().min(1),
  ts: epochMs,
  /** One of JOURNAL_ENTRY_KINDS, or whatever a tampered file says for an unreadable entry. */
  kind: z.string().max(64),
  actor: z.string(),
  /** One line for the list. */
  summary: z.string().max(400),
  /** The decrypted payload as indented JSON, cut at 16 KiB (`truncated`). */
  payload: z.string(),
  truncated: z.boolean(),
  hash: z.string(),
  /** The entry does not decrypt (it was modified): only its clear fields are shown. */
  unreadable: z.boolean(),
});
export type JournalRow = z.infer<typeof JournalRow>;

export const JournalPage = z.object({
  rows: z.array(JournalRow),
  /** `before` for the next (older) page; null at the start of the journal. */
  next: z.number().int().min(1).nullable(),
  /** Entries in the journal. */
  total: z.number().int().min(0),
});
export type JournalPage = z.infer<typeof JournalPage>;

export const JournalProblem = z.object({ seq: z.number().int().nullable(), code: z.string(), message: z.string() });
export const JournalVerifyResult = z.object({
  ok: z.boolean(),
  /** Entries that passed every check, in order from #1. */
  intact: z.number().int().min(0),
  head: z.number().int().min(0).nullable(),
  firstBad: JournalProblem.nullable(),
  problems: z.number().int().min(0),
  checkedAt: epochMs,
});
export type JournalVerifyResult = z.infer<typeof JournalVerifyResult>;

export const JournalExportInput = z
  .object({
    /** `encrypted`: a consistent copy verifiable with the same passphrase; `jsonl`: decrypted JSON Lines. */
    format: z.enum(['encrypted', 'jsonl']),
  })
  .strict();
export const JournalExportResult = z.object({
  /** Where the core wrote it: always the data folder's `exports/`, never a path the renderer chose. */
  path: z.string(),
  format: z.enum(['encrypted', 'jsonl']),
  entries: z.number().int().min(0),
  plaintext: z.boolean(),
});
export type JournalExportResult = z.infer<typeof JournalExportResult>;

export const Appended = z.object({ seq: z.number().int().min(1), ts: epochMs, hash: z.string() });

export const governanceChannels = {
  /** Who is signed in at this sender, and the idle lock. Not activity: polling keeps nothing alive. */
  'auth.status': { input: Empty, output: AuthStatus },
  /** Password + TOTP; replaces this sender's session. Wrong credentials: unauthorized (one message for all causes). */
  'auth.signIn': { input: SignInInput, output: AuthStatus },
  'auth.signOut': { input: Empty, output: AuthStatus },
  /** Re-opens this sender's idle-locked session (same operator): password + a new TOTP code. */
  'auth.unlock': { input: ReauthInput, output: AuthStatus },
  /** Locks this sender's session now. */
  'auth.lock': { input: Empty, output: AuthStatus },
  /** The person is active (keys, pointer): restarts the idle timer of an active session. */
  'auth.touch': { input: Empty, output: AuthStatus },
  /** Fresh password + TOTP at confirmation time: a single-use grant, valid 60 s, held in the core. */
  'auth.stepUp': { input: ReauthInput, output: StepUpResult },
  /** Organisation sign-in: starts the loopback listener and answers the URL to open. */
  'auth.oidcBegin': { input: Empty, output: OidcBegin },
  'journal.status': { input: Empty, output: JournalStatus },
  /** The passphrase opens the journal (or sets it up, on first use); queued entries are written. */
  'journal.unlock': { input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(), output: JournalStatus },
  'journal.list': { input: JournalListQuery, output: JournalPage },
  'journal.verify': { input: Empty, output: JournalVerifyResult },
  'journal.export': { input: JournalExportInput, output: JournalExportResult },
  /** A commander's note, signed by who is signed in. */
  'journal.note': { input: z.object({ text: z.string().trim().min(1).max(10_000) }).strict(), output: Appended },
} as const;

export const governancePushEvents = {
  /** Sign-in, sign-out, lock or journal state changed somewhere: refetch `auth.status` / `journal.status`. */
  'governance.changed': z.object({ areas: z.array(z.enum(['auth', 'journal'])).min(1) }),
} as const;
