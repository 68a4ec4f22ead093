// The "new item" dialogs: note, statement, incident and case. Input is checked against the same contract schemas
// the archive uses, so mistakes show up beside the form before anything is sent.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { schemas, type Created, type InputOf, type ItemDetail } from '../../../electron/contract';
import { api } from '../api';
import { TYPE_LABEL } from '../format';
import { Dialog, ErrorMessage } from './Dialog';

type CreateOp = 'addNote' | 'addStatement' | 'addIncident' | 'createCase';

/** Drops empty fields, turns numeric fields into numbers, validates, then calls the operation. */
async function submit<Name extends CreateOp>(
  name: Name,
  raw: Record<string, string>,
  numeric: string[] = [],
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const trimmed = value.trim();
    if (!trimmed) continue;
    input[key] = numeric.includes(key) ? Number(trimmed) : value;
  }
  const parsed = schemas[name].safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.length ? `${String(issue.path[0])}: ` : ''}${issue.message}`)
      .join('; ');
    return { ok: false, message };
  }
  const call = api[name] as (input: InputOf<Name>) => Promise<{ ok: true; value: Created } | { ok: false; error: { message: string } }>;
  const result = await call(parsed.data as InputOf<Name>);
  return result.ok ? { ok: true, id: result.value.id } : { ok: false, message: result.error.message };
}

export function useForm(initial: Record<string, string>) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bind = (key: string) => ({
    value: values[key] ?? '',
    onChange: (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value })),
  });
  return { values, setValues, error, setError, busy, setBusy, bind };
}

export function Field({ label, hint, children, required }: { label: string; hint?: string; children: (id: string) => ReactNode; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {children(id)}
      {hint ? <small className="hint" dir="auto">{hint}</small> : null}
    </div>
  );
}

export function Actions({ busy, label, testId, onCancel }: { busy: boolean; label: string; testId: string; onCancel: () => void }) {
  return (
    <footer className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button primary" disabled={busy} data-testid={testId}>
        {busy ? 'Saving…' : label}
      </button>
    </footer>
  );
}

interface CreateDialogProps {
  onClose: () => void;
  onCreated: (id: string) => void;
}

interface SourceProps extends CreateDialogProps {
  /** The item open in the detail pane, offered as the new item's source. */
  openItem: Pick<ItemDetail, 'id' | 'type' | 'title'> | null;
}

function useSubmit(form: ReturnType<typeof useForm>, run: () => ReturnType<typeof submit>, onCreated: (id: string) => void) {
  return async (event: FormEvent) => {
    event.preventDefault();
    if (form.busy) return;
    form.setBusy(true);
    form.setError(null);
    const outcome = await run();
    form.setBusy(false);
    if (outcome.ok) onCreated(outcome.id);
    else form.setError(outcome.message);
  };
}

export function NoteDialog({ onClose, onCreated }: CreateDialogProps) {
  const form = useForm({ title: '', body: '' });
  const onSubmit = useSubmit(form, () => submit('addNote', form.values), onCreated);
  return (
    <Dialog title="New note" testId="note-dialog" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} data-testid="note-form">
        <Field label="Title" required>
          {(id) => <input id={id} dir="auto" autoFocus required data-testid="field-title" {...form.bind('title')} />}
        </Field>
        <Field label="Text" hint="Markdown is kept as written.">
          {(id) => <textarea id={id} dir="auto" rows={10} data-testid="field-body" {...form.bind('body')} />}
        </Field>
        <ErrorMessage message={form.error} />
        <Actions busy={form.busy} label="Save note" testId="note-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function SourceField({ form, openItem }: { form: ReturnType<typeof useForm>; openItem: SourceProps['openItem'] }) {
  const matchesOpen = openItem && form.values.source === openItem.id;
  return (
    <Field
      label="Source item"
      hint={
        matchesOpen
          ? `${TYPE_LABEL[openItem.type]}: ${openItem.title}`
          : 'Id of the article (or other item) this comes from; a “sourced from” link is added.'
      }
    >
      {(id) => (
        <div className="input-with-button">
          <input id={id} spellCheck={false} className="mono" data-testid="field-source" {...form.bind('source')} />
          {form.values.source ? (
            <button type="button" className="button small" onClick={() => form.setValues((v) => ({ ...v, source: '' }))}>
              Clear
            </button>
          ) : null}
        </div>
      )}
    </Field>
  );
}

export function StatementDialog({ onClose, onCreated, openItem }: SourceProps) {
  const form = useForm({
    speaker: '',
    role: '',
    organisation: '',
    date: '',
    venue: '',
    language: '',
    quote: '',
    translation: '',
    source: openItem?.id ?? '',
  });
  const onSubmit = useSubmit(form, () => submit('addStatement', form.values), onCreated);
  return (
    <Dialog title="New statement" testId="statement-dialog" onClose={onClose} wide>
      <form className="form" onSubmit={onSubmit} data-testid="statement-form">
        <div className="form-grid">
          <Field label="Speaker" required>
            {(id) => <input id={id} dir="auto" autoFocus required data-testid="field-speaker" {...form.bind('speaker')} />}
          </Field>
          <Field label="Role">
            {(id) => <input id={id} dir="auto" data-testid="field-role" {...form.bind('role')} />}
          </Field>
          <Field label="Organisation">
            {(id) => <input id={id} dir="auto" data-testid="field-organisation" {...form.bind('organisation')} />}
          </Field>
          <Field label="Date">
            {(id) => <input id={id} type="date" data-testid="field-date" {...form.bind('date')} />}
          </Field>
          <Field label="Venue">
            {(id) => <input id={id} dir="auto" data-testid="field-venue" {...form.bind('venue')} />}
          </Field>
          <Field label="Language" hint="e.g. ru, ar, en">
            {(id) => <input id={id} spellCheck={false} maxLength={20} data-testid="field-language" {...form.bind('language')} />}
          </Field>
        </div>
        <Field label="Exact quote" required>
          {(id) => <textarea id={id} dir="auto" rows={5} required data-testid="field-quote" {...form.bind('quote')} />}
        </Field>
        <Field label="Translation">
          {(id) => <textarea id={id} dir="auto" rows={3} data-testid="field-translation" {...form.bind('translation')} />}
        </Field>
        <SourceField form={form} openItem={openItem} />
        <ErrorMessage message={form.error} />
        <Actions busy={form.busy} label="Save statement" testId="statement-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function IncidentDialog({ onClose, onCreated, openItem }: SourceProps) {
  const form = useForm({ title: '', date: '', place: '', description: '', killed: '', injured: '', source: openItem?.id ?? '' });
  const onSubmit = useSubmit(form, () => submit('addIncident', form.values, ['killed', 'injured']), onCreated);
  return (
    <Dialog title="New incident" testId="incident-dialog" onClose={onClose} wide>
      <form className="form" onSubmit={onSubmit} data-testid="incident-form">
        <Field label="Title" required>
          {(id) => <input id={id} dir="auto" autoFocus required data-testid="field-title" {...form.bind('title')} />}
        </Field>
        <div className="form-grid">
          <Field label="Date">
            {(id) => <input id={id} type="date" data-testid="field-date" {...form.bind('date')} />}
          </Field>
          <Field label="Place">
            {(id) => <input id={id} dir="auto" data-testid="field-place" {...form.bind('place')} />}
          </Field>
          <Field label="Killed" hint="As reported by the source item">
            {(id) => <input id={id} type="number" min={0} inputMode="numeric" data-testid="field-killed" {...form.bind('killed')} />}
          </Field>
          <Field label="Injured" hint="As reported by the source item">
            {(id) => <input id={id} type="number" min={0} inputMode="numeric" data-testid="field-injured" {...form.bind('injured')} />}
          </Field>
        </div>
        <Field label="Description">
          {(id) => <textarea id={id} dir="auto" rows={5} data-testid="field-description" {...form.bind('description')} />}
        </Field>
        <SourceField form={form} openItem={openItem} />
        <ErrorMessage message={form.error} />
        <Actions busy={form.busy} label="Save incident" testId="incident-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function CaseDialog({ onClose, onCreated }: CreateDialogProps) {
  const form = useForm({ name: '', description: '' });
  const onSubmit = useSubmit(form, () => submit('createCase', form.values), onCreated);
  return (
    <Dialog title="New case" testId="case-dialog" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} data-testid="case-form">
        <Field label="Name" required>
          {(id) => <input id={id} dir="auto" autoFocus required data-testid="field-name" {...form.bind('name')} />}
        </Field>
        <Field label="Description">
          {(id) => <textarea id={id} dir="auto" rows={3} data-testid="field-description" {...form.bind('description')} />}
        </Field>
        <ErrorMessage message={form.error} />
        <Actions busy={form.busy} label="Create case" testId="case-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
