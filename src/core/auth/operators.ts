/**
 * Local operator accounts: add, list, disable, and checking credentials (password + TOTP) with
 * single-use codes and a backoff after repeated failures. The TOTP step and failure count are
 * updated under the file lock, so a code is accepted once even across processes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DecryptError, open, seal } from '../connections/crypto';
import { AuthError } from './errors';
import { afterFailure, isLocked, noFailures } from './lockout';
import { OPERATOR_NAME, OperatorSecrets, Role, secretsAad, toPublic, type OperatorPublic, type StoredOperator } from './operators-doc';
import { fileOperatorsStorage, memoryOperatorsStorage, type OperatorsStorage } from './operators-storage';
import { checkPassword, dummyPasswordCheck, newPassword, passwordProblem } from './password';
import { newSigningKeyPair, privateKeyObject } from './signing-key';
import { checkTotp, newTotpSecret, otpauthUri } from './totp';
import type { KeyObject } from 'node:crypto';

export interface AddedOperator {
  operator: OperatorPublic;
  /** Shown once, for the authenticator app; never stored in clear. */
  otpauthUri: string;
  totpSecret: Buffer;
}

/** Credentials checked: the operator, and their signing key (decrypted with the password). */
export interface VerifiedOperator {
  operator: OperatorPublic;
  signingKey: KeyObject;
}

export type OperatorRegistry = ReadonlyMap<string, OperatorPublic>;

export interface OperatorStore {
  where: string;
  add(name: string, password: string, roles: readonly Role[]): Promise<AddedOperator>;
  list(): OperatorPublic[];
  get(ref: string): OperatorPublic | null;
  disable(ref: string): OperatorPublic;
  /** Public keys, roles and flags by operator id, as approval verification needs them. */
  registry(): OperatorRegistry;
  verifyCredentials(name: string, password: string, code: string): Promise<VerifiedOperator>;
}

export interface OperatorStoreOptions {
  now?: () => number;
}

const Roles = z.array(Role).min(1);

type TotpOutcome =
  | { ok: true; operator: StoredOperator }
  | { ok: false; detail: 'locked' | 'wrong_code' | 'code_reused' | 'malformed_code'; retryAt: number | null };

const CODE_DETAIL = { wrong_code: 'wrong_code', reused: 'code_reused', malformed: 'malformed_code' } as const;

function findIn(list: readonly StoredOperator[], ref: string): StoredOperator | undefined {
  return list.find((o) => o.id === ref) ?? list.find((o) => o.name.toLowerCase() === ref.toLowerCase());
}

export function createOperatorStore(dataDirOrStorage: string | OperatorsStorage | null, opts: OperatorStoreOptions = {}): OperatorStore {
  const storage =
    typeof dataDirOrStorage === 'string' ? fileOperatorsStorage(dataDirOrStorage) : (dataDirOrStorage ?? memoryOperatorsStorage());
  const now = opts.now ?? Date.now;

  function patch(id: string, change: (o: StoredOperator) => StoredOperator): StoredOperator {
    return storage.update((doc) => {
      const i = doc.operators.findIndex((o) => o.id === id);
      const cur = doc.operators[i];
      if (!cur) throw new AuthError('not_found', 'The operator was removed meanwhile');
      const next = change(cur);
      const operators = [...doc.operators];
      operators[i] = next;
      return { doc: { ...doc, operators }, result: next };
    });
  }

  function fail(o: StoredOperator, detail: 'wrong_password' | 'wrong_code' | 'code_reused' | 'malformed_code'): never {
    const updated = patch(o.id, (cur) => ({ ...cur, failures: afterFailure(cur.failures, now()) }));
    const retryAt = updated.failures.lockedUntil ?? undefined;
    throw new AuthError('bad_credentials', 'Wrong name, password or code', { detail, ...(retryAt !== undefined ? { retryAt } : {}) });
  }

  return {
    where: storage.where,

    async add(name, password, roles) {
      if (!OPERATOR_NAME.test(name)) throw new AuthError('invalid_name', 'An operator name is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');
      const problem = passwordProblem(password);
      if (problem) throw new AuthError('weak_password', problem);
      const parsedRoles = Roles.safeParse([...new Set(roles)]);
      if (!parsedRoles.success) throw new AuthError('not_permitted', `Roles must be among commander, approver, viewer`);
      if (findIn(storage.read().operators, name)) throw new AuthError('duplicate', `An operator named "${name}" already exists`);
      const id = randomUUID();
      const { record, kek } = await newPassword(password);
      const totpSecret = newTotpSecret();
      const keys = newSigningKeyPair();
      const secrets: OperatorSecrets = { totp: totpSecret.toString('base64'), signingKey: keys.privateKeyDer.toString('base64') };
      const stored: StoredOperator = {
        id,
        name,
        roles: parsedRoles.data,
        disabled: false,
        createdAt: now(),
        password: record,
        secrets: seal(kek, Buffer.from(JSON.stringify(secrets)), secretsAad(id)),
        publicKey: keys.publicKey,
        totpLastStep: null,
        failures: noFailures(),
      };
      storage.update((doc) => {
        if (findIn(doc.operators, name)) throw new AuthError('duplicate', `An operator named "${name}" already exists`);
        return { doc: { ...doc, operators: [...doc.operators, stored] }, result: null };
      });
      return { operator: toPublic(stored), otpauthUri: otpauthUri(totpSecret, name), totpSecret };
    },

    list: () => storage.read().operators.map(toPublic),

    get(ref) {
      const o = findIn(storage.read().operators, ref);
      return o ? toPublic(o) : null;
    },

    disable(ref) {
      const o = findIn(storage.read().operators, ref);
      if (!o) throw new AuthError('not_found', `No operator named or with id "${ref.slice(0, 128)}"`);
      return toPublic(patch(o.id, (cur) => (cur.disabled ? cur : { ...cur, disabled: true, disabledAt: now() })));
    },

    registry: () => new Map(storage.read().operators.map((o) => [o.id, toPublic(o)])),

    async verifyCredentials(name, password, code) {
      const o = findIn(storage.read().operators, name);
      if (!o) {
        await dummyPasswordCheck(password);
        throw new AuthError('bad_credentials', 'Wrong name, password or code', { detail: 'unknown_operator' });
      }
      if (isLocked(o.failures, now())) {
        const retryAt = o.failures.lockedUntil ?? now();
        throw new AuthError('locked_out', `Too many failed attempts: try again after ${new Date(retryAt).toISOString()}`, { retryAt });
      }
      const kek = await checkPassword(password, o.password);
      if (!kek) fail(o, 'wrong_password');
      let secrets: OperatorSecrets;
      try {
        secrets = OperatorSecrets.parse(JSON.parse(open(kek, o.secrets, secretsAad(o.id)).toString('utf8')));
      } catch (err) {
        if (err instanceof DecryptError) throw new AuthError('bad_credentials', `The secrets of "${o.name}" in ${storage.where} cannot be decrypted: the file was modified`);
        throw err;
      }
      const totpSecret = Buffer.from(secrets.totp, 'base64');
      // The code is checked against the freshest last-used step, under the lock.
      const outcome = storage.update<TotpOutcome>((doc) => {
        const cur = doc.operators.find((x) => x.id === o.id);
        if (!cur) throw new AuthError('not_found', 'The operator was removed meanwhile');
        const t = now();
        if (isLocked(cur.failures, t)) return { doc, result: { ok: false, detail: 'locked', retryAt: cur.failures.lockedUntil ?? t } };
        const check = checkTotp(totpSecret, code, t, cur.totpLastStep);
        const next: StoredOperator = check.ok ? { ...cur, totpLastStep: check.step, failures: noFailures() } : { ...cur, failures: afterFailure(cur.failures, t) };
        const operators = doc.operators.map((x) => (x.id === o.id ? next : x));
        const result: TotpOutcome = check.ok ? { ok: true, operator: next } : { ok: false, detail: CODE_DETAIL[check.reason], retryAt: next.failures.lockedUntil };
        return { doc: { ...doc, operators }, result };
      });
      if (!outcome.ok) {
        if (outcome.detail === 'locked') {
          const retryAt = outcome.retryAt ?? now();
          throw new AuthError('locked_out', `Too many failed attempts: try again after ${new Date(retryAt).toISOString()}`, { retryAt });
        }
        throw new AuthError('bad_credentials', 'Wrong name, password or code', { detail: outcome.detail, ...(outcome.retryAt !== null ? { retryAt: outcome.retryAt } : {}) });
      }
      if (outcome.operator.disabled) throw new AuthError('disabled', `The operator "${o.name}" is disabled`);
      return { operator: toPublic(outcome.operator), signingKey: privateKeyObject(Buffer.from(secrets.signingKey, 'base64')) };
    },
  };
}
