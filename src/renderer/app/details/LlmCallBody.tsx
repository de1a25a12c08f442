import type { LlmCall } from '../../../shared/events';
import { formatCount, formatDuration, formatUsd } from '../format';
import { Fields, Mono, Section } from './Fields';

export function LlmCallBody(props: { event: LlmCall }) {
  const e = props.event;
  const validity = e.outputValid === undefined ? undefined : e.outputValid ? 'valid' : 'INVALID (failed its schema)';
  return (
    <>
      <Fields
        rows={[
          ['Model', e.model],
          ['Provider', e.provider],
          ['Operation', e.operation],
          ['Prompt version', e.promptVersion],
          ['Tokens in / out', `${formatCount(e.inputTokens)} / ${formatCount(e.outputTokens)}`],
          ['Cost', formatUsd(e.costUsd)],
          ['Latency', formatDuration(e.latencyMs)],
          ['Time to first token', e.ttftMs === undefined ? undefined : formatDuration(e.ttftMs)],
          ['Status', <span className={`tone-text-${e.status === 'ok' ? 'ok' : 'error'}`}>{e.status}</span>],
          ['Finish reason', e.finishReason],
          ['Error type', e.errorType],
          [
            'Output validity',
            validity === undefined ? undefined : (
              <span className={e.outputValid ? 'tone-text-ok' : 'tone-text-error'}>{validity}</span>
            ),
          ],
        ]}
      />
      {e.inputPreview ? (
        <Section title="Input preview">
          <Mono>{e.inputPreview}</Mono>
        </Section>
      ) : null}
      {e.outputPreview ? (
        <Section title="Output preview">
          <Mono tone={e.outputValid === false ? 'error' : undefined}>{e.outputPreview}</Mono>
        </Section>
      ) : null}
    </>
  );
}
