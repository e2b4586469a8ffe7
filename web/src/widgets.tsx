// Building blocks of the admin pages: labelled inputs, row actions that fold into a menu on
// narrow screens, a pager, empty states, and the URL-addressed dialog state.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { PagedState } from './data.js';

/** Below this width rows show one "Actions" button instead of a row of buttons. */
export const NARROW = '(max-width: 760px)';

export function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const changed = () => setMatches(list.matches);
    list.addEventListener('change', changed);
    changed();
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

interface InputProps {
  label: string;
  value: string;
  onValue(value: string): void;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'number' | 'date' | 'url';
  required?: boolean;
  autocomplete?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  pattern?: string;
  title?: string;
  placeholder?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}

/** An input with its <label> and an optional hint tied to it by aria-describedby. */
export function Input({ label, value, onValue, hint, ...rest }: InputProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} value={value} aria-describedby={hint ? `${id}-hint` : undefined} onInput={(e) => onValue(e.currentTarget.value)} {...(rest as object)} />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function Select<T extends string>({ label, value, onValue, options }: { label: string; value: T; onValue(value: NoInfer<T>): void; options: readonly { value: T; label: string }[] }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue(e.currentTarget.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface RowAction {
  label: string;
  /** The accessible name, naming the row: "Delete sensor-1". */
  name: string;
  run(): void;
  danger?: boolean;
}

/** A row's buttons; on a narrow screen one "Actions" disclosure holding them, one per line. */
export function RowActions({ actions, subject }: { actions: RowAction[]; subject: string }) {
  const narrow = useMedia(NARROW);
  const [open, setOpen] = useState(false);
  const id = useId();
  if (actions.length === 0) return null;
  const buttons = actions.map((a) => (
    <button
      key={a.label}
      type="button"
      class={a.danger ? 'danger' : undefined}
      aria-label={a.name}
      onClick={() => {
        setOpen(false);
        a.run();
      }}
    >
      {a.label}
    </button>
  ));
  if (!narrow) return <div class="row-actions">{buttons}</div>;
  return (
    <div class="row-menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-controls={id} aria-label={`Actions for ${subject}`} onClick={() => setOpen(!open)}>
        Actions <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      <div id={id} class="row-menu-items" hidden={!open}>
        {buttons}
      </div>
    </div>
  );
}

/** Client-side pages of a list the API answers whole. */
export function usePages<T>(items: readonly T[], size: number) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, pages - 1);
  return { rows: items.slice(current * size, current * size + size), page: current, pages, setPage };
}

/** The next page of a list the API pages: appended below, with how many are shown so far. */
export function Pager({ page, pages, setPage, label }: { page: number; pages: number; setPage(page: number): void; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}

/** The next page of a list the API pages, after the rows shown. */
export function LoadMore({ list, what }: { list: PagedState<unknown>; what?: string }) {
  if (!list.hasMore) return null;
  const shown = list.data?.length ?? 0;
  const label = what ? `Load more ${what}` : 'Load more';
  return (
    <button type="button" class="load-more" onClick={list.loadMore} disabled={list.loadingMore} aria-busy={list.loadingMore}>
      {list.loadingMore ? 'Loading…' : list.total === undefined ? label : `${label} (${shown} of ${list.total} shown)`}
    </button>
  );
}

/** What an empty list means, and what to do about it. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

/**
 * A dialog that has an address: `?dialog=<name>&target=<id>` on the page's URL, so a reload, Back
 * or a pasted link opens the same dialog. Secrets and one-time passwords never go into the URL.
 */
export function useDialogRoute() {
  const { path, query, route } = useLocation();
  const go = (params: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...params })) if (v) next.set(k, v);
    const search = next.toString();
    route(search ? `${path}?${search}` : path, replace);
  };
  return {
    dialog: query.dialog,
    target: query.target,
    query,
    open: (dialog: string, target?: string) => go({ dialog, target }),
    close: () => go({ dialog: undefined, target: undefined }, true),
    /** Changes other query parameters (a tab, a filter) in place. */
    set: (params: Record<string, string | undefined>) => go(params, true),
  };
}
