// Editing an item's own fields, and its earlier versions. Only the fields that changed are sent; the archive keeps
// the version they replace, and any earlier version can be made current again (itself an edit, so nothing is lost).
import { useEffect, useState, type FormEvent } from 'react';
import { schemas, type ItemDetail, type ItemEdit, type ItemHistory, type ItemType } from '../../../electron/contract';
import { api } from '../api';
import { formatDateTime } from '../format';
import { Dialog, ErrorMessage } from './Dialog';
import { Actions, Field, useForm } from './Forms';

type EditKey = Exclude<keyof ItemEdit, 'id'>;

interface EditableField {
  key: EditKey;
  label: string;
  required?: boolean;
  multiline?: boolean;
  numeric?: boolean;
  hint?: string;
}

const DATE_HINT = 'YYYY-MM-DD';

const FIELDS: Record<ItemType, EditableField[]> = {
  note: [
    { key: 'title', label: 'Title', required: true },
    { key: 'body', label: 'Text', multiline: true },
  ],
  statement: [
    { key: 'title', label: 'Title', required: true },
    { key: 'speaker', label: 'Speaker', required: true },
    { key: 'role', label: 'Role' },
    { key: 'organisation', label: 'Organisation' },
    { key: 'date', label: 'Date', hint: DATE_HINT },
    { key: 'venue', label: 'Venue' },
    { key: 'language', label: 'Language', hint: 'A language code, as en, ru, ar' },
    { key: 'quote', label: 'Quote', required: true, multiline: true },
    { key: 'translation', label: 'Translation', multiline: true },
  ],
  incident: [
    { key: 'title', label: 'Title', required: true },
    { key: 'date', label: 'Date', hint: DATE_HINT },
    { key: 'dateEnd', label: 'Until', hint: DATE_HINT },
    { key: 'place', label: 'Place' },
    { key: 'adminArea', label: 'Area' },
    { key: 'latitude', label: 'Latitude', numeric: true, hint: 'Degrees, as 34.89; both or neither' },
    { key: 'longitude', label: 'Longitude', numeric: true, hint: 'Degrees, as 38.87' },
    { key: 'description', label: 'Description', multiline: true },
  ],
  article: [
    { key: 'title', label: 'Title', required: true },
    { key: 'outlet', label: 'Outlet' },
    { key: 'byline', label: 'Byline' },
    { key: 'published', label: 'Published', hint: DATE_HINT },
    { key: 'url', label: 'Address (URL)' },
  ],
};

const text = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The form's starting values: the item's fields as they are now. */
function currentValues(item: ItemDetail): Record<string, string> {
  const values: Record<string, string> = { title: item.title };
  if (item.note) values.body = item.note.body;
  if (item.statement) {
    const { speaker, role, organisation, date, venue, language, quote, translation } = item.statement;
    Object.assign(values, { speaker, role: text(role), organisation: text(organisation), date: text(date), venue: text(venue), language: text(language), quote, translation: text(translation) });
  }
  if (item.incident) {
    const { date, dateEnd, place, adminArea, latitude, longitude, description } = item.incident;
    Object.assign(values, { date: text(date), dateEnd: text(dateEnd), place: text(place), adminArea: text(adminArea), latitude: text(latitude), longitude: text(longitude), description: text(description) });
  }
  if (item.article) {
    const { outlet, byline, publishedAt, url } = item.article;
    Object.assign(values, { outlet: text(outlet), byline: text(byline), published: text(publishedAt).slice(0, 10), url: text(url) });
  }
  return values;
}

/** The changed fields as updateItem takes them: emptied optional fields cleared (null), numbers as numbers. */
function changedFields(item: ItemDetail, before: Record<string, string>, after: Record<string, string>): Record<string, string | number | null> {
  const changes: Record<string, string | number | null> = {};
  for (const field of FIELDS[item.type]) {
    const value = after[field.key] ?? '';
    if (value === (before[field.key] ?? '')) continue;
    const trimmed = value.trim();
    if (trimmed === '' && !field.required) changes[field.key] = null;
    else changes[field.key] = field.numeric ? Number(trimmed) : value;
  }
  return changes;
}

export function EditDialog({ item, onClose, onSaved }: { item: ItemDetail; onClose: () => void; onSaved: () => void }) {
  const [initial] = useState(() => currentValues(item));
  const form = useForm(initial);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.busy) return;
    const changes = changedFields(item, initial, form.values);
    if (Object.keys(changes).length === 0) return onClose();
    const parsed = schemas.updateItem.safeParse({ id: item.id, ...changes });
    if (!parsed.success) {
      form.setError(parsed.error.issues.map((issue) => `${issue.path.length ? `${String(issue.path[0])}: ` : ''}${issue.message}`).join('; '));
      return;
    }
    form.setBusy(true);
    form.setError(null);
    const result = await api.updateItem(parsed.data);
    form.setBusy(false);
    if (!result.ok) return form.setError(result.error.message);
    onSaved();
    onClose();
  };
  return (
    <Dialog title="Edit" testId="edit-dialog" onClose={onClose} wide>
      <form className="form" onSubmit={(event) => void onSubmit(event)} data-testid="edit-form">
        {FIELDS[item.type].map((field) => (
          <Field key={field.key} label={field.label} required={field.required} {...(field.hint ? { hint: field.hint } : {})}>
            {(id) =>
              field.multiline ? (
                <textarea id={id} dir="auto" rows={field.key === 'quote' ? 6 : 10} data-testid={`edit-${field.key}`} {...form.bind(field.key)} />
              ) : (
                <input id={id} dir="auto" inputMode={field.numeric ? 'decimal' : undefined} data-testid={`edit-${field.key}`} {...form.bind(field.key)} />
              )
            }
          </Field>
        ))}
        <p className="hint">The version this replaces is kept: see History.</p>
        <ErrorMessage message={form.error} />
        <Actions busy={form.busy} label="Save changes" testId="edit-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** What an earlier version said where it differs from the item now, field by field. */
function differences(item: ItemDetail, fields: Record<string, string | number | null>): { label: string; value: string }[] {
  const now = currentValues(item);
  return FIELDS[item.type].flatMap((field) => {
    if (!(field.key in fields)) return [];
    const then = field.key === 'published' ? text(fields[field.key]).slice(0, 10) : text(fields[field.key]);
    return then === (now[field.key] ?? '') ? [] : [{ label: field.label, value: then || '(empty)' }];
  });
}

export function HistoryDialog({ item, onClose, onRestored }: { item: ItemDetail; onClose: () => void; onRestored: () => void }) {
  const [history, setHistory] = useState<ItemHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void api.itemHistory({ id: item.id }).then((result) => {
      if (!live) return;
      if (result.ok) setHistory(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [item.id]);
  const restore = async (version: number) => {
    setBusy(true);
    const result = await api.restoreVersion({ id: item.id, version });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onRestored();
    onClose();
  };
  return (
    <Dialog title="History" testId="history-dialog" onClose={onClose} wide>
      <ErrorMessage message={error} />
      {history ? (
        history.versions.length === 0 ? (
          <p className="muted" data-testid="history-empty">
            Never edited: this is version 1.
          </p>
        ) : (
          <>
            <p className="muted">
              Version {history.currentVersion} is current. Making an earlier one current again is itself recorded as an edit.
            </p>
            <ol className="history-list" data-testid="history-list">
              {[...history.versions].reverse().map((version) => (
                <li key={version.version} data-testid="history-version" data-version={version.version}>
                  <strong>Version {version.version}</strong> <span className="muted">replaced {formatDateTime(version.replacedAt)}</span>
                  <div dir="auto">{version.title}</div>
                  <dl className="history-fields" data-testid="history-differences">
                    {differences(item, version.fields).map(({ label, value }) => (
                      <div key={label}>
                        <dt>{label}</dt>
                        <dd dir="auto">{value.length > 300 ? `${value.slice(0, 300)}…` : value}</dd>
                      </div>
                    ))}
                  </dl>
                  <button type="button" className="button small" disabled={busy} onClick={() => void restore(version.version)} data-testid="history-restore">
                    Make current
                  </button>
                </li>
              ))}
            </ol>
          </>
        )
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </Dialog>
  );
}
