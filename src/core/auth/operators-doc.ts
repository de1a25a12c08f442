/**
 * The shape of `<dataDir>/operators.json`. In clear: names, roles, the disabled flag, the public
 * signing key, the password verifier and the sign-in bookkeeping. Sealed under the operator's
 * password-derived key (AES-256-GCM, AAD `operator:<id>`): the TOTP seed and the Ed25519
 * private key. Parsed with zod on every read.
 */
import { z } from 'zod';
import { Sealed } from '../connections/crypto';
import { PasswordRecord } from './password';

export const ROLES = ['commander', 'approver', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const OPERATOR_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export const StoredOperator = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().regex(OPERATOR_NAME),
    roles: z.array(Role).min(1).max(3),
    disabled: z.boolean(),
    createdAt: z.number(),
    disabledAt: z.number().optional(),
    password: PasswordRecord,
    /** `{ totp, signingKey }` (base64 seed, base64 PKCS#8 DER) sealed under the password key. */
    secrets: Sealed,
    /** Ed25519 public key, SPKI DER in base64. */
    publicKey: z.string().min(40).max(200),
    /** The TOTP step of the last accepted code: codes of that step or earlier are refused. */
    totpLastStep: z.number().int().nullable(),
    failures: z.object({ count: z.number().int().min(0), lockedUntil: z.number().nullable() }).strict(),
  })
  .strict();
export type StoredOperator = z.infer<typeof StoredOperator>;

export const OperatorsDoc = z
  .object({
    format: z.literal('sitrep-operators'),
    version: z.literal(1),
    operators: z.array(StoredOperator).max(1000),
  })
  .strict();
export type OperatorsDoc = z.infer<typeof OperatorsDoc>;

export const emptyOperatorsDoc = (): OperatorsDoc => ({ format: 'sitrep-operators', version: 1, operators: [] });

export const OperatorSecrets = z.object({ totp: z.string().max(128), signingKey: z.string().max(512) }).strict();
export type OperatorSecrets = z.infer<typeof OperatorSecrets>;

export const secretsAad = (id: string): string => `operator:${id}`;

/** What everyone may see of an operator, and what approval verification needs. */
export interface OperatorPublic {
  id: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  createdAt: number;
  publicKey: string;
}

export const toPublic = (o: StoredOperator): OperatorPublic => ({
  id: o.id,
  name: o.name,
  roles: [...o.roles],
  disabled: o.disabled,
  createdAt: o.createdAt,
  publicKey: o.publicKey,
});
