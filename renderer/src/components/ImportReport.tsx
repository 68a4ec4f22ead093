// What happened to each file of an import: imported (perhaps a possible duplicate of an item already kept),
// already in the archive, or refused with a reason; which watch terms the new items matched.
import type { ImportReport } from '../../../electron/contract';
import { Dialog } from './Dialog';
import { TypeBadge } from './TypeBadge';

interface ImportReportDialogProps {
  report: ImportReport;
  onOpen: (id: string) => void;
  onClose: () => void;
}

export function ImportReportDialog({ report, onOpen, onClose }: ImportReportDialogProps) {
  const { imported, duplicates, failed } = report;
  const possible = imported.filter((entry) => entry.possibleDuplicateOf).length;
  const watchHits = report.watchHits ?? [];
  return (
    <Dialog title="Import report" testId="import-report" onClose={onClose} wide>
      <p className="report-summary" data-testid="import-summary">
        <span className="pill ok">{imported.length} imported</span>
        <span className="pill neutral">{duplicates.length} already in the archive</span>
        <span className={failed.length ? 'pill bad' : 'pill neutral'}>{failed.length} failed</span>
        {possible > 0 ? <span className="pill warn">{possible} possible duplicates</span> : null}
      </p>
      {report.cancelled ? (
        <p className="banner warn" data-testid="import-cancelled">
          Cancelled. The files listed here were dealt with; import the same files again to add the rest (what is already in is skipped).
        </p>
      ) : null}
      {watchHits.length > 0 ? (
        <section className="watch-hits" data-testid="import-watch-hits">
          <h3>Watch terms that matched</h3>
          <ul className="report-list">
            {watchHits.map((hit) => (
              <li key={hit.savedSearchId} className="report-row">
                <span className="report-file" dir="auto">
                  {hit.name} <span className="mono muted">{hit.query}</span>
                </span>
                <span>
                  {hit.items.map((item) => (
                    <button key={item.id} type="button" className="link-button" onClick={() => onOpen(item.id)} dir="auto">
                      {item.title}
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="report-scroll">
        {imported.length > 0 ? (
          <section>
            <h3>Imported</h3>
            <ul className="report-list" data-testid="import-imported">
              {imported.map((entry) => (
                <li key={`${entry.path}-${entry.id}`} className="report-row">
                  <span className="report-file" dir="auto">{entry.path}</span>
                  <button type="button" className="link-target" data-testid="import-imported-entry" data-id={entry.id} onClick={() => onOpen(entry.id)}>
                    <TypeBadge type={entry.type} />
                    <span dir="auto" className="link-title">{entry.title}</span>
                  </button>
                  {entry.possibleDuplicateOf ? (
                    <button
                      type="button"
                      className="link-button warn"
                      data-testid="import-possible-duplicate"
                      onClick={() => onOpen(entry.possibleDuplicateOf!.id)}
                      title="The text is nearly the same as an item already in the archive (saved again with other markup?)"
                    >
                      possible duplicate ({Math.round(entry.possibleDuplicateOf.similarity * 100)}% the same text)
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {duplicates.length > 0 ? (
          <section>
            <h3>Already in the archive</h3>
            <ul className="report-list" data-testid="import-duplicate">
              {duplicates.map((entry) => (
                <li key={`${entry.path}-${entry.id}`} className="report-row">
                  <span className="report-file" dir="auto">{entry.path}</span>
                  <button type="button" className="link-button" data-testid="import-duplicate-entry" data-id={entry.id} onClick={() => onOpen(entry.id)}>
                    open the existing copy
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {failed.length > 0 ? (
          <section>
            <h3>Failed</h3>
            <ul className="report-list" data-testid="import-failed">
              {failed.map((entry, index) => (
                <li key={`${entry.path}-${index}`} className="report-row failed" data-testid="import-failed-entry">
                  <span className="report-file" dir="auto">{entry.path}</span>
                  <span className="report-reason" dir="auto">{entry.error}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <footer className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose} data-testid="import-report-close" autoFocus>
          Done
        </button>
      </footer>
    </Dialog>
  );
}
