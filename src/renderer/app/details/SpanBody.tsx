import type { Span } from '../../../shared/events';
import { Fields, Mono, Section } from './Fields';

export function SpanBody(props: { event: Span }) {
  const e = props.event;
  return (
    <>
      <Fields
        rows={[
          ['Span', e.name],
          ['Span kind', e.spanKind],
          ['Status', <span className={e.status === 'ok' ? 'tone-text-ok' : 'tone-text-error'}>{e.status}</span>],
          ['Span id', e.spanId ? <code>{e.spanId}</code> : undefined],
          ['Parent span', e.parentSpanId ? <code>{e.parentSpanId}</code> : undefined],
        ]}
      />
      {e.statusMessage ? (
        <Section title="Status message">
          <Mono tone={e.status === 'error' ? 'error' : undefined}>{e.statusMessage}</Mono>
        </Section>
      ) : null}
    </>
  );
}
