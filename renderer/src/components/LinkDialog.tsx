// Link the open item to another one: a search-as-you-type picker for the target, a relation from the fixed
// vocabulary, and an optional note.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LINK_RELATIONS, type ItemDetail, type ItemType, type LinkRelation } from '../../../electron/contract';
import { api } from '../api';
import { RELATION_LABEL, TYPE_LABEL, formatDate } from '../format';
import { moveRowFocus, useDebounced } from '../hooks';
import { Dialog, ErrorMessage } from './Dialog';
import { Highlighted } from './Highlighted';
import { TypeBadge } from './TypeBadge';

interface Candidate {
  id: string;
  type: ItemType;
  title: string;
  date: string | null;
  snippet?: string;
}

/** A sensible first guess at the relation from the two item types; the user can always change it. */
function suggestRelation(from: ItemType, to: ItemType): LinkRelation {
  if (from === 'statement' && to === 'article') return 'sourced-from';
  if (from === 'article' && to === 'statement') return 'quotes';
  if (from === 'article' && to === 'incident') return 'reports-on';
  if (from === 'statement' && to === 'incident') return 'about';
  if (from === 'incident' && to === 'incident') return 'same-event';
  return 'related';
}

interface LinkDialogProps {
  from: Pick<ItemDetail, 'id' | 'type' | 'title'>;
  onClose: () => void;
  onLinked: () => void;
}

export function LinkDialog({ from, onClose, onLinked }: LinkDialogProps) {
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [target, setTarget] = useState<Candidate | null>(null);
  const [rel, setRel] = useState<LinkRelation>('related');
  const [relTouched, setRelTouched] = useState(false);
  const [note, setNote] = useState('');
  const [passage, setPassage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const ids = { search: useId(), rel: useId(), note: useId(), passage: useId() };

  useEffect(() => {
    let live = true;
    const run = async () => {
      const trimmed = settled.trim();
      if (trimmed) {
        const result = await api.search({ query: trimmed, limit: 30 });
        if (!live) return;
        if (result.ok) {
          setCandidates(result.value.hits);
          setSearchError(null);
        } else setSearchError(result.error.message);
      } else {
        const result = await api.listItems({ limit: 30 });
        if (!live) return;
        if (result.ok) {
          setCandidates(result.value.items);
          setSearchError(null);
        } else setSearchError(result.error.message);
      }
    };
    void run();
    return () => {
      live = false;
    };
  }, [settled]);

  const choose = (candidate: Candidate) => {
    setTarget(candidate);
    if (!relTouched) setRel(suggestRelation(from.type, candidate.type));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) {
      setError('Choose the item to link to.');
      return;
    }
    setBusy(true);
    setError(null);
    const trimmedNote = note.trim();
    const trimmedPassage = passage.trim();
    const result = await api.addLink({
      from: from.id,
      to: target.id,
      rel,
      ...(trimmedNote ? { note: trimmedNote } : {}),
      ...(trimmedPassage ? { passage: trimmedPassage } : {}),
    });
    setBusy(false);
    if (result.ok) onLinked();
    else setError(result.error.message);
  };

  const visible = candidates.filter((c) => c.id !== from.id);

  return (
    <Dialog title="Link to another item" testId="link-dialog" onClose={onClose} wide>
      <form className="form" onSubmit={onSubmit} data-testid="link-form">
        <p className="link-from" dir="auto">
          <span className="muted">From </span>
          <TypeBadge type={from.type} /> <bdi>{from.title}</bdi>
        </p>
        <div className="field">
          <label htmlFor={ids.search}>Find the other item</label>
          <input
            id={ids.search}
            type="search"
            dir="auto"
            autoFocus
            autoComplete="off"
            placeholder="Type to search titles, names, quotes, text…"
            data-testid="link-search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                moveRowFocus(listRef.current, 'Home');
              } else if (event.key === 'Enter') {
                event.preventDefault();
                const first = visible[0];
                if (first) choose(first);
              }
            }}
          />
        </div>
        <ul
          className="picker"
          ref={listRef}
          role="listbox"
          aria-label="Items to link to"
          data-testid="link-candidates"
          onKeyDown={(event) => {
            if (moveRowFocus(listRef.current, event.key)) event.preventDefault();
          }}
        >
          {searchError ? (
            <li className="picker-empty" dir="auto">{searchError}</li>
          ) : visible.length === 0 ? (
            <li className="picker-empty">{settled.trim() ? 'Nothing matches.' : 'The archive holds no other items yet.'}</li>
          ) : (
            visible.map((candidate) => (
              <li key={candidate.id} role="presentation">
                <button
                  type="button"
                  role="option"
                  aria-selected={target?.id === candidate.id}
                  data-row
                  data-testid="link-candidate"
                  data-id={candidate.id}
                  className={target?.id === candidate.id ? 'picker-row selected' : 'picker-row'}
                  onClick={() => choose(candidate)}
                >
                  <TypeBadge type={candidate.type} />
                  <span className="picker-title" dir="auto">
                    {candidate.title}
                  </span>
                  <span className="picker-date">{formatDate(candidate.date)}</span>
                  {candidate.snippet ? (
                    <span className="picker-snippet" dir="auto">
                      <Highlighted text={candidate.snippet} />
                    </span>
                  ) : null}
                </button>
              </li>
            ))
          )}
        </ul>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.rel}>Relation</label>
            <select
              id={ids.rel}
              value={rel}
              data-testid="link-relation"
              onChange={(event) => {
                setRel(event.target.value as LinkRelation);
                setRelTouched(true);
              }}
            >
              {LINK_RELATIONS.map((relation) => (
                <option key={relation} value={relation}>
                  {RELATION_LABEL[relation]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.note}>Note (optional)</label>
            <input id={ids.note} dir="auto" data-testid="link-note" value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.passage}>Passage (optional)</label>
            <input
              id={ids.passage}
              dir="auto"
              data-testid="link-passage"
              placeholder="Words of this item's text the link is about"
              value={passage}
              onChange={(event) => setPassage(event.target.value)}
            />
          </div>
        </div>
        <p className="link-summary" data-testid="link-summary" dir="auto">
          {target ? (
            <>
              <bdi>{from.title}</bdi> <strong>{RELATION_LABEL[rel]}</strong> <bdi>{target.title}</bdi>
              <span className="muted"> ({TYPE_LABEL[target.type].toLowerCase()})</span>
            </>
          ) : (
            <span className="muted">No target chosen yet.</span>
          )}
        </p>
        <ErrorMessage message={error} />
        <footer className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !target} data-testid="link-submit">
            {busy ? 'Linking…' : 'Add link'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
