// Right pane: one item in full, per type, with its links both ways and the actions that apply to it.
import { useState, type ReactNode } from 'react';
import type { CaseView, ClaimView, ItemDetail, LinkView } from '../../../electron/contract';
import { RELATION_INVERSE_LABEL, RELATION_LABEL, TYPE_LABEL, formatBytes, formatDate, formatDateTime } from '../format';
import { TypeBadge } from './TypeBadge';
import { ArticleEvidence } from './Evidence';
import { openExternalUrl } from '../api';
import { ClaimRanges, MarkedBody, Passages, RecordFacts, SuggestionsPanel } from './Records';
import { GraphView } from './RecordViews';
import { EditDialog, HistoryDialog } from './EditDialogs';

interface ItemDetailProps {
  item: ItemDetail;
  cases: CaseView[];
  canGoBack: boolean;
  onBack: () => void;
  onOpen: (id: string) => void;
  onDelete: () => void;
  onRestore: () => void;
  onLink: () => void;
  onUnlink: (link: LinkView) => void;
  onAddToCase: (caseId: string) => void;
  onNewStatement: () => void;
  onNewIncident: () => void;
  onOpenEntity?: (id: string) => void;
  onChanged?: () => void;
}

const WIDE_FACTS = new Set(['URL']);

function Facts({ rows }: { rows: [label: string, value: ReactNode, testId: string][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="facts">
      {shown.map(([label, value, testId]) => (
        <div className={WIDE_FACTS.has(label) ? 'fact wide' : 'fact'} key={label}>
          <dt>{label}</dt>
          <dd data-testid={testId}>
            {/* An inline isolate: the value keeps its own direction while lining up under its label. */}
            <span dir="auto">{value}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

const LIST_LINE = /^\s*(?:[-*•–·]|\d{1,3}[.)])\s/;

/**
 * Saved pages often hard-wrap their text at the source's line length; join those lines so that the text flows
 * in the pane, but keep line breaks that start a list item.
 */
function reflow(paragraph: string): string {
  const lines = paragraph.split(/\r?\n/);
  let out = lines[0] ?? '';
  for (const line of lines.slice(1)) out += LIST_LINE.test(line) ? `\n${line.trim()}` : ` ${line.trim()}`;
  return out;
}

/** Long text as paragraphs, each with its own direction so mixed Arabic/Russian/English bodies read correctly. */
function Paragraphs({ text, testId }: { text: string; testId: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => reflow(p.trim()))
    .filter(Boolean);
  return (
    <div className="prose" data-testid={testId}>
      {paragraphs.length === 0 ? (
        <p className="muted">No text.</p>
      ) : (
        paragraphs.map((paragraph, index) => (
          <p key={index} dir="auto">
            {paragraph}
          </p>
        ))
      )}
    </div>
  );
}

function ExternalUrl({ url }: { url: string }) {
  // Shown as text to copy, not as a live link: opening the web from an evidence archive is a deliberate act,
  // so it takes a button and a confirmation.
  return (
    <span className="url" title={url}>
      {url}{' '}
      <button type="button" className="button small" onClick={() => void openExternalUrl(url)} data-testid="open-external">
        Open in browser…
      </button>
    </span>
  );
}

function ClaimsTable({ claims, onOpen }: { claims: ClaimView[]; onOpen: (id: string) => void }) {
  if (claims.length === 0) return <p className="muted">No figures recorded yet.</p>;
  return (
    <table className="claims" data-testid="claims-table">
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Value</th>
          <th scope="col">According to</th>
          <th scope="col" title="Source reliability (A-F) and information credibility (1-6)">Grade</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((claim) => (
          <tr key={claim.id} data-testid="claim-row">
            <td>{claim.kind}</td>
            <td className="num">
              <span dir="auto">{claim.valueNumber !== null ? claim.valueNumber.toLocaleString() : claim.valueText ?? '—'}</span>
            </td>
            <td>
              {claim.sourceItemId ? (
                <button type="button" className="link-button" onClick={() => onOpen(claim.sourceItemId!)}>
                  <span dir="auto">{claim.sourceTitle ?? claim.sourceItemId}</span>
                </button>
              ) : (
                <span className="muted">unsourced</span>
              )}
            </td>
            <td className="grade" data-testid="claim-grade">
              {`${claim.sourceReliability ?? ''}${claim.sourceCredibility ?? ''}` || <span className="muted">—</span>}
            </td>
            <td>
              <span dir="auto">{claim.note ?? ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LinkList({
  links,
  direction,
  onOpen,
  onUnlink,
}: {
  links: LinkView[];
  direction: 'out' | 'in';
  onOpen: (id: string) => void;
  onUnlink: ((link: LinkView) => void) | null;
}) {
  const testId = direction === 'out' ? 'links-list' : 'backlinks-list';
  if (links.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {direction === 'out' ? 'This item links to nothing yet.' : 'Nothing links here yet.'}
      </p>
    );
  }
  return (
    <ul className="link-list" data-testid={testId}>
      {links.map((link) => (
        <li key={link.linkId} className="link-entry">
          <span className="rel">{direction === 'out' ? RELATION_LABEL[link.rel] : RELATION_INVERSE_LABEL[link.rel]}</span>
          <button
            type="button"
            className="link-target"
            data-testid={direction === 'out' ? 'link-entry' : 'backlink-entry'}
            data-id={link.id}
            data-rel={link.rel}
            onClick={() => onOpen(link.id)}
          >
            <TypeBadge type={link.type} />
            <span dir="auto" className="link-title">
              {link.title}
            </span>
            {link.deletedAt ? <span className="muted small"> (in the trash)</span> : null}
          </button>
          {link.note ? (
            <span className="link-note" dir="auto">
              {link.note}
            </span>
          ) : null}
          {link.passage ? (
            <q className="link-passage" dir="auto" data-testid="link-passage-text" title="The passage this link is about">
              {link.passage.length > 200 ? `${link.passage.slice(0, 200)}…` : link.passage}
            </q>
          ) : null}
          {onUnlink ? (
            <button
              type="button"
              className="icon-button small subtle"
              aria-label={`Remove link with ${link.title}`}
              title="Remove this link"
              data-testid="unlink-button"
              onClick={() => onUnlink(link)}
            >
              ×
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ItemDetailView(props: ItemDetailProps) {
  const { item, onOpen } = props;
  const [caseChoice, setCaseChoice] = useState('');
  const [changing, setChanging] = useState<'edit' | 'history' | null>(null);
  const changed = (): void => props.onChanged?.();
  const outgoing = item.links.filter((l) => l.direction === 'out');
  const incoming = item.links.filter((l) => l.direction === 'in');
  const otherCases = props.cases.filter((c) => !item.cases.some((ic) => ic.id === c.id));
  const deleted = Boolean(item.deletedAt);

  return (
    <article className="detail" data-testid="item-detail" data-id={item.id} data-type={item.type} aria-labelledby="detail-title">
      <div className="detail-toolbar">
        {props.canGoBack ? (
          <button type="button" className="button small" onClick={props.onBack} data-testid="back-button" title="Back (Alt+←)">
            ← Back
          </button>
        ) : null}
        <span className="spacer" />
        {!deleted ? (
          <>
            <button type="button" className="button small" onClick={() => setChanging('edit')} data-testid="detail-edit">
              Edit…
            </button>
            <button type="button" className="button small" onClick={() => setChanging('history')} data-testid="detail-history">
              History
            </button>
            <button type="button" className="button small" onClick={props.onLink} data-testid="detail-link-button">
              Link…
            </button>
            {item.type === 'article' ? (
              <>
                <button type="button" className="button small" onClick={props.onNewStatement} data-testid="detail-new-statement">
                  Statement from this
                </button>
                <button type="button" className="button small" onClick={props.onNewIncident} data-testid="detail-new-incident">
                  Incident from this
                </button>
              </>
            ) : null}
            <button type="button" className="button small danger" onClick={props.onDelete} data-testid="delete-button">
              Move to trash
            </button>
          </>
        ) : (
          <button type="button" className="button small primary" onClick={props.onRestore} data-testid="restore-button">
            Restore
          </button>
        )}
      </div>

      {changing === 'edit' ? <EditDialog item={item} onClose={() => setChanging(null)} onSaved={changed} /> : null}
      {changing === 'history' ? <HistoryDialog item={item} onClose={() => setChanging(null)} onRestored={changed} /> : null}

      {deleted ? (
        <p className="banner warn" data-testid="deleted-banner">
          In the trash since {formatDateTime(item.deletedAt)}. It no longer appears in lists or search.
        </p>
      ) : null}

      <header className="detail-header">
        <div className="detail-kicker">
          <TypeBadge type={item.type} />
          <span className="mono muted" title="Item id" data-testid="detail-id">
            {item.id}
          </span>
        </div>
        <h1 id="detail-title" dir="auto" data-testid="detail-title">
          {item.title}
        </h1>
      </header>

      {item.article ? (
        <section className="detail-section">
          <Facts
            rows={[
              ['Outlet', item.article.outlet, 'article-outlet'],
              ['Byline', item.article.byline, 'article-byline'],
              ['Published', formatDateTime(item.article.publishedAt), 'article-published'],
              ['Captured', formatDateTime(item.article.capturedAt), 'article-captured'],
              ['Language', item.article.language, 'article-language'],
              ['URL', item.article.url ? <ExternalUrl url={item.article.url} /> : null, 'article-url'],
            ]}
          />
          <ArticleEvidence item={item} text={<MarkedBody item={item} text={item.article.bodyText} testId="article-body" onOpen={onOpen} />} />
        </section>
      ) : null}

      {item.statement ? (
        <section className="detail-section">
          <Facts
            rows={[
              ['Speaker', item.statement.speaker, 'statement-speaker'],
              ['Role', item.statement.role, 'statement-role'],
              ['Organisation', item.statement.organisation, 'statement-organisation'],
              ['Date', formatDate(item.statement.date), 'statement-date'],
              ['Venue', item.statement.venue, 'statement-venue'],
              ['Language', item.statement.language, 'statement-language'],
            ]}
          />
          <blockquote className="quote" dir="auto" data-testid="statement-quote">
            {item.statement.quote}
          </blockquote>
          {item.statement.translation ? (
            <div className="translation">
              <h3>Translation</h3>
              <p dir="auto" data-testid="statement-translation">
                {item.statement.translation}
              </p>
            </div>
          ) : null}
        </section>
      ) : null}

      {item.incident ? (
        <section className="detail-section">
          <Facts
            rows={[
              [
                'Date',
                item.incident.date
                  ? `${formatDate(item.incident.date)}${item.incident.dateEnd ? ` – ${formatDate(item.incident.dateEnd)}` : ''}${
                      item.incident.datePrecision && item.incident.datePrecision !== 'day' ? ` (${item.incident.datePrecision})` : ''
                    }`
                  : null,
                'incident-date',
              ],
              ['Place', item.incident.place, 'incident-place'],
              ['Area', item.incident.adminArea, 'incident-area'],
              [
                'Coordinates',
                item.incident.latitude !== null && item.incident.longitude !== null
                  ? `${item.incident.latitude.toFixed(5)}, ${item.incident.longitude.toFixed(5)}`
                  : null,
                'incident-coordinates',
              ],
            ]}
          />
          {item.incident.description ? <Paragraphs text={item.incident.description} testId="incident-description" /> : null}
          <h3>Figures by source</h3>
          <ClaimsTable claims={item.incident.claims} onOpen={onOpen} />
          <ClaimRanges ranges={item.incident.claimRanges ?? []} />
        </section>
      ) : null}

      <RecordFacts item={item} onOpenEntity={props.onOpenEntity ?? (() => undefined)} />
      <Passages item={item} onOpen={onOpen} />
      {item.type === 'article' && !deleted ? <SuggestionsPanel item={item} onChanged={props.onChanged ?? (() => undefined)} /> : null}

      {item.note ? (
        <section className="detail-section">
          <Paragraphs text={item.note.body} testId="note-body" />
        </section>
      ) : null}

      <section className="detail-section" aria-labelledby="links-heading">
        <h3 id="links-heading">
          Links <span className="count">{outgoing.length}</span>
        </h3>
        <LinkList links={outgoing} direction="out" onOpen={onOpen} onUnlink={deleted ? null : props.onUnlink} />
        <h3 id="backlinks-heading">
          Backlinks <span className="count">{incoming.length}</span>
        </h3>
        <LinkList links={incoming} direction="in" onOpen={onOpen} onUnlink={deleted ? null : props.onUnlink} />
      </section>

      <GraphView key={`${item.id}-${item.links.length}`} id={item.id} onOpen={onOpen} onOpenEntity={props.onOpenEntity ?? (() => undefined)} />

      <section className="detail-section meta">
        <h3>Cases</h3>
        <div className="chips">
          {item.cases.length === 0 ? <span className="muted">In no case.</span> : null}
          {item.cases.map((c) => (
            <span key={c.id} className="chip" dir="auto">
              {c.name}
            </span>
          ))}
          {!deleted && otherCases.length > 0 ? (
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (caseChoice) props.onAddToCase(caseChoice);
                setCaseChoice('');
              }}
            >
              <select aria-label="Add to case" value={caseChoice} onChange={(event) => setCaseChoice(event.target.value)} data-testid="add-to-case-select">
                <option value="">Add to case…</option>
                {otherCases.map((c) => (
                  <option key={c.id} value={c.id} dir="auto">
                    {c.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="button small" disabled={!caseChoice} data-testid="add-to-case-button">
                Add
              </button>
            </form>
          ) : null}
        </div>
        {item.tags.length > 0 ? (
          <>
            <h3>Tags</h3>
            <div className="chips">
              {item.tags.map((tag) => (
                <span key={tag} className="chip" dir="auto">
                  {tag}
                </span>
              ))}
            </div>
          </>
        ) : null}
        {item.attachments.length > 0 ? (
          <>
            <h3>Kept files</h3>
            <ul className="attachments" data-testid="attachments">
              {item.attachments.map((a) => (
                <li key={`${a.sha256}-${a.name}`}>
                  <span dir="auto">{a.name}</span>
                  <span className="muted">
                    {a.role} · {a.mediaType} · {formatBytes(a.size)}
                  </span>
                  <span className="mono muted" title={`SHA-256 ${a.sha256}`}>
                    sha256 {a.sha256.slice(0, 12)}…
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="muted small">
          {TYPE_LABEL[item.type]} added {formatDateTime(item.createdAt)}
          {item.updatedAt !== item.createdAt ? `, changed ${formatDateTime(item.updatedAt)}` : ''}
          {item.language ? ` · language ${item.language}` : ''}
        </p>
      </section>
    </article>
  );
}
