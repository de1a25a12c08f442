import type { AgentAction } from '../../../shared/events';
import { Fields, Mono, Section } from './Fields';

export function AgentActionBody(props: { event: AgentAction }) {
  const e = props.event;
  return (
    <>
      <Fields
        rows={[
          ['Tool', e.tool],
          ['Agent', e.agent],
          ['Outcome', <span className={e.outcome === 'ok' ? 'tone-text-ok' : 'tone-text-error'}>{e.outcome}</span>],
          ['Arguments digest', <code className="wrap-anywhere">{e.argsDigest}</code>],
        ]}
      />
      {e.error ? (
        <Section title="Error">
          <Mono tone="error">{e.error}</Mono>
        </Section>
      ) : null}
    </>
  );
}
