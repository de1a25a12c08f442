/**
 * The journal's entries, newest first: filter by kind and time, search the decrypted text, a
 * virtualized list (↑/↓ move, pages load as it scrolls) and the selected entry in full beside it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { JOURNAL_ENTRY_KINDS, type JournalEntryKind, type JournalListQuery, type JournalRow } from '../../../shared/contract-governance';
import { ErrorBanner } from '../ErrorBanner';
import { formatCount, formatUtc } from '../format';
import { useDebounced } from '../logs/useDebounced';
import { KIND_TEXT, kindText, kindTone } from './kinds';
import { useJournalPages } from './queries';

const ROW_PX = 34;
const RANGES = [
  { id: 'all', label: 'All time', ms: 0 },
  { id: '1h', label: 'Last hour', ms: 3600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 3600_000 },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

export const JOURNAL_SEARCH_ID = 'journal-search';

function Row(props: { row: JournalRow; selected: boolean; onSelect: () => void }) {
  const { row } = props;
  return (
    <div
      role="option"
      id={`journal-row-${row.seq}`}
      aria-selected={props.selected}
      className={`jrow tone-edge-${row.unreadable ? 'error' : kindTone(row.kind)}${props.selected ? ' selected' : ''}`}
      data-seq={row.seq}
      onClick={props.onSelect}
    >
      <span className="jrow-seq mono">#{row.seq}</span>
      <span className="jrow-time mono">{formatUtc(row.ts).slice(5, 19)}</span>
      <span className={`jrow-kind${row.kind === 'break_glass' ? ' danger' : ''}`}>{kindText(row.kind)}</span>
      <span className="jrow-actor">{row.actor}</span>
      <span className={`jrow-summary${row.unreadable ? ' danger' : ''}`}>{row.summary}</span>
    </div>
  );
}

function Detail(props: { row: JournalRow | null }) {
  const r = props.row;
  if (!r) return <p className="muted pad">Select an entry to read it in full.</p>;
  return (
    <div className="jdetail" data-testid="journal-detail">
      <h3>
        #{r.seq} · {kindText(r.kind)}
      </h3>
      <dl className="jdetail-fields">
        <dt>When</dt>
        <dd>{formatUtc(r.ts)}</dd>
        <dt>By</dt>
        <dd>{r.actor}</dd>
        <dt>Hash</dt>
        <dd className="mono wrap-anywhere">{r.hash}</dd>
      </dl>
      {r.unreadable ? <p className="gov-error">{r.summary}</p> : <pre className="jdetail-payload">{r.payload}</pre>}
      {r.truncated ? <p className="muted">Cut at 16 KiB; the export has it whole.</p> : null}
    </div>
  );
}

export function JournalList(props: { debounceMs?: number }) {
  const [kind, setKind] = useState<JournalEntryKind | 'all'>('all');
  const [range, setRange] = useState<RangeId>('all');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const search = useDebounced(text.trim().slice(0, 256), props.debounceMs ?? 250);
  const span = RANGES.find((r) => r.id === range)?.ms ?? 0;
  // The range's start is fixed when it is chosen, so the query key stays stable.
  const [rangeFrom, setRangeFrom] = useState<number | null>(null);
  const query: Omit<JournalListQuery, 'before'> = {
    ...(kind !== 'all' ? { kinds: [kind] } : {}),
    ...(rangeFrom !== null ? { from: rangeFrom } : {}),
    ...(search ? { text: search } : {}),
    limit: 100,
  };
  const pages = useJournalPages(query);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const index = selected === null ? -1 : rows.findIndex((r) => r.seq === selected);
  const current = index >= 0 ? (rows[index] ?? null) : null;

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    if (rows.length === 0) return;
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : Math.min(rows.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)));
    const row = rows[next];
    if (row) {
      setSelected(row.seq);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    }
  };

  const filtered = kind !== 'all' || range !== 'all' || search !== '';
  return (
    <section className="gov-panel jlist-panel" aria-label="Journal entries">
      <div className="jtoolbar">
        <input
          id={JOURNAL_SEARCH_ID}
          className="input jsearch"
          type="search"
          data-testid="journal-search"
          placeholder="Search notes, decisions, actors…"
          aria-label="Search the journal"
          value={text}
          maxLength={256}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="jfilter">
          Kind
          <select className="input" data-testid="journal-kind" value={kind} onChange={(e) => setKind(e.target.value as JournalEntryKind | 'all')}>
            <option value="all">All kinds</option>
            {JOURNAL_ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_TEXT[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="jfilter">
          When
          <select
            className="input"
            data-testid="journal-range"
            value={range}
            onChange={(e) => {
              const id = e.target.value as RangeId;
              const ms = RANGES.find((r) => r.id === id)?.ms ?? 0;
              setRange(id);
              setRangeFrom(ms > 0 ? Date.now() - ms : null);
            }}
          >
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted jcount" data-testid="journal-count">
          {filtered ? `${formatCount(rows.length)}${hasNextPage ? '+' : ''} matching · ` : ''}
          {formatCount(total)} entr{total === 1 ? 'y' : 'ies'}
          {span > 0 ? ` · since ${formatUtc(rangeFrom ?? 0).slice(11)}` : ''}
        </span>
      </div>
      {pages.isError ? <ErrorBanner title="Could not read the journal" error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      <div className="jbody">
        <div
          className={`jscroll${pages.isPlaceholderData ? ' stale' : ''}`}
          ref={scrollRef}
          role="listbox"
          tabIndex={0}
          aria-label="Journal entries, newest first"
          aria-activedescendant={current ? `journal-row-${current.seq}` : undefined}
          data-testid="journal-list"
          onKeyDown={onKey}
        >
          {rows.length === 0 ? (
            <p className="muted pad">{pages.isFetching ? 'Loading…' : filtered ? 'No entry matches.' : 'The journal is empty.'}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                return (
                  <div key={row.seq} className="jrow-slot" style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }}>
                    <Row row={row} selected={row.seq === selected} onSelect={() => setSelected(row.seq)} />
                  </div>
                );
              })}
            </div>
          )}
        </div>
        <aside className="jdetail-pane" aria-label="Selected entry">
          <Detail row={current} />
        </aside>
      </div>
    </section>
  );
}
