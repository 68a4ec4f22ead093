// Middle pane: the items of the chosen library section or case, or ranked search hits with highlighted snippets.
import { useRef, type RefObject } from 'react';
import type { ItemType } from '../../../electron/contract';
import { formatDate } from '../format';
import { moveRowFocus } from '../hooks';
import { Highlighted } from './Highlighted';
import { TypeBadge } from './TypeBadge';

export interface Row {
  id: string;
  type: ItemType;
  title: string;
  date: string | null;
  snippet?: string;
}

export type ListState =
  | { status: 'loading'; mode: 'list' | 'search' }
  | { status: 'error'; mode: 'list' | 'search'; message: string; code: string }
  | { status: 'ready'; mode: 'list' | 'search'; rows: Row[]; total: number };

interface ItemListProps {
  heading: string;
  state: ListState;
  openId: string | null;
  emptyHint: string;
  onOpen: (id: string) => void;
  onMore: (() => void) | null;
  listRef: RefObject<HTMLDivElement | null>;
}

export function ItemList({ heading, state, openId, emptyHint, onOpen, onMore, listRef }: ItemListProps) {
  const countText =
    state.status === 'ready'
      ? state.mode === 'search'
        ? `${state.total.toLocaleString()} ${state.total === 1 ? 'hit' : 'hits'}`
        : `${state.total.toLocaleString()} ${state.total === 1 ? 'item' : 'items'}`
      : '';
  const bodyRef = useRef<HTMLUListElement>(null);
  return (
    <section className="list-pane" aria-label={heading} data-testid="item-list" data-mode={state.mode} data-status={state.status}>
      <header className="pane-header">
        <h2 dir="auto">{heading}</h2>
        <span className="muted" data-testid="list-total">{countText}</span>
      </header>
      <div className="list-scroll" ref={listRef}>
        {state.status === 'loading' ? (
          <p className="empty-state" aria-live="polite">Loading…</p>
        ) : state.status === 'error' ? (
          <div className="empty-state error" role="alert" data-testid="list-error">
            <strong>{state.code === 'BAD_QUERY' ? 'Check the search' : state.mode === 'search' ? 'Search failed' : 'Could not load the list'}</strong>
            <p dir="auto">{state.message}</p>
          </div>
        ) : state.rows.length === 0 ? (
          <div className="empty-state" data-testid="list-empty">
            <p dir="auto">{emptyHint}</p>
          </div>
        ) : (
          <ul
            className="rows"
            role="listbox"
            aria-label={heading}
            ref={bodyRef}
            onKeyDown={(event) => {
              if (moveRowFocus(bodyRef.current, event.key)) event.preventDefault();
            }}
          >
            {state.rows.map((row, index) => (
              <li key={row.id} role="presentation">
                <button
                  type="button"
                  role="option"
                  aria-selected={row.id === openId}
                  data-row
                  data-testid={state.mode === 'search' ? 'search-hit' : 'item-row'}
                  data-id={row.id}
                  data-type={row.type}
                  className={row.id === openId ? 'row selected' : 'row'}
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
            ))}
            {onMore ? (
              <li role="presentation" className="more-row">
                <button type="button" className="button small" onClick={onMore} data-testid="list-more">
                  Show more
                </button>
              </li>
            ) : null}
          </ul>
        )}
      </div>
    </section>
  );
}
