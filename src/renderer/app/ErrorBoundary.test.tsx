// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallError } from '../api/client';
import { describeError } from './ErrorBanner';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

let fail = true;
function Fragile() {
  if (fail) throw new Error('bad data in panel');
  return <p>recovered</p>;
}

describe('ErrorBoundary', () => {
  it('shows a banner naming the region instead of a blank screen, and retries', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary region="Details panel">
        <Fragile />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Details panel failed to display');
    expect(alert.textContent).toContain('bad data in panel');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByText('recovered')).toBeTruthy();
    err.mockRestore();
  });
});

describe('describeError', () => {
  it('says what to do for each kind of failure', () => {
    expect(describeError(new CallError('app.info', 'unreachable', 'Could not reach the core: timeout'))).toBe(
      'Could not reach the core: timeout',
    );
    expect(describeError(new CallError('app.info', 'bad_response', 'Malformed'))).toContain('rebuild both');
    expect(describeError(new CallError('events.list', 'bad_input', 'invalid input', [{ path: 'to', message: '`to` must be after `from`' }]))).toBe(
      'The core refused the request: invalid input (to: `to` must be after `from`)',
    );
  });
});
