/**
 * The logs panel (`logs-list`): `events.list` over the brush (or the visible range without one)
 * once it has settled (never mid-pan), virtualized, loading further pages through the cursor as
 * the list scrolls. Logs by default, every kind on demand; problems-only and a debounced text filter.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { EventListQuery } from '../../../shared/contract';
import { useEventPages } from '../../api/queries';
import { useUi } from '../../state/ui';
import { ErrorBanner } from '../ErrorBanner';
import { formatClock, formatCount } from '../format';
import { LOGS_FILTER_ID } from '../shortcuts';
import { LogRow } from './LogRow';
import { useDebounced } from './useDebounced';
import { useSettledRange } from './useSettledRange';
import './logs.css';

const ROW_PX = 26;

export function LogsPanel(props: { debounceMs?: number }) {
  const debounceMs = props.debounceMs ?? 250;
  const brush = useUi((s) => s.brush);
  const view = useUi((s) => s.view);
  const selectedId = useUi((s) => s.selectedEventId);
  const selectEvent = useUi((s) => s.selectEvent);
  const [allKinds, setAllKinds] = useState(false);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [text, setText] = useState('');

  // Follows the brush/view once the timeline has been still for debounceMs (not mid-pan).
  const range = useSettledRange(brush ?? view, debounceMs);
  const filter = useDebounced(text.trim().slice(0, 256), debounceMs);
  const query: Omit<EventListQuery, 'after'> | null = range
    ? {
        from: Math.max(0, Math.floor(range.from)),
        to: Math.ceil(range.to),
        ...(allKinds ? {} : { kinds: ['log'] }),
        ...(problemsOnly ? { problemsOnly: true } : {}),
        ...(filter ? { text: filter } : {}),
        limit: 200,
      }
    : null;
  const pages = useEventPages(query);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 20) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Bring the selected event into view when it is selected elsewhere (timeline, `]`/`[`).
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only on a new selection: scrolling must not fight the user when more pages arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  const scope = brush ? 'brush' : 'view';
  return (
    <section className="panel logs" aria-label="Logs">
      <div className="logs-toolbar">
        <h2 className="panel-title">{allKinds ? 'Events' : 'Logs'}</h2>
        <input
          id={LOGS_FILTER_ID}
          className="input"
          type="search"
          placeholder="Filter text (l)"
          aria-label="Filter logs by text"
          value={text}
          maxLength={256}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          Problems only
        </label>
        <label className="check">
          <input type="checkbox" checked={allKinds} onChange={(e) => setAllKinds(e.target.checked)} />
          All kinds
        </label>
        <span className="muted logs-scope">
          {range ? `${scope} ${formatClock(range.from).slice(0, 8)}–${formatClock(range.to).slice(0, 8)} UTC · ` : ''}
          {formatCount(rows.length)}
          {hasNextPage ? '+' : ''} shown
        </span>
      </div>
      {pages.isError ? (
        <ErrorBanner title="Could not load logs" error={pages.error} onRetry={() => void pages.refetch()} />
      ) : null}
      <div className={`logs-scroll${pages.isPlaceholderData ? ' stale' : ''}`} ref={scrollRef} aria-busy={pages.isFetching} data-testid="logs-list" role="listbox" aria-label="Log lines">
        {rows.length === 0 ? (
          <p className="muted pad">{pages.isFetching ? 'Loading…' : 'Nothing matches in this window.'}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  className="log-row-slot"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }}
                >
                  <LogRow row={row} selected={row.id === selectedId} onSelect={selectEvent} />
                </div>
              );
            })}
          </div>
        )}
        {isFetchingNextPage ? <p className="muted pad">Loading more…</p> : null}
      </div>
    </section>
  );
}
