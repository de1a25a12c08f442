/** Alertmanager: create a silence (POST /api/v2/silences), bounded in time and scope. */
import { z } from 'zod';
import { defineAction } from './define';
import { Text } from './names';
import { read, request, urlOf } from './request';
import { secretRef } from './secrets';

export const MAX_SILENCE_MINUTES = 240;

const Matcher = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a label name'),
    value: z.string().max(1024),
    is_regex: z.boolean().default(false),
    is_equal: z.boolean().default(true),
  })
  .strict();

const iso = (ms: number): string => new Date(ms).toISOString();

export const alertmanagerSilence = defineAction({
  id: 'alertmanager.silence',
  title: 'Silence alerts',
  description: 'Creates an Alertmanager silence for the matching alerts, for a bounded time.',
  targetKind: 'alertmanager',
  params: z
    .object({
      matchers: z.array(Matcher).min(1).max(10),
      duration_minutes: z.number().int().min(5).max(MAX_SILENCE_MINUTES),
      comment: Text(1024),
      /** The operator who approves it. */
      created_by: Text(256),
    })
    .strict(),
  filledAtPreview: ['created_by'],
  risk: 'low',
  mutates: true,
  dryRun: false,
  bounds: [`5 to ${MAX_SILENCE_MINUTES} minutes`, 'at most 10 matchers', 'at least one exact, non-empty equality matcher (never everything)'],
  preconditions: ['the alerts to silence are still firing'],
  verification: ['the silence is active and the matching alerts are silenced'],
  check: (p) =>
    p.matchers.some((m) => m.is_equal && !m.is_regex && m.value !== '')
      ? []
      : [{ path: ['matchers'], message: 'needs at least one exact equality matcher with a value: a silence may not cover everything' }],
  render: (p, t, o) => {
    const h: Record<string, string> = t.token_secret === null ? {} : { authorization: `Bearer ${secretRef(t.token_secret)}` };
    const filter = Object.fromEntries(p.matchers.map((m, i) => [`filter${i}`, `${m.name}${m.is_equal ? '' : '!'}${m.is_regex ? '=~' : '='}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`]));
    const alertsUrl = `${urlOf(t.base_url, ['api', 'v2', 'alerts'], { active: 'true', silenced: 'false' })}&${Object.values(filter)
      .map((f) => `filter=${encodeURIComponent(f)}`)
      .join('&')}`;
    return {
      requests: [
        request('POST', urlOf(t.base_url, ['api', 'v2', 'silences']), { ...h, 'content-type': 'application/json' }, {
          matchers: p.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.is_regex, isEqual: m.is_equal })),
          startsAt: iso(o.now),
          endsAt: iso(o.now + p.duration_minutes * 60_000),
          createdBy: p.created_by,
          comment: p.comment,
        }),
      ],
      preconditions: [{ description: 'the matching alerts are still firing and not yet silenced', read: read(alertsUrl, h), expect: { pointer: '/0', op: 'present', value: null } }],
      verification: [{ description: 'no matching alert is firing unsilenced', read: read(alertsUrl, h), expect: { pointer: '/0', op: 'absent', value: null } }],
    };
  },
});
