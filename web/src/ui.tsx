// Small accessible building blocks: a modal dialog, tabs, and an announced error.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { exactTime, relativeTime } from './format.js';

/**
 * A native <dialog> opened with showModal(): the browser traps focus inside, Escape closes it, and
 * focus returns to the button that opened it.
 */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRequested = useRef(onClose);
  closeRequested.current = onClose;
  // Read while rendering, when the opener surely still has focus; an effect runs after paint.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const dialog = ref.current!;
    const giveFocusBack = () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
    dialog.showModal();
    // Escape and × close the native dialog first, so focus is back on the opener before the
    // dialog leaves the page; the parent then unmounts it. (Chrome also closes it by itself on
    // Escape when the cancel may not be prevented: the same 'close' path.)
    const onCancel = (event: Event) => {
      event.preventDefault();
      dialog.close();
    };
    const onNativeClose = () => {
      giveFocusBack();
      closeRequested.current();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      // Unmounted by its parent (Cancel, Done): by now the dialog may already be off the page
      // and focus on <body>.
      if (dialog.open) dialog.close();
      giveFocusBack();
    };
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} class={wide ? 'wide' : undefined}>
      <div class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** Tabs as WAI-ARIA describes them: one tab stop, arrow keys move between tabs. */
export function Tabs<T extends string>({ label, tabs, value, onChange, panelId }: { label: string; tabs: readonly { value: T; label: string }[]; value: T; onChange: (value: T) => void; panelId: string }) {
  const onKeyDown = (event: KeyboardEvent) => {
    const focused = (event.target as HTMLElement).dataset.tab;
    const index = tabs.findIndex((t) => t.value === (focused ?? value));
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(tabs[next]!.value);
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-tab="${tabs[next]!.value}"]`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} class="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          type="button"
          role="tab"
          key={tab.value}
          data-tab={tab.value}
          aria-selected={tab.value === value}
          aria-controls={panelId}
          tabIndex={tab.value === value ? 0 : -1}
          onClick={() => onChange(tab.value)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** role="alert": screen readers read the message as soon as it appears. */
export function ErrorText({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" class="error">
      {message}
    </p>
  ) : null;
}

/** A password confirmation field, as every secret-producing mutation asks for one. */
export function PasswordField({ value, onInput }: { value: string; onInput: (value: string) => void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>Your password (to confirm)</label>
      <input id={id} type="password" autocomplete="current-password" required value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

/** The error line and the submit/cancel pair every form and dialog ends with. */
export function FormActions({ label, busy, onCancel, error, tone = 'primary' }: { label: string; busy: boolean; onCancel(): void; error?: string; tone?: 'primary' | 'danger' }) {
  return (
    <>
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class={tone} disabled={busy}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** "in 6 days", with the exact instant on hover; "never" without one. */
export function When({ at }: { at: string | null | undefined }) {
  return at ? (
    <time dateTime={at} title={exactTime(at)}>
      {relativeTime(at)}
    </time>
  ) : (
    <>never</>
  );
}
