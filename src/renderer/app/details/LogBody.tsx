import type { LogRecord, LogSeverity } from '../../../shared/events';
import { Fields, Mono } from './Fields';

export function severityTone(s: LogSeverity | string | null): 'error' | 'warn' | 'info' | 'muted' {
  switch (s) {
    case 'error':
    case 'fatal':
      return 'error';
    case 'warn':
      return 'warn';
    case 'info':
      return 'info';
    default:
      return 'muted';
  }
}

export function LogBody(props: { event: LogRecord }) {
  const e = props.event;
  const tone = severityTone(e.severity);
  return (
    <>
      <Fields rows={[['Severity', <span className={`sevlabel tone-text-${tone}`}>{e.severity.toUpperCase()}</span>]]} />
      <Mono tone={tone === 'error' || tone === 'warn' ? tone : undefined}>{e.body}</Mono>
    </>
  );
}
