// Case files in the app: import one (verified first; an altered file is shown file by file and imported only if
// the investigator insists, with every altered item flagged), the merge report, and the conflicts to resolve.
import { useEffect, useRef, useState } from 'react';
import type { CaseImportReport, CaseVerification, ConflictView, Result } from '../../../electron/contract';
import { api, hasNativeDialogs, importCaseWithDialog, uploadCaseFile } from '../api';
import { Dialog } from './Dialog';

type Stage =
  | { kind: 'pick' }
  | { kind: 'working'; what: string }
  | { kind: 'altered'; verification: CaseVerification | null; message: string; file: File | null }
  | { kind: 'done'; report: CaseImportReport }
  | { kind: 'error'; message: string };

function ReportView({ report, onOpen }: { report: CaseImportReport; onOpen: (id: string) => void }) {
  const rows: [string, { id: string; title: string }[]][] = [
    ['Added', report.added],
    ['Updated from the case file', report.updated],
    ['Already here', report.skipped],
    ['Conflicts (both sides changed: both kept)', report.conflicts],
    ['Flagged: altered in transit', report.flagged],
    ['Deleted by the sender: moved to the trash', report.deletions.trashed],
    ['Deleted by the sender, but changed here: kept', report.deletions.kept],
  ];
  return (
    <div data-testid="case-import-report">
      <p className="report-summary">
        <span className={report.verified ? 'pill ok' : 'pill bad'}>{report.verified ? 'verified' : 'NOT verified (forced)'}</span>
        <span className="pill neutral" dir="auto">{report.caseName}</span>
        <span className="mono muted small" title="Fingerprint of the case file: compare it with the sender's by another channel">
          {report.manifestSha256.slice(0, 16)}…
        </span>
      </p>
      {rows.map(([label, items]) =>
        items.length > 0 ? (
          <section key={label}>
            <h3>
              {label} ({items.length})
            </h3>
            <ul className="report-list">
              {items.slice(0, 200).map((item) => (
                <li key={item.id} className="report-row">
                  <button type="button" className="link-button" dir="auto" onClick={() => onOpen(item.id)}>
                    {item.title}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </div>
  );
}

export function CaseImportDialog({ onClose, onOpen, onChanged }: { onClose: () => void; onOpen: (id: string) => void; onChanged: () => void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const fileRef = useRef<HTMLInputElement>(null);

  const finish = (result: Result<CaseImportReport> | null, file: File | null) => {
    if (!result) return setStage({ kind: 'pick' });
    onChanged();
    if (result.ok) return setStage({ kind: 'done', report: result.value });
    if (result.error.code === 'CASE_FILE_ALTERED') return setStage({ kind: 'altered', verification: null, message: result.error.message, file });
    setStage({ kind: 'error', message: result.error.message });
  };

  const importFile = async (file: File, force: boolean) => {
    if (!force) {
      setStage({ kind: 'working', what: 'Checking every file of the case against its manifest…' });
      const verified = await uploadCaseFile(file, 'verify');
      if (!verified.ok) return setStage({ kind: 'error', message: verified.error.message });
      const verification = verified.value as CaseVerification;
      if (!verification.ok) return setStage({ kind: 'altered', verification, message: 'The case file does not match its manifest.', file });
    }
    setStage({ kind: 'working', what: 'Merging the case into this archive…' });
    finish((await uploadCaseFile(file, force ? 'force' : 'import')) as Result<CaseImportReport>, file);
  };

  const pick = async (force: boolean) => {
    if (hasNativeDialogs()) {
      setStage({ kind: 'working', what: 'Importing…' });
      finish(await importCaseWithDialog(force), null);
    } else if (force && stage.kind === 'altered' && stage.file) {
      await importFile(stage.file, true);
    } else {
      fileRef.current?.click();
    }
  };

  return (
    <Dialog title="Import a case file" testId="case-import-dialog" onClose={onClose} wide>
      <input
        ref={fileRef}
        type="file"
        accept=".zip,application/zip"
        hidden
        data-testid="case-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file, false);
        }}
      />
      {stage.kind === 'pick' ? (
        <p>
          A case file is a zip another investigator exported from Dossier. It is checked file by file against its manifest
          before anything is merged; items changed on both sides are kept in both versions for you to resolve.
        </p>
      ) : null}
      {stage.kind === 'working' ? <p role="status">{stage.what}</p> : null}
      {stage.kind === 'error' ? <p className="banner error" dir="auto" data-testid="case-import-error">{stage.message}</p> : null}
      {stage.kind === 'altered' ? (
        <div className="banner warn" data-testid="case-altered">
          <p dir="auto">{stage.message}</p>
          {stage.verification ? (
            <ul className="report-list">
              {stage.verification.files
                .filter((file) => file.status !== 'ok')
                .slice(0, 50)
                .map((file) => (
                  <li key={file.path} className="report-row">
                    <span className="mono">{file.path}</span> <strong>{file.status}</strong>
                  </li>
                ))}
            </ul>
          ) : null}
          <p>Import it anyway only if you know why it changed: every altered item will be flagged and kept apart from yours.</p>
        </div>
      ) : null}
      {stage.kind === 'done' ? <ReportView report={stage.report} onOpen={onOpen} /> : null}
      <footer className="dialog-actions">
        {stage.kind === 'altered' ? (
          <button type="button" className="button danger" onClick={() => void pick(true)} data-testid="case-import-force">
            Import anyway, flagged
          </button>
        ) : null}
        {stage.kind !== 'done' ? (
          <button type="button" className="button primary" disabled={stage.kind === 'working'} onClick={() => void pick(false)} data-testid="case-import-pick">
            Choose a case file…
          </button>
        ) : (
          <button type="button" className="button primary" onClick={onClose} data-testid="case-import-done">
            Done
          </button>
        )}
      </footer>
    </Dialog>
  );
}

export function ConflictsDialog({ onClose, onOpen, onChanged }: { onClose: () => void; onOpen: (id: string) => void; onChanged: () => void }) {
  const [conflicts, setConflicts] = useState<ConflictView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void api.listConflicts({}).then((result) => (result.ok ? setConflicts(result.value.conflicts) : setError(result.error.message)));
  }, [version]);
  const resolve = async (id: string, keep: 'ours' | 'theirs') => {
    const result = await api.resolveConflict({ id, keep });
    if (!result.ok) return setError(result.error.message);
    onChanged();
    setVersion((v) => v + 1);
  };
  return (
    <Dialog title="Conflicts from case files" testId="conflicts-dialog" onClose={onClose} wide>
      {error ? <p className="banner error" dir="auto">{error}</p> : null}
      {conflicts && conflicts.length === 0 ? <p>No open conflicts: every case file merged cleanly.</p> : null}
      <ul className="report-list">
        {(conflicts ?? []).map((conflict) => (
          <li key={conflict.id} className="conflict-row" data-testid="conflict-row">
            <button type="button" className="link-button" dir="auto" onClick={() => onOpen(conflict.itemId)}>
              {conflict.title}
            </button>
            <span className="muted small">
              {conflict.reason === 'altered' ? 'altered in transit' : 'changed on both sides'} · from {conflict.caseFile} · differs in{' '}
              {conflict.differences.join(', ') || '—'}
            </span>
            <span className="conflict-actions">
              <button type="button" className="button small" onClick={() => void resolve(conflict.id, 'ours')}>
                Keep mine
              </button>
              <button type="button" className="button small" onClick={() => void resolve(conflict.id, 'theirs')}>
                Take theirs
              </button>
            </span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
