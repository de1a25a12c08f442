import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasPlaceholder, parseTemplate, renderTemplate, soleVariable } from './template';

describe('template grammar', () => {
  it('splits text and placeholders, with or without spaces', () => {
    const t = parseTemplate('node {{hypothesis.entities.node}} in {{ alert.labels.namespace }}!');
    expect(t).toEqual({
      ok: true,
      parts: [{ text: 'node ' }, { path: ['hypothesis', 'entities', 'node'], offset: 5 }, { text: ' in ' }, { path: ['alert', 'labels', 'namespace'], offset: 37 }, { text: '!' }],
    });
  });

  it('refuses expressions, filters, empty and unclosed placeholders; \\{{ is a literal', () => {
    for (const bad of ['{{ a | upper }}', '{{ a + 1 }}', '{{}}', '{{ a.b', 'x {{ a {{ b }}', '{{ .msg }}', '{{ a..b }}']) expect(parseTemplate(bad).ok, bad).toBe(false);
    const lit = parseTemplate('line_format "\\{{.msg}}"');
    expect(lit).toEqual({ ok: true, parts: [{ text: 'line_format "{{.msg}}"' }] });
    expect(hasPlaceholder('line_format "\\{{.msg}}"')).toBe(false);
    expect(hasPlaceholder('a {{ b }}')).toBe(true);
  });

  it('knows a template that is exactly one variable', () => {
    const one = parseTemplate('{{ params.replicas }}');
    expect(one.ok && soleVariable(one.parts)).toEqual(['params', 'replicas']);
    const two = parseTemplate('x{{ params.replicas }}');
    expect(two.ok && soleVariable(two.parts)).toBe(null);
  });

  it('renders, and reports the first unknown variable', () => {
    const t = parseTemplate('{{ a.b }}-{{ c }}');
    if (!t.ok) throw new Error('parse');
    expect(renderTemplate(t.parts, (p) => (p.join('.') === 'a.b' ? 3 : p[0] === 'c' ? true : undefined))).toEqual({ ok: true, text: '3-true' });
    expect(renderTemplate(t.parts, () => undefined)).toEqual({ ok: false, missing: 'a.b' });
  });

  it('text without "{{" parses to itself (property)', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        (s) => {
          const t = parseTemplate(s);
          expect(t.ok).toBe(true);
          if (t.ok) expect(renderTemplate(t.parts, () => undefined)).toEqual({ ok: true, text: s });
        },
      ),
    );
  });
});
