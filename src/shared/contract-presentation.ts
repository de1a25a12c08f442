/**
 * Presentation (screen-share) mode: per seat, the core masks secrets, emails, IPs, user ids,
 * prompt and completion text and the values of labels the user marked sensitive in everything
 * it answers that seat, before it leaves the core. Viewers of a live share always get it.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();

/** What presentation mode masks; each can be switched off (all on by default). */
export const PresentationCategories = z
  .object({
    /** API keys, bearer tokens, JWTs, passwords in URLs, private keys, `token=…` values. */
    secrets: z.boolean(),
    emails: z.boolean(),
    /** IPv4 and IPv6 addresses. */
    ips: z.boolean(),
    /** Values of `user.id`, `enduser.id`, `user_id`, `userId`, `customer_id`. */
    userIds: z.boolean(),
    /** Prompt and completion text, LLM and tool message bodies, prompt diffs, quoted excerpts. */
    prompts: z.boolean(),
  })
  .strict();
export type PresentationCategories = z.infer<typeof PresentationCategories>;

export const PRESENTATION_CATEGORY_LABELS: Record<keyof PresentationCategories, string> = {
  secrets: 'Secrets, keys and tokens',
  emails: 'Email addresses',
  ips: 'IP addresses',
  userIds: 'User ids',
  prompts: 'Prompt and completion text',
};

/** A label or attribute key (`tenant`, `customer.name`); its values are masked wherever the key appears. */
export const SensitiveLabel = z
  .string()
  .trim()
  .min(1, 'a label name')
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_.:/-]*$/, 'a label name: letters, digits and _ . : / -');

export const PresentationSettings = z.object({
  categories: PresentationCategories,
  sensitiveLabels: z.array(SensitiveLabel).max(64),
});
export type PresentationSettings = z.infer<typeof PresentationSettings>;

export const PresentationState = z.object({
  /** Who is asking: an operator seat, or a viewer of a live share. */
  role: z.enum(['operator', 'viewer']),
  /** Is redaction applied to what this seat sees. */
  on: z.boolean(),
  /** True for viewers: always on, cannot be turned off. */
  forced: z.boolean(),
  settings: PresentationSettings,
  /** A settings file that could not be read (defaults apply, nothing is overwritten), or null. */
  problem: z.string().max(1024).nullable(),
});
export type PresentationState = z.infer<typeof PresentationState>;

export const PresentationPatch = z
  .object({
    on: z.boolean().optional(),
    categories: PresentationCategories.partial().strict().optional(),
    sensitiveLabels: z.array(SensitiveLabel).max(64).optional(),
  })
  .strict();
export type PresentationPatch = z.input<typeof PresentationPatch>;

export const presentationChannels = {
  /** The calling seat's mode and the settings. */
  'presentation.get': { input: Empty, output: PresentationState },
  /** Turns the calling seat's mode on or off, and/or changes the settings (saved in the data folder). */
  'presentation.set': { input: PresentationPatch, output: PresentationState },
} as const;
