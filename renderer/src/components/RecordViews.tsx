// Views to look at rather than read: the timeline of incidents and statements, the link graph around an item
// (both drawn in SVG), and an entity's page.
import { useEffect, useMemo, useState } from 'react';
import type { EntityPage, Graph, GraphNode, Timeline } from '../../../electron/contract';
import { api } from '../api';

const DAY = 86_400_000;
const TYPE_COLOUR: Record<string, string> = {
  article: '#2c5bd4',
  statement: '#9a3fb8',
  incident: '#c2410c',
  note: '#4b7a3a',
  person: '#0f766e',
  organisation: '#a16207',
  place: '#475569',
};
const colour = (type: string): string => TYPE_COLOUR[type] ?? '#636d80';
const dayMillis = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Incidents (bars for ranges, hollow marks for approximate dates) and statements (dots) along one axis. */
export function TimelineView({ query, onOpen }: { query: string; onOpen: (id: string) => void }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoom, setZoom] = useState(1);
  const [filtered, setFiltered] = useState(true);
  useEffect(() => {
    let live = true;
    void api.timeline(filtered && query ? { query } : {}).then((result) => {
      if (!live) return;
      if (result.ok) setTimeline(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [query, filtered]);

  const layout = useMemo(() => {
    if (!timeline || timeline.entries.length === 0) return null;
    const starts = timeline.entries.map((entry) => dayMillis(entry.date));
    const ends = timeline.entries.map((entry) => dayMillis(entry.dateEnd ?? entry.date));
    const first = Math.min(...starts) - DAY;
    const last = Math.max(...ends) + DAY;
    const span = Math.max(600, Math.round(((last - first) / DAY) * 24 * zoom));
    // Room on the right for the labels of the latest entries.
    const width = span + 440;
    const x = (millis: number): number => 40 + ((millis - first) / (last - first)) * (span - 80);
    return { first, last, width, x };
  }, [timeline, zoom]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!timeline) return <p className="empty-state">Loading the timeline…</p>;
  const rowHeight = 26;
  const height = 60 + timeline.entries.length * rowHeight;
  const ticks = layout ? dayTicks(layout.first, layout.last) : [];
  return (
    <section className="record-view" data-testid="timeline-view">
      <div className="detail-toolbar">
        <h2>Timeline</h2>
        <span className="spacer" />
        {query ? (
          <label className="small">
            <input type="checkbox" checked={filtered} onChange={(event) => setFiltered(event.target.checked)} /> only “{query}”
          </label>
        ) : null}
        <button type="button" className="button small" onClick={() => setZoom((z) => Math.max(0.25, z / 2))} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="button small" onClick={() => setZoom((z) => Math.min(16, z * 2))} aria-label="Zoom in" data-testid="timeline-zoom-in">
          +
        </button>
      </div>
      {!layout ? (
        <p className="muted">No dated incidents or statements{query && filtered ? ` for “${query}”` : ''}.</p>
      ) : (
        <div className="svg-scroll">
          <svg width={layout.width} height={height} role="img" aria-label="Timeline of incidents and statements">
            {ticks.map((tick) => (
              <g key={tick.label}>
                <line x1={layout.x(tick.millis)} x2={layout.x(tick.millis)} y1={20} y2={height - 10} className="grid-line" />
                <text x={layout.x(tick.millis) + 3} y={14} className="axis-label">
                  {tick.label}
                </text>
              </g>
            ))}
            {timeline.entries.map((entry, index) => {
              const y = 40 + index * rowHeight;
              const x1 = layout.x(dayMillis(entry.date));
              const x2 = layout.x(dayMillis(entry.dateEnd ?? entry.date) + DAY);
              const approximate = entry.precision !== 'day' && entry.precision !== 'range';
              return (
                <g key={entry.id} className="timeline-entry" data-testid="timeline-entry" data-id={entry.id} onClick={() => onOpen(entry.id)} role="button">
                  <title>{`${entry.date}${entry.dateEnd ? ` – ${entry.dateEnd}` : ''} (${entry.precision}) ${entry.title}`}</title>
                  {entry.type === 'incident' ? (
                    <rect x={x1} y={y - 7} width={Math.max(6, x2 - x1)} height={14} rx={3} fill={approximate ? 'none' : colour('incident')} stroke={colour('incident')} strokeDasharray={approximate ? '3 2' : undefined} />
                  ) : (
                    <circle cx={x1 + 3} cy={y} r={6} fill={colour('statement')} />
                  )}
                  <text x={Math.max(x1, x2) + 10} y={y + 4} className="entry-label">
                    {entry.title.length > 70 ? `${entry.title.slice(0, 69)}…` : entry.title}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
      {timeline.undated ? <p className="muted small">{timeline.undated} incidents and statements have no date and are not on the line.</p> : null}
    </section>
  );
}

function dayTicks(first: number, last: number): { millis: number; label: string }[] {
  const span = (last - first) / DAY;
  const step = span <= 14 ? 1 : span <= 90 ? 7 : span <= 730 ? 30 : 365;
  const ticks: { millis: number; label: string }[] = [];
  for (let millis = first + DAY; millis < last && ticks.length < 60; millis += step * DAY) {
    ticks.push({ millis, label: new Date(millis).toISOString().slice(0, step >= 30 ? 7 : 10) });
  }
  return ticks;
}

/** Nodes on rings by their distance from the open item, coloured by type; a click opens the item or entity. */
export function GraphView({ id, onOpen, onOpenEntity }: { id: string; onOpen: (id: string) => void; onOpenEntity: (id: string) => void }) {
  const [depth, setDepth] = useState(1);
  const [graph, setGraph] = useState<Graph | null>(null);
  useEffect(() => {
    let live = true;
    void api.graph({ id, depth }).then((result) => live && result.ok && setGraph(result.value));
    return () => {
      live = false;
    };
  }, [id, depth]);
  const positions = useMemo(() => (graph ? ringLayout(graph.nodes) : new Map<string, { x: number; y: number }>()), [graph]);
  if (!graph) return null;
  const size = 200 + graph.depth * 180;
  return (
    <section className="detail-section" data-testid="graph-view">
      <h3>
        Link graph
        <select aria-label="Depth" value={depth} onChange={(event) => setDepth(Number(event.target.value))} data-testid="graph-depth">
          <option value={1}>depth 1</option>
          <option value={2}>depth 2</option>
          <option value={3}>depth 3</option>
        </select>
      </h3>
      <div className="svg-scroll">
        <svg width={size} height={size} viewBox={`${-size / 2} ${-size / 2} ${size} ${size}`} role="img" aria-label="Links around this item">
          {graph.edges.map((edge) => {
            const from = positions.get(edge.from);
            const to = positions.get(edge.to);
            if (!from || !to) return null;
            return (
              <g key={`${edge.from}-${edge.to}-${edge.rel}`} className="graph-edge">
                <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
                <text x={(from.x + to.x) / 2} y={(from.y + to.y) / 2} className="edge-label">
                  {edge.rel}
                </text>
              </g>
            );
          })}
          {graph.nodes.map((node) => {
            const at = positions.get(node.id)!;
            return (
              <g
                key={node.id}
                className={node.deleted ? 'graph-node deleted' : 'graph-node'}
                transform={`translate(${at.x} ${at.y})`}
                data-testid="graph-node"
                data-type={node.type}
                role="button"
                onClick={() => (node.kind === 'entity' ? onOpenEntity(node.id) : node.depth > 0 ? onOpen(node.id) : undefined)}
              >
                <title>{`${node.type}: ${node.title}${node.deleted ? ' (in the trash)' : ''}`}</title>
                {node.kind === 'entity' ? <rect x={-8} y={-8} width={16} height={16} fill={colour(node.type)} /> : <circle r={node.depth === 0 ? 12 : 9} fill={colour(node.type)} />}
                <text y={22} textAnchor="middle" className="node-label">
                  {node.title.length > 28 ? `${node.title.slice(0, 27)}…` : node.title}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </section>
  );
}

function ringLayout(nodes: GraphNode[]): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  const rings = new Map<number, GraphNode[]>();
  for (const node of nodes) rings.set(node.depth, [...(rings.get(node.depth) ?? []), node]);
  for (const [depth, ring] of rings) {
    ring.forEach((node, index) => {
      const angle = (index / ring.length) * 2 * Math.PI + depth * 0.4;
      const radius = depth * 170;
      positions.set(node.id, { x: Math.round(Math.cos(angle) * radius), y: Math.round(Math.sin(angle) * radius) });
    });
  }
  return positions;
}

export function EntityPageView({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const [page, setPage] = useState<EntityPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.getEntity({ ref: id }).then((result) => (result.ok ? setPage(result.value) : setError(result.error.message)));
  }, [id]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!page) return <p className="empty-state">Opening…</p>;
  const row = (item: { id: string; title: string; date: string | null; deletedAt: string | null }, extra?: string) => (
    <li key={`${item.id}-${extra ?? ''}`}>
      <span className="mono muted">{item.date ?? '—'}</span>{' '}
      {extra ? <span className="rel">{extra}</span> : null}{' '}
      <button type="button" className="link-button" onClick={() => onOpen(item.id)}>
        <span dir="auto">{item.title}</span>
      </button>
      {item.deletedAt ? <span className="muted"> (in the trash)</span> : null}
    </li>
  );
  return (
    <article className="detail record-view" data-testid="entity-page" data-id={page.id}>
      <header className="detail-header">
        <div className="detail-kicker">
          <span className="chip" style={{ borderColor: colour(page.kind) }}>{page.kind}</span>
          <span className="mono muted">{page.id}</span>
        </div>
        <h1 dir="auto" data-testid="entity-name">{page.name}</h1>
        {page.aliases.length ? <p className="muted" dir="auto">Also: {page.aliases.join(' · ')}</p> : null}
        {page.source ? <p className="chip">source reliability {page.source.reliability ?? 'not graded'}</p> : null}
      </header>
      <section className="detail-section">
        <h3>Statements <span className="count">{page.statements.length}</span></h3>
        <ul className="entity-items" data-testid="entity-statements">{page.statements.map((s) => row(s, s.role ?? undefined))}</ul>
        <h3>Incidents <span className="count">{page.incidents.length}</span></h3>
        <ul className="entity-items" data-testid="entity-incidents">{page.incidents.map((i) => row(i, i.role))}</ul>
        <h3>Mentioned in <span className="count">{page.mentionedIn.length}</span></h3>
        <ul className="entity-items" data-testid="entity-mentions">{page.mentionedIn.map((i) => row(i))}</ul>
      </section>
    </article>
  );
}
