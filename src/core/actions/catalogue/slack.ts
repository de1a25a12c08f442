/** Slack: post a message (Web API chat.postMessage). */
import { z } from 'zod';
import { defineAction } from './define';
import { Text } from './names';
import { request, urlOf } from './request';
import { secretRef } from './secrets';

export const slackNotify = defineAction({
  id: 'slack.notify',
  title: 'Post to Slack',
  description: 'Posts a message to a channel (or a thread) with the bot token of the target.',
  targetKind: 'slack',
  params: z
    .object({
      channel: z.string().regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,20})$/, 'a #channel-name or a channel id'),
      text: Text(4000),
      thread_ts: z.string().regex(/^\d{10}\.\d{6}$/, 'a Slack message timestamp').optional(),
    })
    .strict(),
  filledAtPreview: [],
  risk: 'low',
  mutates: false,
  dryRun: false,
  bounds: ['4,000 characters'],
  preconditions: [],
  verification: ['Slack answered ok: true'],
  render: (p, t) => ({
    requests: [
      request('POST', urlOf(t.api_url, ['chat.postMessage']), { authorization: `Bearer ${secretRef(t.token_secret)}`, 'content-type': 'application/json; charset=utf-8' }, {
        channel: p.channel,
        text: p.text,
        ...(p.thread_ts !== undefined ? { thread_ts: p.thread_ts } : {}),
      }),
    ],
    preconditions: [],
    verification: [],
  }),
});
