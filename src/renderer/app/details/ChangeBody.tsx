import type { ChangeEvent } from '../../../shared/events';
import { DiffView } from './DiffView';
import { Fields, Mono, Section } from './Fields';

export function ChangeBody(props: { event: ChangeEvent }) {
  const e = props.event;
  const fromTo =
    e.from !== undefined || e.to !== undefined ? (
      <span className="mono">
        {e.from ?? '∅'} <span aria-hidden="true">→</span>
        <span className="sr-only"> to </span> {e.to ?? '∅'}
      </span>
    ) : undefined;
  return (
    <>
      <Fields
        rows={[
          ['Change', e.changeType],
          ['Target', e.target],
          ['From → to', fromTo],
          ['Author', e.author],
          ['Source', e.source],
        ]}
      />
      <Mono>{e.summary}</Mono>
      {e.diff ? (
        <Section title="Diff">
          <DiffView diff={e.diff} />
        </Section>
      ) : null}
    </>
  );
}
