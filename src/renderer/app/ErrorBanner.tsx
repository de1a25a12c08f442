/** A clear, actionable error line: what failed, why, and a retry. Never a blank screen. */
import { CallError } from '../api/client';

export function describeError(err: unknown): string {
  if (err instanceof CallError) {
    switch (err.code) {
      case 'unreachable':
        return err.message;
      case 'bad_response':
        return `${err.message}. The core and the interface may be different versions; rebuild both.`;
      case 'not_found':
        return `Not found: ${err.message}`;
      case 'unauthorized':
      case 'forbidden':
        return `Access refused by the core: ${err.message}`;
      case 'bad_input': {
        const detail = err.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
        return `The core refused the request: ${err.message}${detail ? ` (${detail})` : ''}`;
      }
      case 'unknown_channel':
      case 'internal':
        return `The core failed: ${err.message}`;
      default: {
        const never: never = err.code;
        return String(never);
      }
    }
  }
  return err instanceof Error ? err.message : String(err);
}

export function ErrorBanner(props: { title?: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-text">
        {props.title ? <strong>{props.title}: </strong> : null}
        {describeError(props.error)}
      </span>
      {props.onRetry ? (
        <button type="button" className="btn" onClick={props.onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
