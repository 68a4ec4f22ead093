// The offline viewer inside a case file: index.html (every item, search-in-page) and one page per item with its
// text, provenance, hashes, links and history. Plain files for any browser opened from the unzipped folder: no
// network, no external script, inline CSS/JS pinned by hash in a Content-Security-Policy, every value escaped.
import { createHash } from 'node:crypto';
import type { AuditDocumentEntry, ItemDocument, Row } from './format';

const TYPE_LABELS: Record<string, string> = { article: 'Article', statement: 'Statement', incident: 'Incident', note: 'Note' };
/** Long text fields shown as the item's text rather than in the field list. */
const TEXT_FIELDS = new Set(['body_text', 'readable_html', 'quote', 'translation', 'description', 'body_markdown']);
const HIDDEN_FIELDS = new Set(['item_id', 'id', 'type', 'title', 'anchor_prefix', 'anchor_suffix']);
/** Per item, how much text the index page carries for its search (titles, names and quotes always fit). */
const SEARCH_TEXT_LIMIT = 50_000;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const hashSource = (source: string): string => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;

/** Column names an investigator would word differently; any other column is shown by its name, de-snake-cased. */
const LABELS: Record<string, string> = {
  url: 'URL',
  published_at: 'Published',
  captured_at: 'Captured',
  stated_on: 'Date',
  stated_at_time: 'Time',
  date_start: 'Date',
  date_end: 'Until',
  date_precision: 'Date precision',
  admin_area: 'Area',
  coord_precision: 'Coordinates precision',
};

const label = (column: string): string => {
  if (LABELS[column]) return LABELS[column];
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const typeLabel = (type: string): string => TYPE_LABELS[type] ?? label(type);

function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 ** 2) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 ** 2).toFixed(1)} MB`;
}

const STYLE = `
:root{color-scheme:light;--ink:#1d232b;--muted:#5b6674;--line:#dfe3e8;--paper:#fbfbf9;--accent:#1f5d8c;--mark:#ffe58a;
--article:#1f5d8c;--statement:#7a3e9d;--incident:#b0412e;--note:#3d7a4a}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif}
header.bar{background:#17202b;color:#fff;padding:14px 28px;display:flex;gap:18px;align-items:baseline;flex-wrap:wrap}
header.bar a{color:#cfe3f5}
header.bar .brand{font-weight:700;letter-spacing:.04em;text-transform:uppercase;font-size:13px;color:#9fb3c8}
main{max-width:1040px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:28px;line-height:1.25;margin:6px 0 12px}
h2{font-size:15px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:34px 0 10px;border-bottom:1px solid var(--line);padding-bottom:6px}
a{color:var(--accent)}
.lede{color:var(--muted);margin:0 0 18px}
.badge{display:inline-block;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.05em;padding:2px 8px;border-radius:10px;color:#fff;background:#667}
.badge.article{background:var(--article)}.badge.statement{background:var(--statement)}.badge.incident{background:var(--incident)}.badge.note{background:var(--note)}
dl.fields{display:grid;grid-template-columns:minmax(140px,max-content) 1fr;gap:6px 18px;margin:0}
dl.fields dt{color:var(--muted)}dl.fields dd{margin:0;overflow-wrap:anywhere}
.text{background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 22px;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote{margin:0;background:#fff;border-left:4px solid var(--statement);padding:14px 20px;font-size:18px;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px}
th,td{text-align:start;padding:8px 12px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600;background:#f3f4f2}
td.hash,code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.thumbs img{max-width:240px;max-height:180px;border:1px solid var(--line);border-radius:6px;margin:0 10px 10px 0;background:#fff}
.search{display:flex;gap:12px;align-items:center;margin:8px 0 16px;flex-wrap:wrap}
.search input{flex:1;min-width:260px;font:inherit;padding:10px 14px;border:1px solid #b9c2cc;border-radius:8px;background:#fff}
.search input:focus{outline:2px solid var(--accent);outline-offset:1px}
.filters button{font:inherit;font-size:13px;border:1px solid #b9c2cc;background:#fff;border-radius:14px;padding:4px 12px;cursor:pointer}
.filters button[aria-pressed=true]{background:#17202b;color:#fff;border-color:#17202b}
#count{color:var(--muted);font-size:14px}
.items td.title a{font-weight:600;text-decoration:none}.items td.title a:hover{text-decoration:underline}
.items td.date{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}
.snippet{display:block;color:var(--muted);font-size:14px;margin-top:4px}
mark{background:var(--mark);color:inherit;padding:0 1px;border-radius:2px}
.facts{display:flex;gap:28px;flex-wrap:wrap;margin:0 0 8px;color:var(--muted);font-size:14px}
.facts b{color:var(--ink);font-size:18px;display:block}
table.history td:nth-child(-n+3){white-space:nowrap}
footer{margin-top:40px;color:var(--muted);font-size:13px}
`;

const SEARCH_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('dossier-data').textContent);
  var rows = document.querySelectorAll('tbody tr[data-index]');
  var input = document.getElementById('q');
  var count = document.getElementById('count');
  var buttons = document.querySelectorAll('.filters button');
  var type = '';
  function foldChar(c){
    return c.normalize('NFKD').replace(/[\\u0300-\\u036f\\u0610-\\u061a\\u064b-\\u065f\\u0670\\u06d6-\\u06ed\\u0640]/g,'')
      .toLowerCase().replace(/\\u0629/g,'\\u0647').replace(/\\u0649/g,'\\u064a').replace(/[\\u0671\\u0672\\u0673]/g,'\\u0627');
  }
  function fold(s){ return foldChar(s); }
  var folded = data.items.map(function(item){ return fold(item.title + '\\n' + item.text); });
  function snippet(text, words){
    var map = [], out = '';
    for (var i = 0; i < text.length; i++) { var f = foldChar(text[i]); for (var k = 0; k < f.length; k++) map.push(i); out += f; }
    var first = -1;
    for (var w = 0; w < words.length; w++) { var at = out.indexOf(words[w]); if (at >= 0 && (first < 0 || at < first)) first = at; }
    var frag = document.createDocumentFragment();
    if (first < 0) return frag;
    var start = Math.max(0, map[first] - 80), end = Math.min(text.length, map[first] + 160);
    var piece = text.slice(start, end), pieceFolded = '', pieceMap = [];
    for (var j = 0; j < piece.length; j++) { var g = foldChar(piece[j]); for (var m = 0; m < g.length; m++) pieceMap.push(j); pieceFolded += g; }
    var marks = [];
    words.forEach(function(word){ var from = 0, hit; while ((hit = pieceFolded.indexOf(word, from)) >= 0) { marks.push([pieceMap[hit], pieceMap[hit + word.length - 1] + 1]); from = hit + word.length; } });
    marks.sort(function(a,b){ return a[0]-b[0]; });
    var pos = 0;
    if (start > 0) frag.appendChild(document.createTextNode('\\u2026'));
    marks.forEach(function(mk){ if (mk[0] < pos) return; frag.appendChild(document.createTextNode(piece.slice(pos, mk[0]))); var el = document.createElement('mark'); el.textContent = piece.slice(mk[0], mk[1]); frag.appendChild(el); pos = mk[1]; });
    frag.appendChild(document.createTextNode(piece.slice(pos) + (end < text.length ? '\\u2026' : '')));
    return frag;
  }
  function update(){
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function(row){
      var i = Number(row.getAttribute('data-index'));
      var item = data.items[i];
      var ok = (!type || item.type === type) && words.every(function(w){ return folded[i].indexOf(w) >= 0; });
      row.hidden = !ok;
      var slot = row.querySelector('.snippet');
      slot.textContent = '';
      if (ok) { shown++; if (words.length && shown <= 200) slot.appendChild(snippet(item.text, words)); }
    });
    count.textContent = shown + ' of ' + data.items.length + ' items' + (words.length ? ' match' : '');
  }
  input.addEventListener('input', update);
  buttons.forEach(function(button){
    button.addEventListener('click', function(){
      type = button.getAttribute('data-type');
      buttons.forEach(function(b){ b.setAttribute('aria-pressed', String(b === button)); });
      update();
    });
  });
  var params = new URLSearchParams(location.search);
  if (params.get('q')) input.value = params.get('q');
  update();
})();
`;

const STYLE_HASH = hashSource(STYLE);

/** A page around its body: what comes before the body, and what after. */
function pageFrame(options: { title: string; script?: string; lang?: string }): { head: string; tail: string } {
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    options.script ? `script-src ${hashSource(options.script)}` : "script-src 'none'",
    "img-src 'self' file:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const head = `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
`;
  const tail = `
${options.script ? `<script>${options.script}</script>` : ''}
</body>
</html>
`;
  return { head, tail };
}

function page(options: { title: string; body: string; script?: string; lang?: string }): string {
  const { head, tail } = pageFrame(options);
  return `${head}${options.body}${tail}`;
}

/** Text of a record column, or null when empty. */
const textOf = (row: Row | null, column: string): string | null => {
  const value = row?.[column];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};

export function itemDate(doc: ItemDocument): string | null {
  const r = doc.record;
  const value = textOf(r, 'published_at') ?? textOf(r, 'stated_on') ?? textOf(r, 'date_start') ?? textOf(r, 'captured_at');
  return value ? value.slice(0, 10) : null;
}

export interface IndexEntry {
  id: string;
  type: string;
  title: string;
  date: string | null;
  /** What search-in-page looks through: names, quote, text, claims, tags. */
  text: string;
}

export function indexEntryOf(doc: ItemDocument): IndexEntry {
  const parts: string[] = [];
  const record = Object.entries(doc.record ?? {}).filter(
    ([column, value]) => typeof value === 'string' && column !== 'item_id' && column !== 'readable_html' && column !== 'source_id',
  ) as [string, string][];
  // The item's own words first, so a match shows its sentence rather than a URL; then names, places, addresses.
  for (const [column, value] of record) if (TEXT_FIELDS.has(column)) parts.push(value);
  for (const [column, value] of record) if (!TEXT_FIELDS.has(column)) parts.push(value);
  for (const claim of doc.claims) parts.push([claim.kind, claim.value_number, claim.value_text, claim.note].filter((v) => v !== null && v !== undefined).join(' '));
  parts.push(...doc.tags);
  let text = parts.join('\n');
  if (text.length > SEARCH_TEXT_LIMIT) text = `${text.slice(0, SEARCH_TEXT_LIMIT)}…`;
  return { id: doc.id, type: doc.type, title: String(doc.item.title ?? ''), date: itemDate(doc), text };
}

export interface IndexPageData {
  caseRow: Row;
  createdAt: string;
  appVersion: string;
  items: IndexEntry[];
  linkCount: number;
  historyCount: number;
}

/** JSON inside <script type="application/json">: "<" escaped so no text can close the element. */
const embeddedJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * The index page in pieces, joined they are the page: the page up to the search data, then the data of a few items
 * at a time, then the rest. A case of many items carries a lot of text for the search; in pieces, it never has to
 * be one string (and one copy of it more in bytes).
 */
export function* indexPageParts(data: IndexPageData): Generator<string> {
  const items = [...data.items].sort(
    (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.type.localeCompare(b.type) || a.title.localeCompare(b.title),
  );
  const types = [...new Set(items.map((item) => item.type))].sort();
  const caseName = String(data.caseRow.name ?? '');
  const description = textOf(data.caseRow, 'description');
  const rows = items
    .map(
      (item, index) => `<tr data-index="${index}">
<td><span class="badge ${escapeHtml(item.type)}">${escapeHtml(typeLabel(item.type))}</span></td>
<td class="date">${escapeHtml(item.date ?? '')}</td>
<td class="title"><a href="items/${escapeHtml(item.id)}.html" dir="auto">${escapeHtml(item.title || '(untitled)')}</a><span class="snippet" dir="auto"></span></td>
</tr>`,
    )
    .join('\n');
  const filters = ['', ...types]
    .map((type) => `<button type="button" data-type="${escapeHtml(type)}" aria-pressed="${type === ''}">${type ? escapeHtml(typeLabel(type)) : 'All'}</button>`)
    .join(' ');
  const body = `<header class="bar"><span class="brand">Dossier case file</span><span dir="auto">${escapeHtml(caseName)}</span></header>
<main>
<h1 dir="auto">${escapeHtml(caseName)}</h1>
${description ? `<p class="lede" dir="auto">${escapeHtml(description)}</p>` : ''}
<div class="facts"><span><b>${items.length}</b>items</span><span><b>${data.linkCount}</b>links between them</span><span><b>${data.historyCount}</b>history entries</span><span><b>${escapeHtml(data.createdAt.slice(0, 10))}</b>exported</span></div>
<div class="search"><input id="q" type="search" placeholder="Search the items of this case (titles, names, quotes, text)" aria-label="Search" autocomplete="off" dir="auto"><span class="filters">${filters}</span></div>
<p id="count" aria-live="polite">${items.length} items</p>
<table class="items"><thead><tr><th>Type</th><th>Date</th><th>Title</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<footer>Exported ${escapeHtml(data.createdAt)} by Dossier ${escapeHtml(data.appVersion)}. Each file's SHA-256 is in <code>manifest.json</code> and
<code>SHA256SUMS</code>: check them with <code>sha256sum -c SHA256SUMS</code> in this folder, or <code>dossier verify</code> on the zip.
This page works offline and loads nothing from the network.</footer>
</main>
<script type="application/json" id="dossier-data">`;
  const { head, tail } = pageFrame({ title: `${caseName}: Dossier case file`, script: SEARCH_SCRIPT });
  // The same characters as embeddedJson({ items }), an item at a time.
  yield `${head}${body}{"items":[`;
  for (let index = 0; index < items.length; index++) {
    const { id, type, title, text } = items[index]!;
    yield `${index === 0 ? '' : ','}${embeddedJson({ id, type, title, text })}`;
  }
  yield `]}</script>${tail}`;
}

export interface PageLink {
  rel: string;
  direction: 'out' | 'in';
  otherId: string;
  otherTitle: string;
  otherType: string;
  note: string | null;
}

export interface ItemPageData {
  doc: ItemDocument;
  caseName: string;
  links: PageLink[];
  /** Title of another item of the case file, or null when it is not in it. */
  titleOf(id: string): string | null;
  source: Row | null;
  history: AuditDocumentEntry[];
}

function fieldList(rows: [string, unknown][]): string {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (shown.length === 0) return '';
  return `<dl class="fields">${shown
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd dir="auto">${escapeHtml(typeof value === 'object' ? JSON.stringify(value) : value)}</dd>`)
    .join('')}</dl>`;
}

function textSection(doc: ItemDocument): string {
  const r = doc.record;
  const parts: string[] = [];
  const quote = textOf(r, 'quote');
  if (quote) parts.push(`<h2>Quote</h2><blockquote dir="auto">${escapeHtml(quote)}</blockquote>`);
  const translation = textOf(r, 'translation');
  if (translation) parts.push(`<h2>Translation</h2><div class="text" dir="auto">${escapeHtml(translation)}</div>`);
  const anchor = textOf(r, 'anchor_exact');
  if (anchor) {
    parts.push(
      `<h2>Passage in the source</h2><div class="text" dir="auto"><span class="muted">${escapeHtml(textOf(r, 'anchor_prefix') ?? '')}</span><mark>${escapeHtml(anchor)}</mark><span class="muted">${escapeHtml(textOf(r, 'anchor_suffix') ?? '')}</span></div>`,
    );
  }
  for (const column of ['description', 'body_text', 'body_markdown']) {
    const value = textOf(r, column);
    if (value) parts.push(`<h2>${column === 'description' ? 'Description' : 'Text'}</h2><div class="text" dir="auto">${escapeHtml(value)}</div>`);
  }
  return parts.join('\n');
}

function claimsSection(data: ItemPageData): string {
  if (data.doc.claims.length === 0) return '';
  const rows = data.doc.claims
    .map((claim) => {
      const sourceId = typeof claim.source_item_id === 'string' ? claim.source_item_id : null;
      const sourceTitle = sourceId ? data.titleOf(sourceId) : null;
      const source = !sourceId
        ? '<span class="muted">not given</span>'
        : sourceTitle !== null
          ? `<a href="${escapeHtml(sourceId)}.html" dir="auto">${escapeHtml(sourceTitle)}</a>`
          : `<code>${escapeHtml(sourceId)}</code> <span class="muted">(not in this case file)</span>`;
      return `<tr><td>${escapeHtml(label(String(claim.kind ?? '')))}</td><td dir="auto">${escapeHtml(claim.value_number ?? claim.value_text ?? '')}</td><td>${source}</td><td dir="auto">${escapeHtml(claim.note ?? '')}</td></tr>`;
    })
    .join('');
  return `<h2>Claims, as each source gives them</h2><table><thead><tr><th>Claim</th><th>Value</th><th>Source</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function linksSection(links: PageLink[]): string {
  if (links.length === 0) return '';
  const rows = links
    .map(
      (link) =>
        `<tr><td>${link.direction === 'out' ? 'this item' : '<span class="muted">linked from</span>'} <b>${escapeHtml(link.rel)}</b></td><td><span class="badge ${escapeHtml(link.otherType)}">${escapeHtml(typeLabel(link.otherType))}</span> <a href="${escapeHtml(link.otherId)}.html" dir="auto">${escapeHtml(link.otherTitle)}</a></td><td dir="auto">${escapeHtml(link.note ?? '')}</td></tr>`,
    )
    .join('');
  return `<h2>Links</h2><table><thead><tr><th>Relation</th><th>Item</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function filesSection(doc: ItemDocument): string {
  if (doc.attachments.length === 0) return '';
  const images = doc.attachments.filter((a) => /^image\/(png|jpeg|gif|webp)$/.test(a.media_type));
  const thumbs = images.length
    ? `<div class="thumbs">${images.map((a) => `<a href="../${escapeHtml(a.path)}"><img src="../${escapeHtml(a.path)}" alt="${escapeHtml(a.name)}"></a>`).join('')}</div>`
    : '';
  const rows = doc.attachments
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.role)}</td><td dir="auto"><a href="../${escapeHtml(a.path)}">${escapeHtml(a.name)}</a></td><td>${escapeHtml(a.media_type)}</td><td>${escapeHtml(formatBytes(a.size))}</td><td class="hash">${escapeHtml(a.sha256)}</td></tr>`,
    )
    .join('');
  return `<h2>Originals and files</h2>${thumbs}<table><thead><tr><th>Role</th><th>File</th><th>Type</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Each file is stored under its SHA-256; <code>sha256sum</code> of the file gives its name back when it is unaltered. Originals open as downloads: saved web pages are shown here only as text.</p>`;
}

function historySection(history: AuditDocumentEntry[]): string {
  if (history.length === 0) return '';
  const rows = history
    .map(
      (entry) =>
        `<tr><td class="date">${escapeHtml(entry.at.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(entry.action)}</td><td>${entry.origin === 'imported' ? 'another archive' : 'exporting archive'}</td><td class="hash">${escapeHtml(entry.detail === '{}' ? '' : entry.detail)}</td></tr>`,
    )
    .join('');
  return `<h2>History</h2><table class="history"><thead><tr><th>When (UTC)</th><th>What</th><th>Recorded by</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderItemPage(data: ItemPageData): string {
  const { doc } = data;
  const title = String(doc.item.title ?? '(untitled)');
  const language = textOf(doc.record, 'language') ?? textOf(doc.item, 'language');
  const fields: [string, unknown][] = [];
  for (const [column, value] of Object.entries(doc.record ?? {})) {
    if (TEXT_FIELDS.has(column) || HIDDEN_FIELDS.has(column) || column === 'anchor_exact' || column === 'source_id') continue;
    fields.push([label(column), value]);
  }
  if (data.source) {
    const grade = textOf(data.source, 'reliability');
    fields.push(['Source', `${String(data.source.name ?? '')} (${String(data.source.kind ?? '')}${grade ? `, reliability ${grade}` : ''})`]);
    if (textOf(data.source, 'rationale')) fields.push(['Source grading', data.source.rationale]);
  }
  if (doc.tags.length) fields.push(['Tags', doc.tags.join(', ')]);
  const integrity: [string, unknown][] = [
    ['Item id', doc.id],
    ['Created', doc.item.created_at],
    ['Last changed', doc.item.updated_at],
    ['Content SHA-256', doc.contentHash],
    ['Data file', `items/${doc.id}.json`],
  ];
  const body = `<header class="bar"><span class="brand">Dossier case file</span><a href="../index.html" dir="auto">← ${escapeHtml(data.caseName)}: all items</a></header>
<main>
<span class="badge ${escapeHtml(doc.type)}">${escapeHtml(typeLabel(doc.type))}</span>
<h1 dir="auto">${escapeHtml(title)}</h1>
${fieldList(fields)}
${textSection(doc)}
${claimsSection(data)}
${linksSection(data.links)}
${filesSection(doc)}
<h2>Provenance and integrity</h2>
${fieldList(integrity)}
${historySection(data.history)}
</main>`;
  return page({ title: `${title}: ${data.caseName}`, body, lang: language && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(language) ? language : 'und' });
}
