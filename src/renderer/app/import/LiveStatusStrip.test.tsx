// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LiveStatusStrip } from './LiveStatusStrip';

describe('LiveStatusStrip', () => {
  it('is hidden when no source is polled', () => {
    const { container } = render(<LiveStatusStrip status={null} />);
    expect(container.textContent).toBe('');
  });

  it('names the failing source and its error', () => {
    render(
      <LiveStatusStrip
        now={100_000}
        status={{
          incidentId: 'INC-1',
          sources: [
            { connectionId: 'a', name: 'prom-prod', ok: true, lastPoll: 90_000 },
            { connectionId: 'b', name: 'loki', ok: false, error: 'Connection refused by loki:3100', lastPoll: null },
          ],
        }}
      />,
    );
    const strip = screen.getByTestId('live-status');
    expect(strip.textContent).toContain('1 of 2 sources answering');
    expect(strip.textContent).toContain('prom-prod: 10s ago');
    expect(strip.textContent).toContain('loki: Connection refused by loki:3100');
    expect(strip.className).toContain('live-strip-failing');
  });
});
