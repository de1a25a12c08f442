import type { AlertEvent } from '../../../shared/events';
import { AttrsTable } from './AttrsTable';
import { ExternalRef } from './CopyButton';
import { Fields, Mono, Section } from './Fields';

export function AlertBody(props: { event: AlertEvent }) {
  const e = props.event;
  const stateTone = e.state === 'firing' ? (e.severity === 'critical' ? 'error' : 'warn') : 'ok';
  return (
    <>
      <Fields
        rows={[
          ['Alert', e.name],
          ['State', <span className={`tone-text-${stateTone}`}>{e.state}</span>],
          ['Severity', e.severity],
          ['Source', e.source],
          ['Fingerprint', <code>{e.fingerprint}</code>],
          ['Runbook', e.runbookUrl ? <ExternalRef url={e.runbookUrl} /> : undefined],
        ]}
      />
      {e.summary ? (
        <Section title="Summary">
          <Mono>{e.summary}</Mono>
        </Section>
      ) : null}
      <AttrsTable attrs={e.labels} caption="Labels" />
    </>
  );
}
