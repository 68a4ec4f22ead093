// An imported article as evidence: its extracted text, its readable page or its original as saved (both shown
// only in a sandboxed frame that can run nothing and load nothing from outside), and where it came from.
import { useState } from 'react';
import type { AttachmentView, ItemDetail } from '../../../electron/contract';
import { api, evidenceUrl } from '../api';
import { formatBytes, formatDateTime } from '../format';

type View = 'text' | 'readable' | 'original';

const VIEWS: [View, string][] = [
  ['text', 'Text'],
  ['readable', 'Readable page'],
  ['original', 'Original'],
];

async function downloadAttachment(attachment: AttachmentView): Promise<string | null> {
  const result = await api.getAttachment({ sha256: attachment.sha256 });
  if (!result.ok) return result.error.message;
  const bytes = Uint8Array.from(atob(result.value.dataBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.value.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.value.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

function Provenance({ item }: { item: ItemDetail }) {
  const [error, setError] = useState<string | null>(null);
  const original = item.attachments.find((attachment) => attachment.role === 'original');
  const article = item.article!;
  return (
    <div className="provenance" data-testid="provenance">
      <h3>Provenance</h3>
      <dl className="provenance-list">
        {article.url ? (
          <>
            <dt>Original URL</dt>
            <dd className="mono" dir="ltr" data-testid="provenance-url">{article.url}</dd>
          </>
        ) : null}
        <dt>Captured</dt>
        <dd>{article.capturedAt ? formatDateTime(article.capturedAt) : 'not recorded in the file'}</dd>
        <dt>Published</dt>
        <dd>{article.publishedAt ? formatDateTime(article.publishedAt) : 'not stated'}</dd>
        <dt>Imported</dt>
        <dd>{formatDateTime(item.createdAt)}</dd>
        {original ? (
          <>
            <dt>Original file</dt>
            <dd dir="auto" data-testid="provenance-file">
              {original.name} <span className="muted">({original.mediaType}, {formatBytes(original.size)})</span>
            </dd>
            <dt>SHA-256</dt>
            <dd className="mono hash" data-testid="provenance-sha256">{original.sha256}</dd>
          </>
        ) : null}
      </dl>
      {original ? (
        <button
          type="button"
          className="button small"
          data-testid="download-original"
          onClick={() => void downloadAttachment(original).then(setError)}
        >
          Save a copy of the original…
        </button>
      ) : null}
      {error ? <p className="banner error">{error}</p> : null}
    </div>
  );
}

export function ArticleEvidence({ item, text }: { item: ItemDetail; text: React.ReactNode }) {
  const [view, setView] = useState<View>('text');
  return (
    <div className="evidence">
      <div className="segmented" role="tablist" aria-label="How to show the article">
        {VIEWS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={view === value}
            className={view === value ? 'segment selected' : 'segment'}
            onClick={() => setView(value)}
            data-testid={`evidence-view-${value}`}
          >
            {label}
          </button>
        ))}
      </div>
      {view === 'text' ? (
        text
      ) : (
        <iframe
          key={view}
          className="evidence-frame"
          title={view === 'readable' ? 'Readable page' : 'Original page as saved'}
          // An empty sandbox: no script, no forms, no navigation, an opaque origin.
          sandbox=""
          referrerPolicy="no-referrer"
          src={evidenceUrl(item.id, view)}
          data-testid="evidence-frame"
        />
      )}
      {view === 'original' ? (
        <p className="muted small">Shown as saved, with scripts, frames, forms and every outside address taken out; images come from the archive.</p>
      ) : null}
      <Provenance item={item} />
    </div>
  );
}
