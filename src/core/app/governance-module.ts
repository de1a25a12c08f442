/**
 * Contract handlers of governance: sign-in (password + TOTP, or organisation sign-in), the idle
 * lock, step-up, and the journal (unlock, list, verify, export, notes). Also the services other
 * features use through the context: `ctx.journal` and `ctx.auth`.
 *
 * Who may do what: viewers (sender.role 'viewer') only read `auth.status` and `journal.status`.
 * Reading, verifying and exporting the journal need an operator sender; listing and exporting
 * need an active session too; a note needs a signed-in commander or approver. The journal stays
 * open (its key in memory) from unlock until the core closes, whoever is signed in, so features
 * keep recording while people come and go; signing out or the idle lock hide it from the screen.
 */
import type { governanceChannels } from '../../shared/contract-governance';
import { ContractFailure } from '../../shared/envelope';
import { loadGovernanceConfig, type GovernanceConfig } from '../auth/governance-config';
import { createOperatorStore, type OperatorStore } from '../auth/operators';
import { createSeats, type AuthService, type Seats, type SignedIn } from '../auth/seats';
import { createSessions } from '../auth/sessions';
import { desktopKeyProvider } from '../connections/key-provider';
import type { Handler, SenderInfo } from '../contract/handlers';
import { exportToDataDir } from '../journal/export-file';
import { toRow } from '../journal/rows';
import { createJournalService, journalPathFor, type JournalService } from '../journal/service';
import type { CoreContext, CoreModule } from './context';
import { governanceFailure, mapGovernance } from './governance-errors';
import { createOidcSignIn, type OidcSignIn } from './governance-oidc';

export type GovernanceHandlers = { [C in keyof typeof governanceChannels]: Handler<C> };

export interface GovernanceOptions {
  /** Default: operators.json in the data folder (memory without one). */
  operators?: OperatorStore;
  /** Default: `<dataDir>/journal.db` (none without a data folder). */
  journalPath?: string | null;
  /** Default: `<dataDir>/governance.json`. */
  config?: GovernanceConfig;
  now?: () => number;
}

export interface GovernanceModule extends CoreModule<GovernanceHandlers> {
  journal: JournalService;
  auth: AuthService;
  seats: Seats;
}

function operatorOnly(sender: SenderInfo, what: string): void {
  if (sender.role !== 'operator') throw new ContractFailure('forbidden', `Viewers cannot ${what}`);
}

function canWrite(who: SignedIn): void {
  if (!who.roles.includes('commander') && !who.roles.includes('approver')) {
    throw new ContractFailure('forbidden', `${who.name} has the viewer role only: notes and exports need a commander or approver`);
  }
}

export function createGovernanceModule(ctx: CoreContext, opts: GovernanceOptions = {}): GovernanceModule {
  const now = opts.now ?? Date.now;
  let config = opts.config;
  if (!config) {
    const loaded = loadGovernanceConfig(ctx.dataDir);
    if (loaded.problem) ctx.log(`[governance] ${loaded.problem}`, null);
    config = loaded.config;
  }
  const operators = opts.operators ?? createOperatorStore(ctx.dataDir, { now });
  const announce = (area: 'auth' | 'journal') => ctx.emit('governance.changed', { areas: [area] });
  const sessions = createSessions(operators, { idleMs: config.idleMs, now });
  const seats = createSeats(operators, sessions, { idleMs: config.idleMs, oidcConfigured: config.oidc !== null, now, onChange: () => announce('auth') });
  const journal = createJournalService({
    path: opts.journalPath !== undefined ? opts.journalPath : journalPathFor(ctx.dataDir),
    provider: ctx.host === 'electron' ? desktopKeyProvider() : null,
    log: ctx.log,
    now,
    onChange: () => announce('journal'),
  });
  const oidc: OidcSignIn | null = config.oidc ? createOidcSignIn(config.oidc, operators, { log: ctx.log, now }) : null;
  if (ctx.host === 'electron') void journal.tryKeystore();

  const auth: AuthService = {
    current: (sender) => seats.current(sender),
    require: (sender) => {
      try {
        return seats.require(sender);
      } catch (err) {
        throw governanceFailure(err) ?? err;
      }
    },
    takeGrant: (sender, grantId) => {
      try {
        return seats.takeGrant(sender, grantId);
      } catch (err) {
        throw governanceFailure(err) ?? err;
      }
    },
    operators,
  };

  function signInLog(sender: SenderInfo, err: unknown): void {
    const detail = (err as { extra?: { detail?: string } }).extra?.detail;
    ctx.log('[auth] sign-in refused', { host: sender.host, reason: detail ?? (err as Error).message });
  }

  const handlers: GovernanceHandlers = {
    'auth.status': (_input, sender) => mapGovernance(() => seats.status(sender)),
    'auth.signIn': ({ username, password, code }, sender) =>
      mapGovernance(async () => {
        operatorOnly(sender, 'sign in');
        try {
          return await seats.signIn(sender, username, password, code);
        } catch (err) {
          signInLog(sender, err);
          throw err;
        }
      }),
    'auth.signOut': (_input, sender) => mapGovernance(() => seats.signOut(sender)),
    'auth.unlock': ({ password, code }, sender) =>
      mapGovernance(async () => {
        operatorOnly(sender, 'unlock a session');
        try {
          return await seats.unlock(sender, password, code);
        } catch (err) {
          signInLog(sender, err);
          throw err;
        }
      }),
    'auth.lock': (_input, sender) => mapGovernance(() => seats.lock(sender)),
    'auth.touch': (_input, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'keep a session open');
        return seats.touch(sender);
      }),
    'auth.stepUp': ({ password, code }, sender) =>
      mapGovernance(async () => {
        operatorOnly(sender, 'confirm actions');
        try {
          return await seats.stepUp(sender, password, code);
        } catch (err) {
          signInLog(sender, err);
          throw err;
        }
      }),
    'auth.oidcBegin': (_input, sender) =>
      mapGovernance(async () => {
        operatorOnly(sender, 'sign in');
        if (!oidc) throw new ContractFailure('forbidden', 'Organisation sign-in is not configured (the "oidc" section of governance.json)');
        return oidc.begin(seats.status(sender).state, (operator) => {
          seats.signInVerified(sender, operator);
          ctx.log('[auth] organisation sign-in', { host: sender.host, operator: operator.name });
        });
      }),
    'journal.status': () => mapGovernance(() => journal.status()),
    'journal.unlock': ({ passphrase }, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'unlock the journal');
        return journal.unlock(passphrase);
      }),
    'journal.list': (q, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'read the journal');
        seats.require(sender);
        const page = journal.journal().page({
          ...(q.kinds ? { kinds: q.kinds } : {}),
          ...(q.from !== undefined ? { from: q.from } : {}),
          ...(q.to !== undefined ? { to: q.to } : {}),
          ...(q.text ? { search: q.text } : {}),
          ...(q.before !== undefined ? { before: q.before } : {}),
          limit: q.limit,
        });
        return { rows: page.entries.map(toRow), next: page.next, total: page.total };
      }),
    'journal.verify': (_input, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'verify the journal');
        const r = journal.journal().verify();
        return { ok: r.ok, intact: r.intact, head: r.head?.seq ?? null, firstBad: r.firstBad, problems: r.problems.length, checkedAt: now() };
      }),
    'journal.export': ({ format }, sender) =>
      mapGovernance(async () => {
        operatorOnly(sender, 'export the journal');
        canWrite(seats.require(sender));
        if (ctx.dataDir === null) throw new ContractFailure('forbidden', 'This core has no data folder to export into');
        const out = await exportToDataDir(journal.journal(), ctx.dataDir, format, now());
        ctx.log('[journal] exported', { format, entries: out.entries });
        return out;
      }),
    'journal.note': ({ text }, sender) =>
      mapGovernance(() => {
        operatorOnly(sender, 'write notes');
        if (ctx.readOnly) throw new ContractFailure('forbidden', 'This incident is open read-only.');
        const who = seats.require(sender);
        canWrite(who);
        const a = journal.appendNow('note', { text }, who.name);
        announce('journal');
        return a;
      }),
  };

  return {
    handlers,
    journal,
    auth,
    seats,
    close() {
      oidc?.close();
      journal.close();
    },
  };
}
