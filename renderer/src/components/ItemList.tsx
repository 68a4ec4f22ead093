// Middle pane: the items of the chosen library section or case, or ranked search hits with highlighted snippets.
// Virtualised: rows have a fixed height per mode, only the visible ones (plus a margin) are in the DOM, and pages
// of rows are fetched as they scroll into view, so a list of 100,000 items scrolls like one of 100.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { ItemType } from '../../../electron/contract';
import { formatDate } from '../format';
import { Highlighted } from './Highlighted';
import type { SearchNotes } from './SearchAids';
import { TypeBadge } from './TypeBadge';

export interface Row {
  id: string;
  type: ItemType;
  title: string;
  date: string | null;
  snippet?: string;
}

/** Fetches `limit` rows from `offset`; the list calls it for each page it needs. */
export type RowLoader = (
  offset: number,
  limit: number,
) => Promise<{ rows: Row[]; total: number; notes?: SearchNotes } | { error: string; code: string }>;

export type ListState =
  | { status: 'loading'; mode: 'list' | 'search' }
  | { status: 'error'; mode: 'list' | 'search'; message: string; code: string }
  | { status: 'ready'; mode: 'list' | 'search'; key: string; rows: Row[]; total: number; load: RowLoader; notes: SearchNotes | null };

interface ItemListProps {
  heading: string;
  state: ListState;
  openId: string | null;
  emptyHint: string;
  onOpen: (id: string) => void;
  listRef: RefObject<HTMLDivElement | null>;
  /** Buttons for the header, such as exporting the case shown. */
  actions?: ReactNode;
  /** Shown between the header and the rows (the search aids). */
  banner?: ReactNode;
}

export const PAGE_SIZE = 100;
export const ROW_HEIGHT = { list: 64, search: 112 } as const;
const OVERSCAN_ROWS = 12;

/** Pages of rows by page number, filled as they are needed; page 0 comes with the list state. */
function usePagedRows(state: ListState) {
  const [pages, setPages] = useState<Map<number, Row[]>>(new Map());
  const pending = useRef(new Set<number>());
  const key = state.status === 'ready' ? state.key : null;
  useEffect(() => {
    pending.current.clear();
    setPages(state.status === 'ready' ? new Map([[0, state.rows]]) : new Map());
  }, [key, state.status === 'ready' ? state.rows : null]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (state.status !== 'ready') return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (pages.has(page) || pending.current.has(page) || page * PAGE_SIZE >= state.total) continue;
        pending.current.add(page);
        void state.load(page * PAGE_SIZE, PAGE_SIZE).then((result) => {
          pending.current.delete(page);
          if ('rows' in result) setPages((current) => new Map(current).set(page, result.rows));
        });
      }
    },
    [pages, state],
  );
  const rowAt = (index: number): Row | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { rowAt, ensure };
}

export function ItemList({ heading, state, openId, emptyHint, onOpen, listRef, actions, banner }: ItemListProps) {
  const countText =
    state.status === 'ready'
      ? state.mode === 'search'
        ? `${state.total.toLocaleString()} ${state.total === 1 ? 'hit' : 'hits'}`
        : `${state.total.toLocaleString()} ${state.total === 1 ? 'item' : 'items'}`
      : '';
  const rowHeight = ROW_HEIGHT[state.mode];
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const { rowAt, ensure } = usePagedRows(state);
  const total = state.status === 'ready' ? state.total : 0;
  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(total - 1, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN_ROWS);

  useEffect(() => ensure(first, last), [first, last, ensure]);

  // A new list starts at the top.
  const key = state.status === 'ready' ? state.key : state.status;
  useLayoutEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
    setViewport((current) => ({ ...current, top: 0 }));
    setFocusIndex(null);
  }, [key, listRef]);

  useLayoutEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [listRef, state.status]);

  // Keyboard focus follows an index, so it can move past the rows that are currently in the DOM.
  useEffect(() => {
    if (focusIndex === null) return;
    const button = listRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    button?.focus({ preventScroll: true });
  }, [focusIndex, first, last, rowAt, listRef]);

  const moveTo = (index: number) => {
    const element = listRef.current;
    if (!element || total === 0) return;
    const target = Math.max(0, Math.min(total - 1, index));
    const top = target * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    setFocusIndex(target);
  };

  const pageRows = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const current = focusIndex ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: Math.max(0, current - 1),
      PageDown: current + pageRows,
      PageUp: current - pageRows,
      Home: 0,
      End: total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    }
  };

  const visible: number[] = [];
  for (let index = first; index <= last; index++) visible.push(index);

  return (
    <section className="list-pane" aria-label={heading} data-testid="item-list" data-mode={state.mode} data-status={state.status}>
      <header className="pane-header">
        <h2 dir="auto">{heading}</h2>
        <span className="pane-actions">
          {actions}
          <span className="muted" data-testid="list-total">{countText}</span>
        </span>
      </header>
      {banner}
      <div className="list-scroll" ref={listRef} onScroll={(event) => setViewport({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}>
        {state.status === 'loading' ? (
          <p className="empty-state" aria-live="polite">Loading…</p>
        ) : state.status === 'error' ? (
          <div className="empty-state error" role="alert" data-testid="list-error">
            <strong>{state.code === 'BAD_QUERY' ? 'Check the search' : state.mode === 'search' ? 'Search failed' : 'Could not load the list'}</strong>
            <p dir="auto">{state.message}</p>
          </div>
        ) : total === 0 ? (
          <div className="empty-state" data-testid="list-empty">
            <p dir="auto">{emptyHint}</p>
          </div>
        ) : (
          <ul className="rows" role="listbox" aria-label={heading} aria-rowcount={total} onKeyDown={onKeyDown} style={{ height: total * rowHeight }}>
            {visible.map((index) => {
              const row = rowAt(index);
              const style = { top: index * rowHeight, height: rowHeight };
              if (!row) {
                return (
                  <li key={`pending-${index}`} role="presentation" className="row-slot" style={style}>
                    <span className="row placeholder" aria-hidden="true" />
                  </li>
                );
              }
              return (
                <li key={row.id} role="presentation" className="row-slot" style={style}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={row.id === openId}
                    aria-posinset={index + 1}
                    aria-setsize={total}
                    data-row
                    data-index={index}
                    data-testid={state.mode === 'search' ? 'search-hit' : 'item-row'}
                    data-id={row.id}
                    data-type={row.type}
                    className={row.id === openId ? 'row selected' : 'row'}
                    onFocus={() => setFocusIndex(index)}
                    onClick={() => onOpen(row.id)}
                  >
                    <span className="row-top">
                      <TypeBadge type={row.type} />
                      {state.mode === 'search' ? <span className="rank" aria-label={`rank ${index + 1}`}>#{index + 1}</span> : null}
                      <span className="row-date">{formatDate(row.date)}</span>
                    </span>
                    <span className="row-title" dir="auto" data-testid="row-title">
                      {row.title}
                    </span>
                    {row.snippet ? (
                      <span className="row-snippet" dir="auto" data-testid="hit-snippet">
                        <Highlighted text={row.snippet} />
                      </span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
