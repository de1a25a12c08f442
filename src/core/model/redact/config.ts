/** What to redact before a prompt leaves the machine (persisted in the model settings). */
import { z } from 'zod';

const customName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a lower-case name of letters, digits and _');
const customPattern = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => {
    try {
      new RegExp(p, 'g');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

export const RedactionConfig = z.object({
  secrets: z.boolean().default(true),
  emails: z.boolean().default(true),
  ips: z.boolean().default(true),
  userIds: z.boolean().default(true),
  /** Attribute keys whose values are user ids. */
  userIdKeys: z.array(z.string().min(1).max(128)).max(64).default(['user.id', 'enduser.id', 'user_id', 'userId', 'customer_id']),
  /** Extra patterns, each with the class name shown in the egress indicator. */
  custom: z.array(z.object({ name: customName, pattern: customPattern })).max(32).default([]),
});
export type RedactionConfig = z.output<typeof RedactionConfig>;
export type RedactionConfigInput = z.input<typeof RedactionConfig>;

export const DEFAULT_REDACTION: RedactionConfig = RedactionConfig.parse({});
