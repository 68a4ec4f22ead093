// The Dossier window: toolbar and search on top, then library/cases, the item list and the open item side by side.
// All data comes through `api`; this component only decides what to ask for and when.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { ArchiveInfo, CaseView, ErrorValue, ImportReport, ItemDetail, LinkView } from '../../electron/contract';
import { api, exportCaseFile, onAppEvent } from './api';
import { CaseImportDialog, ConflictsDialog } from './components/CaseFiles';
import { SearchAids } from './components/SearchAids';
import { QuickSwitcher } from './components/QuickSwitcher';
import { ShortcutSheet } from './components/ShortcutSheet';
import { shortcutFor, type ShortcutAction } from './shortcuts';
import { importInBatches } from './importer';
import { DEFAULT_LAYOUT, LIMITS, useLayout } from './layout';
import { Splitter } from './components/Splitter';
import { ImportReportDialog } from './components/ImportReport';
import { ItemDetailView } from './components/ItemDetail';
import { EntityPageView, TimelineView } from './components/RecordViews';
import { ItemList, PAGE_SIZE, type ListState, type RowLoader } from './components/ItemList';
import { LinkDialog } from './components/LinkDialog';
import { CaseDialog, IncidentDialog, NoteDialog, StatementDialog } from './components/Forms';
import { Sidebar, type Scope } from './components/Sidebar';
import { TYPE_PLURAL, plural } from './format';
import { moveRowFocus, useDebounced } from './hooks';


type DetailState =
  | { status: 'none' }
  | { status: 'loading'; id: string; item: ItemDetail | null }
  | { status: 'ready'; item: ItemDetail }
  | { status: 'error'; id: string; message: string };

type DialogState =
  | null
  | { kind: 'note' | 'statement' | 'incident' | 'case' | 'link' | 'shortcuts' | 'switcher' | 'case-import' | 'conflicts' }
  | { kind: 'import'; report: ImportReport };

interface Notice {
  kind: 'error' | 'info';
  text: string;
  code?: string;
  action?: { label: string; run: () => void };
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Fetches any page of the middle list: the scope's items, or search hits (in a case: with the case's filter). */
function rowLoader(scope: Scope, query: string, sort: 'relevance' | 'date'): RowLoader {
  const typeFilter = scope.kind === 'library' && scope.type ? { type: scope.type } : {};
  if (!query) {
    return async (offset, limit) => {
      const result = await api.listItems({ offset, limit, ...typeFilter, ...(scope.kind === 'case' ? { caseRef: scope.id } : {}) });
      return result.ok ? { rows: result.value.items, total: result.value.total } : { error: result.error.message, code: result.error.code };
    };
  }
  const scoped = scope.kind === 'case' ? `(${query}) case:${scope.id}` : query;
  return async (offset, limit) => {
    const result = await api.search({ query: scoped, offset, limit, sort, ...typeFilter, ...(offset === 0 ? { suggest: true } : {}) });
    if (!result.ok) return { error: result.error.message, code: result.error.code };
    const notes = { suggestions: result.value.suggestions ?? [], fallback: result.value.fallback ?? null };
    return { rows: result.value.hits, total: result.value.total, notes };
  };
}

export function App() {
  const [info, setInfo] = useState<ArchiveInfo | null>(null);
  const [infoError, setInfoError] = useState<ErrorValue | null>(null);
  const [cases, setCases] = useState<CaseView[]>([]);
  const [casesError, setCasesError] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>({ kind: 'library', type: null });
  const [query, setQuery] = useState('');
  const settledQuery = useDebounced(query.trim(), 180);
  const [list, setList] = useState<ListState>({ status: 'loading', mode: 'list' });
  const [openId, setOpenId] = useState<string | null>(null);
  // Read by the keyboard shortcuts without re-registering them on every open.
  const openIdRef = useRef<string | null>(null);
  openIdRef.current = openId;
  const [history, setHistory] = useState<string[]>([]);
  const [detail, setDetail] = useState<DetailState>({ status: 'none' });
  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [importing, setImporting] = useState<{ done: number; total: number; cancel: () => void } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [layout, resize] = useLayout();
  const [sort, setSort] = useState<'relevance' | 'date'>('relevance');
  const [openConflicts, setOpenConflicts] = useState(0);
  /** Bumped after every change to the archive so that counts, list and open item are read again. */
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const searchRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const showError = useCallback((error: ErrorValue) => setNotice({ kind: 'error', text: error.message, code: error.code }), []);

  // Counts and cases.
  useEffect(() => {
    let live = true;
    void api.archiveInfo({}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setInfo(result.value);
        setInfoError(null);
      } else setInfoError(result.error);
    });
    void api.listConflicts({}).then((result) => {
      if (live && result.ok) setOpenConflicts(result.value.conflicts.length);
    });
    void api.listCases({}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setCases(result.value.cases);
        setCasesError(null);
      } else setCasesError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [version]);

  // The middle list: items of the scope, or search hits. A new scope or query starts from the first page.
  const listKey = `${JSON.stringify(scope)}|${settledQuery}`;
  const lastListKey = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    const mode = settledQuery ? 'search' : 'list';
    if (lastListKey.current !== listKey) setList({ status: 'loading', mode });
    lastListKey.current = listKey;
    const load = rowLoader(scope, settledQuery, sort);
    void load(0, PAGE_SIZE).then((first) => {
      if (!live) return;
      setList(
        'rows' in first
          ? { status: 'ready', mode, key: `${listKey}|${sort}|${version}`, rows: first.rows, total: first.total, load, notes: first.notes ?? null }
          : { status: 'error', mode, message: first.error, code: first.code },
      );
    });
    return () => {
      live = false;
    };
  }, [listKey, settledQuery, scope, sort, version]);

  // The open item.
  useEffect(() => {
    if (!openId) {
      setDetail({ status: 'none' });
      return;
    }
    let live = true;
    setDetail((current) =>
      current.status === 'ready' && current.item.id === openId ? current : { status: 'loading', id: openId, item: null },
    );
    void api.getItem({ id: openId }).then((result) => {
      if (!live) return;
      setDetail(result.ok ? { status: 'ready', item: result.value } : { status: 'error', id: openId, message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [openId, version]);

  // The window title names the open item, as desktop apps do.
  const openTitle = detail.status === 'ready' ? detail.item.title : null;
  useEffect(() => {
    document.title = openTitle ? `${openTitle} — Dossier` : 'Dossier';
  }, [openTitle]);

  // Info notices fade on their own; errors stay until dismissed.
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = window.setTimeout(() => setNotice(null), 7000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const [recordView, setRecordView] = useState<{ kind: 'timeline' } | { kind: 'entity'; id: string } | null>(null);
  const open = useCallback(
    (id: string) => {
      setRecordView(null);
      if (id === openId) return;
      if (openId) setHistory((h) => [...h.slice(-49), openId]);
      setOpenId(id);
    },
    [openId],
  );

  const back = useCallback(() => {
    setHistory((h) => {
      const previous = h[h.length - 1];
      if (previous) setOpenId(previous);
      return h.slice(0, -1);
    });
  }, []);

  const runShortcut = useCallback(
    (action: ShortcutAction) => {
      switch (action) {
        case 'find':
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        case 'quick-switcher':
          setDialog({ kind: 'switcher' });
          break;
        case 'import':
          if (window.dossierShell) void window.dossierShell.importDialog().then(() => refresh());
          else fileRef.current?.click();
          break;
        case 'new-note':
          setDialog({ kind: 'note' });
          break;
        case 'new-statement':
          setDialog({ kind: 'statement' });
          break;
        case 'new-incident':
          setDialog({ kind: 'incident' });
          break;
        case 'link':
          if (openIdRef.current) setDialog({ kind: 'link' });
          break;
        case 'back':
          back();
          break;
        case 'shortcuts':
          setDialog({ kind: 'shortcuts' });
          break;
      }
    },
    [back, refresh],
  );

  // Window-wide keys, from the one table in shortcuts.ts (a dialog keeps the keys to itself).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event, isMac);
      if (!action || (dialog && action !== 'find')) return;
      event.preventDefault();
      runShortcut(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, runShortcut]);

  // The desktop menu sends the same actions.
  useEffect(() => {
    const stops = [
      onAppEvent('menu:find', () => runShortcut('find')),
      onAppEvent('menu:new-note', () => runShortcut('new-note')),
      onAppEvent('menu:new-statement', () => runShortcut('new-statement')),
      onAppEvent('menu:new-incident', () => runShortcut('new-incident')),
      onAppEvent('menu:shortcuts', () => runShortcut('shortcuts')),
      onAppEvent('archive:changed', () => refresh()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [runShortcut, refresh]);

  const importFiles = async (files: File[]) => {
    if (files.length === 0) return;
    const controller = new AbortController();
    setImporting({ done: 0, total: files.length, cancel: () => controller.abort() });
    try {
      const result = await importInBatches(files, (progress) => setImporting((current) => current && { ...current, ...progress }), controller.signal);
      if (result.ok) setDialog({ kind: 'import', report: result.value });
      else showError(result.error);
    } catch (error) {
      showError({ code: 'READ_FAILED', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setImporting(null);
      refresh();
    }
  };

  const exportCase = async (caseRef: string) => {
    const result = await exportCaseFile(caseRef);
    if (!result) return; // the browser is downloading it, or the user cancelled
    if (!result.ok) return showError(result.error);
    setNotice({
      kind: 'info',
      text: `Exported ${plural(result.value.items, 'item')} to ${result.value.path}. Fingerprint ${result.value.manifestSha256.slice(0, 16)}…`,
    });
  };

  const openItem = detail.status === 'ready' ? detail.item : null;
  const openSummary = openItem && !openItem.deletedAt ? { id: openItem.id, type: openItem.type, title: openItem.title } : null;

  const created = (what: string) => (id: string) => {
    setDialog(null);
    refresh();
    open(id);
    setNotice({ kind: 'info', text: `${what} saved.` });
  };

  const deleteOpen = async () => {
    if (!openItem) return;
    const id = openItem.id;
    const result = await api.deleteItem({ id });
    if (!result.ok) return showError(result.error);
    refresh();
    setNotice({
      kind: 'info',
      text: `Moved “${openItem.title}” to the trash.`,
      action: {
        label: 'Undo',
        run: () => {
          void api.restoreItem({ id }).then((r) => {
            if (r.ok) {
              refresh();
              setNotice({ kind: 'info', text: 'Restored.' });
            } else showError(r.error);
          });
        },
      },
    });
  };

  const restoreOpen = async () => {
    if (!openItem) return;
    const result = await api.restoreItem({ id: openItem.id });
    if (!result.ok) return showError(result.error);
    refresh();
    setNotice({ kind: 'info', text: 'Restored from the trash.' });
  };

  const unlink = async (link: LinkView) => {
    const result = await api.removeLink({ id: link.linkId });
    if (!result.ok) return showError(result.error);
    refresh();
    setNotice({ kind: 'info', text: 'Link removed.' });
  };

  const addToCase = async (caseId: string) => {
    if (!openItem) return;
    const result = await api.addToCase({ caseRef: caseId, ids: [openItem.id] });
    if (!result.ok) return showError(result.error);
    refresh();
    const name = cases.find((c) => c.id === caseId)?.name ?? 'the case';
    setNotice({ kind: 'info', text: `Added to “${name}”.` });
  };

  const heading = settledQuery
    ? scope.kind === 'case'
      ? `Search in “${scope.name}”`
      : scope.type
        ? `Search in ${TYPE_PLURAL[scope.type].toLowerCase()}`
        : 'Search results'
    : scope.kind === 'case'
      ? scope.name
      : scope.type
        ? TYPE_PLURAL[scope.type]
        : 'All items';

  const emptyHint = settledQuery
    ? `Nothing matches “${settledQuery}”. Try fewer words, a prefix such as popo*, or OR between alternatives.`
    : scope.kind === 'case'
      ? 'This case has no items yet. Open an item and use “Add to case” at the bottom of its page.'
      : scope.type
        ? `No ${TYPE_PLURAL[scope.type].toLowerCase()} yet.`
        : 'The archive is empty. Import saved web pages (HTML or text) with Import or by dropping files on this window, or write a note, statement or incident.';

  if (!info && infoError) {
    return (
      <main className="connect-screen" data-testid="connect-error">
        <div className="connect-card">
          <h1>Dossier cannot reach its archive</h1>
          <p dir="auto" role="alert">
            {infoError.message}
          </p>
          <p className="muted mono">{infoError.code}</p>
          <button type="button" className="button primary" onClick={refresh}>
            Try again
          </button>
        </div>
      </main>
    );
  }

  const onDragOver = (event: DragEvent) => {
    if (!Array.from(event.dataTransfer.types).includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      data-testid="app"
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (event.relatedTarget === null) setDragging(false);
      }}
      onDrop={(event) => {
        if (!Array.from(event.dataTransfer.types).includes('Files')) return;
        event.preventDefault();
        setDragging(false);
        void importFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <header className="toolbar" role="toolbar" aria-label="Archive actions">
        <div className="brand" aria-label="Dossier">
          <span className="brand-mark" aria-hidden="true">D</span>
          <span className="brand-name">Dossier</span>
        </div>
        <div className="search-box" role="search">
          <span className="search-icon" aria-hidden="true">⌕</span>
          <input
            ref={searchRef}
            type="search"
            dir="auto"
            placeholder={`Search the archive  (${isMac ? '⌘' : 'Ctrl+'}F)`}
            aria-label="Search the archive"
            spellCheck={false}
            autoComplete="off"
            data-testid="search-input"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && query) {
                event.preventDefault();
                setQuery('');
              } else if (event.key === 'ArrowDown') {
                event.preventDefault();
                moveRowFocus(listRef.current, 'Home');
              } else if (event.key === 'Enter') {
                const first = list.status === 'ready' ? list.rows[0] : undefined;
                if (first) open(first.id);
              }
            }}
          />
        </div>
        <div className="toolbar-actions">
          <input
            ref={fileRef}
            type="file"
            multiple
            hidden
            data-testid="import-input"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              void importFiles(files);
            }}
          />
          <button type="button" className="button" data-testid="import-button" disabled={Boolean(importing)} onClick={() => fileRef.current?.click()}>
            Import…
          </button>
          <button type="button" className="button" data-testid="timeline-button" onClick={() => setRecordView({ kind: 'timeline' })}>
            Timeline
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          <button type="button" className="button" data-testid="new-note-button" onClick={() => setDialog({ kind: 'note' })}>
            New note
          </button>
          <button type="button" className="button" data-testid="new-statement-button" onClick={() => setDialog({ kind: 'statement' })}>
            New statement
          </button>
          <button type="button" className="button" data-testid="new-incident-button" onClick={() => setDialog({ kind: 'incident' })}>
            New incident
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          <button
            type="button"
            className="button"
            data-testid="link-button"
            disabled={!openSummary}
            title={openSummary ? 'Link the open item to another item' : 'Open an item first'}
            onClick={() => setDialog({ kind: 'link' })}
          >
            Link…
          </button>
        </div>
      </header>

      {notice ? (
        <div className={notice.kind === 'error' ? 'notice notice-error' : 'toast'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid={notice.kind === 'error' ? 'error-banner' : 'info-banner'}>
          <span dir="auto" className="notice-text">
            {notice.text}
          </span>
          {notice.code && notice.kind === 'error' ? <span className="mono notice-code">{notice.code}</span> : null}
          {notice.action ? (
            <button
              type="button"
              className="button small"
              onClick={() => {
                notice.action?.run();
                setNotice(null);
              }}
            >
              {notice.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button small" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      ) : null}

      <div className="panes" style={{ gridTemplateColumns: `${layout.sidebarWidth}px 5px ${layout.listWidth}px 5px minmax(0, 1fr)` }}>
        <Sidebar
          scope={scope}
          counts={info?.counts ?? null}
          cases={cases}
          casesError={casesError}
          onScope={setScope}
          onNewCase={() => setDialog({ kind: 'case' })}
          onImportCase={() => setDialog({ kind: 'case-import' })}
          openConflicts={openConflicts}
          onConflicts={() => setDialog({ kind: 'conflicts' })}
        />
        <Splitter
          label="Resize the sidebar"
          testId="sidebar-splitter"
          width={layout.sidebarWidth}
          min={LIMITS.sidebarWidth[0]}
          max={LIMITS.sidebarWidth[1]}
          defaultWidth={DEFAULT_LAYOUT.sidebarWidth}
          onResize={(width) => resize('sidebarWidth', width)}
        />
        <ItemList
          heading={heading}
          state={list}
          openId={openId}
          emptyHint={emptyHint}
          onOpen={open}
          listRef={listRef}
          banner={
            settledQuery ? (
              <SearchAids
                query={query}
                sort={sort}
                notes={list.status === 'ready' ? list.notes : null}
                onSort={setSort}
                onQuery={(next) => setQuery(next.trim())}
                onOpen={open}
              />
            ) : null
          }
          actions={
            scope.kind === 'case' ? (
              <button type="button" className="button small" data-testid="export-case-button" onClick={() => void exportCase(scope.id)}>
                Export case file…
              </button>
            ) : null
          }
        />
        <Splitter
          label="Resize the list"
          testId="list-splitter"
          width={layout.listWidth}
          min={LIMITS.listWidth[0]}
          max={LIMITS.listWidth[1]}
          defaultWidth={DEFAULT_LAYOUT.listWidth}
          onResize={(width) => resize('listWidth', width)}
        />
        <main className="detail-pane" aria-live="polite">
          {recordView ? (
            <div className="record-pane">
              <button type="button" className="button small" onClick={() => setRecordView(null)} data-testid="record-view-close">
                ← Close
              </button>
              {recordView.kind === 'timeline' ? <TimelineView query={settledQuery} onOpen={open} /> : <EntityPageView id={recordView.id} onOpen={open} />}
            </div>
          ) : detail.status === 'none' ? (
            <div className="empty-state detail-empty" data-testid="detail-empty">
              <p className="big">Nothing open</p>
              <p>Choose an item in the list to read it here, with its links and backlinks.</p>
              <p className="muted small">
                <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>F</kbd> search · <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close a dialog
              </p>
            </div>
          ) : detail.status === 'loading' ? (
            <p className="empty-state">Opening…</p>
          ) : detail.status === 'error' ? (
            <div className="empty-state error" role="alert" data-testid="detail-error">
              <strong>Could not open this item</strong>
              <p dir="auto">{detail.message}</p>
            </div>
          ) : (
            <ItemDetailView
              item={detail.item}
              cases={cases}
              canGoBack={history.length > 0}
              onBack={back}
              onOpen={open}
              onDelete={() => void deleteOpen()}
              onRestore={() => void restoreOpen()}
              onLink={() => setDialog({ kind: 'link' })}
              onUnlink={(link) => void unlink(link)}
              onAddToCase={(caseId) => void addToCase(caseId)}
              onNewStatement={() => setDialog({ kind: 'statement' })}
              onNewIncident={() => setDialog({ kind: 'incident' })}
              onOpenEntity={(id) => setRecordView({ kind: 'entity', id })}
              onChanged={refresh}
            />
          )}
        </main>
      </div>

      <footer className="statusbar" data-testid="statusbar">
        {importing ? (
          <span className="busy" role="status" data-testid="import-progress">
            Importing {importing.done} of {plural(importing.total, 'file')}
            <progress max={importing.total} value={importing.done} />
            <button type="button" className="button small" onClick={importing.cancel} data-testid="import-cancel">
              Cancel
            </button>
          </span>
        ) : null}
        <span className="spacer" />
        {info ? (
          <>
            <span dir="auto" title={info.path} className="status-path">
              {info.path}
            </span>
            <span>schema {info.schemaVersion}</span>
            <span>Dossier {info.appVersion}</span>
          </>
        ) : infoError ? (
          <span className="error" dir="auto">{infoError.message}</span>
        ) : (
          <span>Opening archive…</span>
        )}
      </footer>

      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop files to import them</p>
        </div>
      ) : null}

      {dialog?.kind === 'note' ? <NoteDialog onClose={() => setDialog(null)} onCreated={created('Note')} /> : null}
      {dialog?.kind === 'statement' ? (
        <StatementDialog onClose={() => setDialog(null)} onCreated={created('Statement')} openItem={openSummary} />
      ) : null}
      {dialog?.kind === 'incident' ? (
        <IncidentDialog onClose={() => setDialog(null)} onCreated={created('Incident')} openItem={openSummary} />
      ) : null}
      {dialog?.kind === 'case' ? (
        <CaseDialog
          onClose={() => setDialog(null)}
          onCreated={() => {
            setDialog(null);
            refresh();
            setNotice({ kind: 'info', text: 'Case created.' });
          }}
        />
      ) : null}
      {dialog?.kind === 'link' && openSummary ? (
        <LinkDialog
          from={openSummary}
          onClose={() => setDialog(null)}
          onLinked={() => {
            setDialog(null);
            refresh();
            setNotice({ kind: 'info', text: 'Link added.' });
          }}
        />
      ) : null}
      {dialog?.kind === 'case-import' || dialog?.kind === 'conflicts' ? (
        (() => {
          const CaseDialogKind = dialog.kind === 'case-import' ? CaseImportDialog : ConflictsDialog;
          return (
            <CaseDialogKind
              onClose={() => setDialog(null)}
              onChanged={refresh}
              onOpen={(id) => {
                setDialog(null);
                open(id);
              }}
            />
          );
        })()
      ) : null}
      {dialog?.kind === 'shortcuts' ? <ShortcutSheet isMac={isMac} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'switcher' ? (
        <QuickSwitcher
          onClose={() => setDialog(null)}
          onOpen={(id) => {
            setDialog(null);
            open(id);
          }}
        />
      ) : null}
      {dialog?.kind === 'import' ? (
        <ImportReportDialog
          report={dialog.report}
          onClose={() => setDialog(null)}
          onOpen={(id) => {
            setDialog(null);
            open(id);
          }}
        />
      ) : null}
    </div>
  );
}
