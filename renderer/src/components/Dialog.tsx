// A modal built on the native <dialog>: the browser traps focus, draws the backdrop and closes it on Escape.
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({ title, testId, onClose, children, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (the close button); a form starts in its first field.
      dialog.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea, select')?.focus();
    }
    // Re-checked because a close queued by an earlier unmount (React StrictMode) may arrive after a re-open.
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      onMouseDown={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content box) closes it.
        if (event.target === ref.current) ref.current?.close();
      }}
      onKeyDown={(event) => {
        // Ctrl/Cmd+Enter saves a form from any field, text areas included.
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          const form = ref.current?.querySelector('form');
          if (form) {
            event.preventDefault();
            form.requestSubmit();
          }
        }
      }}
    >
      <div className="dialog-body">
        <header className="dialog-header">
          <h2 id={`${testId}-title`}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}

export function ErrorMessage({ message, testId = 'dialog-error' }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId} dir="auto">
      {message}
    </p>
  );
}
