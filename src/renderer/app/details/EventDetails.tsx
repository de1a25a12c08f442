/** The details panel (`event-details`) for the selected event: common header, kind-specific body, attributes, same-trace events. */
import type { EventInput } from '../../../shared/events';
import { LANE_LABEL } from '../../../shared/lanes';
import { useEvent } from '../../api/queries';
import { useUi } from '../../state/ui';
import { ErrorBanner } from '../ErrorBanner';
import { formatDuration, formatUtc } from '../format';
import { AgentActionBody } from './AgentActionBody';
import { AlertBody } from './AlertBody';
import { AttrsTable } from './AttrsTable';
import { ChangeBody } from './ChangeBody';
import { CopyButton } from './CopyButton';
import { Fields, Section } from './Fields';
import { KIND_LABEL } from './kindLabel';
import { LlmCallBody } from './LlmCallBody';
import { LogBody } from './LogBody';
import { RelatedList } from './RelatedList';
import { SpanBody } from './SpanBody';
import './details.css';

function KindBody(props: { event: EventInput }) {
  const e = props.event;
  switch (e.kind) {
    case 'llm_call':
      return <LlmCallBody event={e} />;
    case 'agent_action':
      return <AgentActionBody event={e} />;
    case 'span':
      return <SpanBody event={e} />;
    case 'log':
      return <LogBody event={e} />;
    case 'alert':
      return <AlertBody event={e} />;
    case 'change':
      return <ChangeBody event={e} />;
    default: {
      const never: never = e;
      return never;
    }
  }
}

export function EventDetails() {
  const selectedId = useUi((s) => s.selectedEventId);
  const detail = useEvent(selectedId);

  let content;
  if (selectedId === null) {
    content = (
      <p className="muted pad">
        Select an event on the timeline or in the logs to see its details. <kbd>]</kbd> and <kbd>[</kbd> step through
        errors and warnings.
      </p>
    );
  } else if (detail.isError) {
    content = <ErrorBanner title={`Could not load event ${selectedId}`} error={detail.error} onRetry={() => void detail.refetch()} />;
  } else if (!detail.data) {
    content = <p className="muted pad">Loading event {selectedId}…</p>;
  } else {
    const { event, related, lane, id } = detail.data;
    content = (
      <div className="details-body">
        <header className="details-head">
          <span className="kind-chip">{KIND_LABEL[event.kind]}</span>
          <span className="muted">{LANE_LABEL[lane]} lane · #{id}</span>
        </header>
        <Fields
          rows={[
            ['Time', formatUtc(event.ts)],
            ['Duration', event.durMs === undefined ? undefined : formatDuration(event.durMs)],
            ['Service', event.service],
            [
              'Trace',
              event.traceId ? (
                <span>
                  <code className="wrap-anywhere">{event.traceId}</code> <CopyButton text={event.traceId} label="trace id" />
                </span>
              ) : undefined,
            ],
          ]}
        />
        <KindBody event={event} />
        <AttrsTable attrs={event.attrs} caption="Attributes" />
        {related.length > 0 ? (
          <Section title={`Same trace (${related.length})`}>
            <RelatedList items={related} currentId={id} />
          </Section>
        ) : null}
      </div>
    );
  }
  return (
    <section className="panel details" data-testid="event-details" aria-label="Event details">
      <h2 className="panel-title">Details</h2>
      <div className="panel-scroll">{content}</div>
    </section>
  );
}
