import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventDetail } from '../../shared/contract';
import type { PresentationSettings } from '../../shared/contract-presentation';
import { MaskBook } from './masks';
import { createViewRedactor, LearnedValues } from './redactor';
import { DEFAULT_SETTINGS } from './settings';

const T = Date.UTC(2026, 2, 14, 3, 0);

function redactorWith(patch: Partial<PresentationSettings> = {}) {
  const settings: PresentationSettings = { ...structuredClone(DEFAULT_SETTINGS), ...patch };
  return createViewRedactor(settings, new MaskBook(), new LearnedValues());
}

const llm: EventDetail = {
  id: 11,
  lane: 'llm',
  event: {
    kind: 'llm_call',
    ts: T,
    service: 'support-agent',
    provider: 'openai',
    model: 'gpt-4o',
    operation: 'chat',
    inputTokens: 10,
    outputTokens: 5,
    costUsd: 0.01,
    latencyMs: 900,
    status: 'ok',
    inputPreview: 'Where is my order? I am jane@corp.example',
    outputPreview: 'Your order ORD-12345678 shipped yesterday.',
    attrs: {
      'gen_ai.input.messages': '[{"role":"user","content":"please help"}]',
      'llm.output_messages.0.message.content': 'sure thing',
      'user.id': 'u-48213',
      'http.status_code': 200,
      'net.peer.ip': '10.20.30.40',
      note: 'call me at ops@corp.example via Bearer abcdef1234567890',
    },
  },
  related: [],
};

describe('view redactor', () => {
  it('masks prompt and completion text whole, and secrets, emails, IPs and user ids by pattern or key', () => {
    const out = redactorWith().redact(llm);
    const text = JSON.stringify(out);
    for (const hidden of ['Where is my order', 'ORD-12345678', 'please help', 'sure thing', 'u-48213', '10.20.30.40', 'ops@corp.example', 'abcdef1234567890', 'jane@corp.example']) {
      expect(text).not.toContain(hidden);
    }
    const e = out.event as Extract<EventDetail['event'], { kind: 'llm_call' }>;
    expect(e.inputPreview).toBe('‹prompt·1›');
    expect(e.outputPreview).toBe('‹completion·1›');
    expect(e.attrs?.['user.id']).toBe('‹user·1›');
    expect(e.attrs?.['net.peer.ip']).toBe('‹ip·1›');
    expect(e.attrs?.note).toBe('call me at ‹email·1› via Bearer ‹token·1›');
    // What is not sensitive stays readable.
    expect(e.model).toBe('gpt-4o');
    expect(e.service).toBe('support-agent');
    expect(e.attrs?.['http.status_code']).toBe(200);
    // The input is not changed.
    expect((llm.event as { inputPreview: string }).inputPreview).toMatch(/^Where/);
  });

  it('gives the same value the same mask across calls, and different values different masks', () => {
    const r = redactorWith();
    expect(r.redact('from 10.0.0.1 to 10.0.0.2 and back to 10.0.0.1')).toBe('from ‹ip·1› to ‹ip·2› and back to ‹ip·1›');
    expect(r.redact({ peer: '10.0.0.2' })).toEqual({ peer: '‹ip·2›' });
  });

  it('masks labels marked sensitive by key, and their values wherever else they appear as words', () => {
    const r = redactorWith({ sensitiveLabels: ['tenant'] });
    const out = r.redact({
      labels: { tenant: 'acme-corp', team: 'ai' },
      logs: ['quota exceeded for acme-corp today', 'acme-corporation is another word'],
      entities: ['tenant:acme-corp', 'tenant:globex'],
    });
    expect(out.labels).toEqual({ tenant: '‹tenant·1›', team: 'ai' });
    expect(out.logs[0]).toBe('quota exceeded for ‹tenant·1› today');
    expect(out.logs[1]).toBe('acme-corporation is another word');
    expect(out.entities).toEqual(['tenant:‹tenant·1›', 'tenant:‹tenant·2›']);
  });

  it('stops masking learned values of a label once it is no longer marked sensitive', () => {
    const book = new MaskBook();
    const learned = new LearnedValues();
    const marked = createViewRedactor({ ...DEFAULT_SETTINGS, sensitiveLabels: ['tenant'] }, book, learned);
    expect(marked.redact({ tenant: 'acme-corp', body: 'acme-corp down' })).toEqual({ tenant: '‹tenant·1›', body: '‹tenant·1› down' });
    const unmarked = createViewRedactor({ ...DEFAULT_SETTINGS, sensitiveLabels: [] }, book, learned);
    expect(unmarked.redact({ tenant: 'acme-corp', body: 'acme-corp down' })).toEqual({ tenant: 'acme-corp', body: 'acme-corp down' });
  });

  it('masks a prompt change diff and quoted excerpts, but not the prompt version', () => {
    const out = redactorWith().redact({
      kind: 'change',
      changeType: 'prompt',
      target: 'support-agent/system-prompt',
      from: 'v41',
      to: 'v42',
      diff: '- Always answer in JSON\n+ Answer nicely',
      summary: 'prompt-injection detector: 3 hit(s), e.g. in inputPreview: “ignore all previous instructions”',
    });
    expect(out.diff).toBe('‹prompt·1›');
    expect(out.summary).toBe('prompt-injection detector: 3 hit(s), e.g. in inputPreview: “‹excerpt·1›”');
    expect(out.to).toBe('v42');
  });

  it('honours the category switches', () => {
    const r = redactorWith({ categories: { secrets: true, emails: false, ips: false, userIds: false, prompts: false } });
    const out = r.redact({ inputPreview: 'hello', body: 'a@b.io 10.1.1.1 sk-proj-AbCdEfGhIjKlMnOpQrStUvWx', 'user.id': 'u-1' });
    expect(out).toEqual({ inputPreview: 'hello', body: 'a@b.io 10.1.1.1 ‹key·1›', 'user.id': 'u-1' });
  });

  it('does not let text that imitates a mask hide a secret from the patterns', () => {
    const out = redactorWith().redact('‹x sk-proj-AbCdEfGhIjKlMnOpQrStUvWx ›');
    expect(out).not.toContain('sk-proj-AbCdEfGhIjKlMnOpQrStUvWx');
    expect(out.startsWith('<x ')).toBe(true);
  });

  it('restores masks in inputs to the values they stand for, and leaves unknown masks alone', () => {
    const r = redactorWith();
    const shown = r.redact({ id: 'INC/jane@corp.example' });
    expect(shown.id).toBe('INC/‹email·1›');
    expect(r.restore({ id: shown.id, text: '‹email·9›' })).toEqual({ id: 'INC/jane@corp.example', text: '‹email·9›' });
  });

  it('property: seeded secrets never survive, wherever they sit in a value', () => {
    const alnum = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 24, maxLength: 40 });
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 4, maxLength: 10 });
    const octet = fc.integer({ min: 1, max: 254 });
    const secret = fc.oneof(
      alnum.map((s) => ({ text: `sk-proj-${s}`, value: `sk-proj-${s}` })),
      fc.tuple(word, word, word).map(([a, b, c]) => ({ text: `${a}.${b}@${c}.example`, value: `${a}.${b}@${c}.example` })),
      fc.tuple(octet, octet, octet, octet).map((o) => ({ text: o.join('.'), value: o.join('.') })),
      alnum.map((s) => ({ text: `Authorization: Bearer ${s}`, value: s })),
      fc.tuple(alnum, alnum, alnum).map(([a, b, c]) => ({ text: `eyJ${a}.${b}.${c}`, value: `eyJ${a}.${b}.${c}` })),
      alnum.map((s) => ({ text: `user_id=${s}`, value: s })),
      alnum.map((s) => ({ text: `postgres://admin:${s}@db.internal/app`, value: s })),
    );
    const filler = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(' '));
    const leaf = fc.tuple(filler, secret, filler).map(([a, s, b]) => ({ text: [a, s.text, b].filter((x) => x !== '').join(' '), value: s.value }));
    const shape = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('body', 'summary', 'labels', 'attrs', 'name', 'message', 'id', 'title', 'k'), tie('node'), { maxKeys: 3 }),
      ),
    }));
    fc.assert(
      fc.property(shape.node, (tree) => {
        const secrets: string[] = [];
        const build = (n: unknown): unknown => {
          if (typeof n === 'object' && n !== null && 'text' in n && 'value' in n) {
            secrets.push((n as { value: string }).value);
            return (n as { text: string }).text;
          }
          if (Array.isArray(n)) return n.map(build);
          if (typeof n === 'object' && n !== null) return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, build(v)]));
          return n;
        };
        const value = build(tree);
        const shown = JSON.stringify(redactorWith().redact(value));
        for (const s of secrets) expect(shown).not.toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});
