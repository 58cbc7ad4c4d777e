import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../state/errors.js';
import { FormError } from './field.js';

/** Open dialogs, innermost last: Escape closes only the innermost one. */
const openDialogs: symbol[] = [];

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves in when it opens, Tab stays inside, Escape closes it, and focus goes back to
 * whatever had it before (the button that opened it).
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testId?: string;
  wide?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useRef(`dialog-${Math.random().toString(36).slice(2)}`).current;

  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[autofocus], input, select, textarea, button');
    first?.focus();
    // Escape is heard on the document: focus may have left the dialog, e.g. when a busy button was disabled.
    const me = Symbol('dialog');
    openDialogs.push(me);
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || openDialogs.at(-1) !== me) return;
      event.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('keydown', onEscape);
      openDialogs.splice(openDialogs.indexOf(me), 1);
      previous?.focus?.();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer convenience; Escape and Cancel close it by keyboard
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above
    <div class="backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div
        class={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={box}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Asks before something that cannot be undone; shows the failure in place when it does not work. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  message: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId="confirm-dialog">
      <div class="confirm-message" data-testid="confirm-message">
        {message}
      </div>
      {error !== null && <FormError>{errorText(error)}</FormError>}
      <div class="buttons">
        <button type="button" class="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={confirm} disabled={busy} data-testid="confirm-button">
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
