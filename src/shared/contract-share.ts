/**
 * Live read-only share: the commander serves the incident view-only on an address they choose,
 * with its own token and an expiry; viewers follow the commander's incident, window and cursor,
 * always redacted, and can call only the read channels in ./viewer-channels.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();
const epochMs = z.number().int().min(0).max(8_640_000_000_000);

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^(?=.*:.*:)[0-9A-Fa-f:.]{2,45}$/;

/** An address of this machine to listen on: an IP address or `localhost` (no host names). */
export const ListenAddress = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .refine((a) => a === 'localhost' || IPV4.test(a) || IPV6.test(a), 'an IP address of this machine (127.0.0.1, 192.168.1.20, 0.0.0.0, ::1) or localhost');

/** Only this machine can connect (the share is not reachable from the network). */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase();
  return a === 'localhost' || a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

export const SHARE_MIN_SECONDS = 10;
export const SHARE_MAX_SECONDS = 8 * 3600;
/** What the share panel offers (seconds). */
export const SHARE_EXPIRY_CHOICES: ReadonlyArray<{ seconds: number; label: string }> = [
  { seconds: 15 * 60, label: '15 minutes' },
  { seconds: 30 * 60, label: '30 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 2 * 3600, label: '2 hours' },
  { seconds: 4 * 3600, label: '4 hours' },
  { seconds: 8 * 3600, label: '8 hours' },
];

export const ShareStartInput = z
  .object({
    listen: ListenAddress,
    /** 0: a free port. */
    port: z.number().int().min(0).max(65_535),
    expiresInSec: z.number().int().min(SHARE_MIN_SECONDS).max(SHARE_MAX_SECONDS),
    /** Shown to viewers ("following NAME"); default: the signed-in operator, else "the commander". */
    name: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type ShareStartInput = z.input<typeof ShareStartInput>;

export const ShareEndReason = z.enum(['stopped', 'expired']);
export type ShareEndReason = z.infer<typeof ShareEndReason>;

export const ShareStatus = z.object({
  /** False where the host cannot serve a share (a core assembled without a share listener, as in tests). */
  available: z.boolean(),
  active: z.boolean(),
  /** The viewer link, token included (operators only; never sent to viewers). */
  url: z.string().max(2048).nullable(),
  listen: z.string().max(64).nullable(),
  port: z.number().int().nullable(),
  name: z.string().max(64).nullable(),
  startedAt: epochMs.nullable(),
  expiresAt: epochMs.nullable(),
  /** Viewer pages connected right now. */
  viewers: z.number().int().min(0),
  /** Reachable from the network (not loopback). */
  exposed: z.boolean(),
  /** How the last share ended, when none is active. */
  ended: z.object({ reason: ShareEndReason, at: epochMs }).nullable(),
});
export type ShareStatus = z.infer<typeof ShareStatus>;

/** What the commander is looking at, reported by their window and pushed to viewers. */
export const FollowView = z
  .object({
    incidentId: z.string().min(1).max(128).nullable(),
    /** The visible window of the timeline; null outside an incident. */
    window: z
      .object({ from: epochMs, to: epochMs })
      .refine((w) => w.to > w.from, { message: '`to` must be after `from`', path: ['to'] })
      .nullable(),
    /** The commander's crosshair (time under their pointer), or null. */
    cursor: epochMs.nullable(),
    selectedEventId: z.number().int().min(1).nullable(),
  })
  .strict();
export type FollowView = z.infer<typeof FollowView>;

export const ShareViewState = z.object({
  name: z.string().max(64),
  expiresAt: epochMs,
  /** Null until the commander's window first reports. */
  view: FollowView.nullable(),
});
export type ShareViewState = z.infer<typeof ShareViewState>;

export const shareChannels = {
  /** Starts serving the view-only share (one at a time) on the given address and port. */
  'share.start': { input: ShareStartInput, output: ShareStatus },
  'share.status': { input: Empty, output: ShareStatus },
  /** Revokes the share: viewers are cut off at once and the link stops working. */
  'share.stop': { input: Empty, output: ShareStatus },
  /** The commander's window reports what it shows (throttled); pushed to viewers. */
  'share.follow': { input: FollowView, output: z.object({ delivered: z.boolean() }) },
  /** For viewers: who they follow, when the share ends, the last reported view; null when no share runs. */
  'share.state': { input: Empty, output: ShareViewState.nullable() },
} as const;

export const sharePushEvents = {
  /** The commander's view changed (to viewers). */
  'share.view': FollowView,
  /** The share was stopped or expired (to viewers, just before they are cut off). */
  'share.ended': z.object({ reason: ShareEndReason }),
  /** Share status changed (started, stopped, a viewer came or went): operators refetch `share.status`. */
  'share.changed': z.object({}),
} as const;
