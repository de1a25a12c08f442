/** PagerDuty: escalate and annotate an incident (REST API v2), or page through the Events API v2. */
import { z } from 'zod';
import { defineAction } from './define';
import { Key, Text } from './names';
import { read, request, urlOf } from './request';
import { secretRef } from './secrets';
import type { PagerDutyTarget } from './targets';

const rest = (t: PagerDutyTarget): Record<string, string> => ({
  authorization: `Token token=${secretRef(t.token_secret)}`,
  accept: 'application/vnd.pagerduty+json;version=2',
  'content-type': 'application/json',
  from: t.from_email,
});

const IncidentId = z.string().regex(/^[A-Z0-9]{1,32}$/, 'a PagerDuty incident id (e.g. PT4KHLK)');
const common = { targetKind: 'pagerduty', filledAtPreview: [], mutates: false, dryRun: false, risk: 'low' } as const;

export const pagerdutyEscalate = defineAction({
  ...common,
  id: 'pagerduty.escalate',
  title: 'Escalate a PagerDuty incident',
  description: 'Moves an incident to a higher level of its escalation policy, paging the people there.',
  params: z.object({ incident_id: IncidentId, escalation_level: z.number().int().min(1).max(20) }).strict(),
  bounds: ['one incident per action', 'escalation levels 1 to 20'],
  preconditions: ['the incident is still open (triggered or acknowledged)'],
  verification: ['the incident reports the new escalation level'],
  render: (p, t) => {
    const url = urlOf(t.api_url, ['incidents', p.incident_id]);
    return {
      requests: [request('PUT', url, rest(t), { incident: { type: 'incident_reference', escalation_level: p.escalation_level } })],
      preconditions: [{ description: `incident ${p.incident_id} is not resolved`, read: read(url, rest(t)), expect: { pointer: '/incident/status', op: 'ne', value: 'resolved' } }],
      verification: [{ description: `incident ${p.incident_id} is at level ${p.escalation_level}`, read: read(url, rest(t)), expect: { pointer: '/incident/escalation_level', op: 'eq', value: p.escalation_level } }],
    };
  },
});

export const pagerdutyNote = defineAction({
  ...common,
  id: 'pagerduty.add_note',
  title: 'Add a note to a PagerDuty incident',
  description: "Adds a note to the incident's timeline.",
  params: z.object({ incident_id: IncidentId, content: Text(4000) }).strict(),
  bounds: ['4,000 characters'],
  preconditions: [],
  verification: ['the note is listed on the incident'],
  render: (p, t) => ({
    requests: [request('POST', urlOf(t.api_url, ['incidents', p.incident_id, 'notes']), rest(t), { note: { content: p.content } })],
    preconditions: [],
    verification: [{ description: `the note is on incident ${p.incident_id}`, read: read(urlOf(t.api_url, ['incidents', p.incident_id, 'notes']), rest(t)), expect: null }],
  }),
});

export const pagerdutyPage = defineAction({
  ...common,
  id: 'pagerduty.page',
  title: 'Page through PagerDuty',
  description: "Triggers an alert on a PagerDuty service through the Events API v2 (deduplicated by key), paging its on-call.",
  params: z
    .object({
      summary: Text(1024),
      source: Text(255),
      severity: z.enum(['critical', 'error', 'warning', 'info']),
      dedup_key: Key,
      component: Key.optional(),
    })
    .strict(),
  bounds: ['summary 1,024 characters (the Events API limit)'],
  preconditions: [],
  verification: ['the Events API accepted the event (202, status "success")'],
  render: (p, t) => ({
    requests: [
      request('POST', urlOf(t.events_url, ['v2', 'enqueue']), { 'content-type': 'application/json' }, {
        routing_key: secretRef(t.routing_key_secret),
        event_action: 'trigger',
        dedup_key: p.dedup_key,
        payload: { summary: p.summary, source: p.source, severity: p.severity, ...(p.component !== undefined ? { component: p.component } : {}) },
      }),
    ],
    preconditions: [],
    verification: [],
  }),
});
