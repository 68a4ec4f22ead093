// The cross-linked record in the item view: anchored passages, suggestions from an article (accept, edit,
// dismiss), graded claims with their ranges, actors, and the entities an item mentions.
import { useEffect, useState } from 'react';
import type { ClaimRange, ItemDetail, PassageView, SuggestionView } from '../../../electron/contract';
import { api } from '../api';

interface RecordProps {
  item: ItemDetail;
  onOpen: (id: string) => void;
  onOpenEntity: (id: string) => void;
  onChanged: () => void;
}

/** A passage in its context, the quoted words marked. */
function Passage({ passage, onOpen }: { passage: PassageView; onOpen: (id: string) => void }) {
  if (passage.start === null) {
    return (
      <li className="passage missing" data-testid="passage" data-found="false">
        <span className="muted">Not found in the article any more: </span>“{passage.quote}”
      </li>
    );
  }
  return (
    <li className="passage" data-testid="passage" data-method={passage.method ?? ''}>
      <button type="button" className="link-button" onClick={() => onOpen(passage.statementId)}>
        {passage.speaker}
      </button>
      {passage.method === 'fuzzy' ? <span className="chip warn">approximate match ({passage.distance} edits)</span> : null}
      <p dir="auto">
        …{passage.before}
        <mark data-testid="passage-mark">{passage.text}</mark>
        {passage.after}…
      </p>
    </li>
  );
}

export function Passages({ item, onOpen }: Pick<RecordProps, 'item' | 'onOpen'>) {
  const [passages, setPassages] = useState<PassageView[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.getPassages({ id: item.id }).then((result) => live && setPassages(result.ok ? result.value.passages : []));
    return () => {
      live = false;
    };
  }, [item]);
  if (!passages || passages.length === 0) return null;
  return (
    <section className="detail-section" data-testid="passages">
      <h3>{item.type === 'article' ? 'Quoted passages' : 'The passage in its article'}</h3>
      <ul className="passages">
        {passages.map((passage) => (
          <Passage key={`${passage.statementId}-${passage.articleId}`} passage={passage} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

function StatementSuggestion({ suggestion, onDone }: { suggestion: SuggestionView; onDone: (message: string | null) => void }) {
  const proposal = suggestion.statement!;
  const [edits, setEdits] = useState({ speaker: proposal.speaker, role: proposal.role ?? '', date: proposal.date ?? '', venue: proposal.venue ?? '', quote: proposal.quote });
  const [editing, setEditing] = useState(false);
  const accept = async (): Promise<void> => {
    const changed = Object.fromEntries(
      Object.entries(edits).filter(([key, value]) => value !== ((proposal as unknown as Record<string, string | null>)[key] ?? '')),
    );
    const result = await api.acceptSuggestion(Object.keys(changed).length ? { id: suggestion.id, edits: changed } : { id: suggestion.id });
    onDone(result.ok ? null : result.error.message);
  };
  const field = (key: keyof typeof edits, label: string) => (
    <label>
      {label}
      <input value={edits[key]} onChange={(event) => setEdits({ ...edits, [key]: event.target.value })} data-testid={`suggestion-${key}`} dir="auto" />
    </label>
  );
  return (
    <li className="suggestion" data-testid="statement-suggestion" data-id={suggestion.id}>
      <div className="suggestion-head">
        <strong dir="auto">{proposal.speaker}</strong>
        {proposal.role ? <span className="chip">{proposal.role}</span> : null}
        {proposal.affiliation ? <span className="chip">{proposal.affiliation}</span> : null}
        {proposal.date ? <span className="chip" data-testid="suggestion-date">{proposal.date}</span> : null}
        {proposal.venue ? <span className="chip">{proposal.venue}</span> : null}
      </div>
      <blockquote className="quote small" dir="auto">{proposal.quote}</blockquote>
      {editing ? (
        <div className="suggestion-form">
          {field('speaker', 'Speaker')}
          {field('role', 'Role')}
          {field('date', 'Date (YYYY-MM-DD)')}
          {field('venue', 'Venue')}
          {field('quote', 'Quote')}
        </div>
      ) : null}
      <div className="suggestion-actions">
        <button type="button" className="button small primary" onClick={() => void accept()} data-testid="suggestion-accept">
          Accept
        </button>
        <button type="button" className="button small" onClick={() => setEditing(!editing)} data-testid="suggestion-edit">
          {editing ? 'Hide fields' : 'Edit'}
        </button>
        <button
          type="button"
          className="button small subtle"
          onClick={() => void api.dismissSuggestion({ id: suggestion.id }).then((r) => onDone(r.ok ? null : r.error.message))}
          data-testid="suggestion-dismiss"
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}

function EntitySuggestion({ suggestion, onDone }: { suggestion: SuggestionView; onDone: (message: string | null) => void }) {
  const proposal = suggestion.entity!;
  const [kind, setKind] = useState(proposal.kind);
  const accept = async (): Promise<void> => {
    const result = await api.acceptEntity(kind === proposal.kind ? { id: suggestion.id } : { id: suggestion.id, edits: { kind } });
    onDone(result.ok ? null : result.error.message);
  };
  return (
    <li className="suggestion entity" data-testid="entity-suggestion" data-id={suggestion.id}>
      <select aria-label={`Kind of ${proposal.name}`} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
        <option value="person">person</option>
        <option value="organisation">organisation</option>
        <option value="place">place</option>
      </select>
      <span dir="auto">{proposal.name}</span>
      <span className="muted small">×{proposal.count}{proposal.entityId ? ' · known' : ''}</span>
      <button type="button" className="button small" onClick={() => void accept()} data-testid="entity-accept">
        Accept
      </button>
      <button type="button" className="button small subtle" onClick={() => void api.dismissSuggestion({ id: suggestion.id }).then((r) => onDone(r.ok ? null : r.error.message))}>
        Dismiss
      </button>
    </li>
  );
}

/** Suggestions from an article's text; loads what is stored and computes on request. */
export function SuggestionsPanel({ item, onChanged }: Pick<RecordProps, 'item' | 'onChanged'>) {
  const [suggestions, setSuggestions] = useState<SuggestionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async (): Promise<void> => {
    const result = await api.listSuggestions({ id: item.id, status: 'pending' });
    if (result.ok) setSuggestions(result.value.suggestions);
  };
  useEffect(() => {
    void load();
  }, [item.id]);
  const suggest = async (): Promise<void> => {
    const statements = await api.suggestStatements({ id: item.id });
    const entities = await api.suggestEntities({ id: item.id });
    setError(!statements.ok ? statements.error.message : !entities.ok ? entities.error.message : null);
    await load();
  };
  const done = (message: string | null): void => {
    setError(message);
    void load();
    if (!message) onChanged();
  };
  const statements = suggestions.filter((s) => s.kind === 'statement');
  const entities = suggestions.filter((s) => s.kind === 'entity');
  return (
    <section className="detail-section suggestions" data-testid="suggestions-panel">
      <h3>
        Suggestions <span className="count">{suggestions.length}</span>
        <button type="button" className="button small" onClick={() => void suggest()} data-testid="suggest-button">
          Find statements and names
        </button>
      </h3>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {statements.length ? <ul className="suggestion-list">{statements.map((s) => <StatementSuggestion key={s.id} suggestion={s} onDone={done} />)}</ul> : null}
      {entities.length ? <ul className="suggestion-list entities">{entities.map((s) => <EntitySuggestion key={s.id} suggestion={s} onDone={done} />)}</ul> : null}
      {suggestions.length === 0 ? <p className="muted">Nothing pending. Suggestions are only proposals: nothing is created until you accept one.</p> : null}
    </section>
  );
}

export function ClaimRanges({ ranges }: { ranges: ClaimRange[] }) {
  const shown = ranges.filter((range) => range.min !== null);
  if (shown.length === 0) return null;
  return (
    <p className="claim-ranges" data-testid="claim-ranges">
      {shown.map((range) => (
        <span key={range.kind} className="chip" data-kind={range.kind}>
          {range.kind}: {range.min === range.max ? range.min : `${range.min}–${range.max}`} ({range.sources} {range.sources === 1 ? 'source' : 'sources'})
        </span>
      ))}
    </p>
  );
}

/** Entities the item mentions, its actors and its grade: each entity opens its page. */
export function RecordFacts({ item, onOpenEntity }: Pick<RecordProps, 'item' | 'onOpenEntity'>) {
  const entities = item.entities ?? [];
  const actors = item.incident?.actors ?? [];
  const speaker = item.statement?.speakerEntity;
  if (!entities.length && !actors.length && !speaker && !item.grade && !item.source) return null;
  return (
    <section className="detail-section" data-testid="record-facts">
      {item.source || item.grade ? (
        <p className="grades" data-testid="item-grades">
          {item.source ? (
            <span className="chip" title={item.source.rationale ?? ''}>
              {item.source.name}: reliability {item.source.reliability ?? 'not graded'}
            </span>
          ) : null}
          {item.grade ? (
            <span className="chip" title={item.grade.rationale ?? ''}>
              credibility {item.grade.credibility}
            </span>
          ) : null}
        </p>
      ) : null}
      {speaker ? (
        <p>
          Speaker:{' '}
          <button type="button" className="link-button" onClick={() => onOpenEntity(speaker.id)} data-testid="speaker-entity">
            {speaker.name}
          </button>
        </p>
      ) : null}
      {actors.length ? (
        <ul className="actors" data-testid="incident-actors">
          {actors.map((actor) => (
            <li key={actor.id}>
              <span className="rel">{actor.role}</span>{' '}
              <button type="button" className="link-button" onClick={() => onOpenEntity(actor.entityId)}>
                {actor.name}
              </button>
              {actor.note ? <span className="muted"> · {actor.note}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {entities.length ? (
        <div className="chips" data-testid="item-entities">
          {entities.map((entity) => (
            <button key={entity.id} type="button" className="chip" onClick={() => onOpenEntity(entity.id)} data-kind={entity.kind}>
              {entity.name}
            </button>
          ))}
        </div>
      ) : null}
    </section>
  );
}

interface Range {
  start: number;
  end: number;
  statementId: string;
  speaker: string;
}

/** Joins a stretch of hard-wrapped source text into flowing text. */
const flow = (text: string): string => text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');

/**
 * An article's text as paragraphs with every anchored passage marked where it stands; a mark opens its statement.
 * Offsets come from getPassages, so the marks follow the anchors even when the text was re-rendered.
 */
export function MarkedBody({ item, text, testId, onOpen }: { item: ItemDetail; text: string; testId: string; onOpen: (id: string) => void }) {
  const [ranges, setRanges] = useState<Range[]>([]);
  useEffect(() => {
    let live = true;
    void api.getPassages({ id: item.id }).then((result) => {
      if (!live || !result.ok) return;
      setRanges(
        result.value.passages
          .filter((p): p is PassageView & { start: number; end: number } => p.start !== null && p.end !== null)
          .map((p) => ({ start: p.start, end: p.end, statementId: p.statementId, speaker: p.speaker })),
      );
    });
    return () => {
      live = false;
    };
  }, [item]);

  const paragraphs: { start: number; end: number }[] = [];
  const breaks = /\n\s*\n/g;
  let from = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    paragraphs.push({ start: from, end: match.index });
    from = match.index + match[0].length;
  }
  paragraphs.push({ start: from, end: text.length });

  const segments = (paragraph: { start: number; end: number }) => {
    const cuts = new Set([paragraph.start, paragraph.end]);
    for (const range of ranges) {
      if (range.start > paragraph.start && range.start < paragraph.end) cuts.add(range.start);
      if (range.end > paragraph.start && range.end < paragraph.end) cuts.add(range.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    return points.slice(1).map((end, index) => {
      const start = points[index]!;
      return { start, end, range: ranges.find((range) => range.start <= start && range.end >= end) };
    });
  };

  const shown = paragraphs.filter((paragraph) => text.slice(paragraph.start, paragraph.end).trim());
  return (
    <div className="prose" data-testid={testId}>
      {shown.length === 0 ? <p className="muted">No text.</p> : null}
      {shown.map((paragraph) => (
        <p key={paragraph.start} dir="auto">
          {segments(paragraph).map((segment) =>
            segment.range ? (
              <mark
                key={segment.start}
                className="anchored"
                data-testid="anchored-passage"
                data-statement={segment.range.statementId}
                title={`${segment.range.speaker}: open the statement`}
                onClick={() => onOpen(segment.range!.statementId)}
              >
                {flow(text.slice(segment.start, segment.end))}
              </mark>
            ) : (
              <span key={segment.start}>{flow(text.slice(segment.start, segment.end))}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}
