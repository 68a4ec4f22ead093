// Left pane: the library by item type (with counts) and the investigator's cases.
import { useRef } from 'react';
import { ITEM_TYPES, type ArchiveInfo, type CaseView, type ItemType } from '../../../electron/contract';
import { TYPE_PLURAL } from '../format';
import { moveRowFocus } from '../hooks';

export type Scope = { kind: 'library'; type: ItemType | null } | { kind: 'case'; id: string; name: string };

interface SidebarProps {
  scope: Scope;
  counts: ArchiveInfo['counts'] | null;
  cases: CaseView[];
  casesError: string | null;
  onScope: (scope: Scope) => void;
  onNewCase: () => void;
  onImportCase: () => void;
  openConflicts: number;
  onConflicts: () => void;
}

export function Sidebar({ scope, counts, cases, casesError, onScope, onNewCase, onImportCase, openConflicts, onConflicts }: SidebarProps) {
  const ref = useRef<HTMLElement>(null);
  const total = counts ? ITEM_TYPES.reduce((sum, type) => sum + counts[type], 0) : null;
  const isLibrary = (type: ItemType | null) => scope.kind === 'library' && scope.type === type;
  return (
    <nav
      className="sidebar"
      aria-label="Library and cases"
      ref={ref}
      data-testid="sidebar"
      onKeyDown={(event) => {
        if (moveRowFocus(ref.current, event.key)) event.preventDefault();
      }}
    >
      <h2 className="sidebar-heading">Library</h2>
      <ul className="nav-list">
        <li>
          <button
            type="button"
            data-row
            className={isLibrary(null) ? 'nav-row active' : 'nav-row'}
            aria-current={isLibrary(null) ? 'page' : undefined}
            data-testid="nav-all"
            onClick={() => onScope({ kind: 'library', type: null })}
          >
            <span className="nav-dot nav-dot-all" aria-hidden="true" />
            <span className="nav-label">All items</span>
            <span className="count" data-testid="count-all">{total ?? '–'}</span>
          </button>
        </li>
        {ITEM_TYPES.map((type) => (
          <li key={type}>
            <button
              type="button"
              data-row
              className={isLibrary(type) ? 'nav-row active' : 'nav-row'}
              aria-current={isLibrary(type) ? 'page' : undefined}
              data-testid={`nav-${type}`}
              onClick={() => onScope({ kind: 'library', type })}
            >
              <span className={`nav-dot nav-dot-${type}`} aria-hidden="true" />
              <span className="nav-label">{TYPE_PLURAL[type]}</span>
              <span className="count" data-testid={`count-${type}`}>{counts ? counts[type] : '–'}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-heading-row">
        <h2 className="sidebar-heading">Cases</h2>
        <button type="button" className="icon-button small" aria-label="New case" title="New case" data-testid="new-case-button" onClick={onNewCase}>
          +
        </button>
      </div>
      {casesError ? (
        <p className="sidebar-note error" dir="auto">{casesError}</p>
      ) : cases.length === 0 ? (
        <p className="sidebar-note">No cases yet. A case gathers the items of one investigation.</p>
      ) : (
        <ul className="nav-list" data-testid="case-list">
          {cases.map((c) => {
            const active = scope.kind === 'case' && scope.id === c.id;
            return (
              <li key={c.id}>
                <button
                  type="button"
                  data-row
                  className={active ? 'nav-row active' : 'nav-row'}
                  aria-current={active ? 'page' : undefined}
                  data-testid="case-row"
                  data-id={c.id}
                  title={c.description ?? c.name}
                  onClick={() => onScope({ kind: 'case', id: c.id, name: c.name })}
                >
                  <span className="nav-dot nav-dot-case" aria-hidden="true" />
                  <span className="nav-label" dir="auto">{c.name}</span>
                  <span className="count">{c.itemCount}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="sidebar-actions">
        <button type="button" className="link-button" onClick={onImportCase} data-testid="import-case-button">
          Import a case file…
        </button>
        {openConflicts > 0 ? (
          <button type="button" className="link-button warn" onClick={onConflicts} data-testid="conflicts-button">
            {openConflicts} {openConflicts === 1 ? 'conflict' : 'conflicts'} to resolve
          </button>
        ) : null}
      </div>
    </nav>
  );
}
