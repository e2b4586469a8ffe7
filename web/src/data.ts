// The one way the console fetches: useQuery for reads, useMutation for writes. Each keeps its own
// loading and error state, so no page copies the "current / setError / finally" dance.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { messageOf, request } from './api.js';
import type { TypedDocumentString } from './gql/graphql.js';

export interface QueryState<R> {
  data: R | undefined;
  error: string | undefined;
  loading: boolean;
  /** Fetches again, keeping the rows on screen until the answer arrives. */
  refetch(): void;
}

const send = <R, V>(document: TypedDocumentString<R, V>, variables: V | undefined) =>
  (request as (d: TypedDocumentString<R, V>, v?: V) => Promise<R>)(document, variables);

/**
 * Runs `load` now and whenever `key` changes; `skip` waits (e.g. for a choice the query needs).
 * An answer for a superseded key is dropped, so a slow old tab never shows under a new one.
 */
export function useAsync<R>(key: string, load: () => Promise<R>, skip = false): QueryState<R> {
  const [state, setState] = useState<{ key: string; data?: R; error?: string; loading: boolean }>({ key, loading: !skip });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, loading: true }));
    load().then(
      (data) => current && setState({ key, data, loading: false }),
      (failure: unknown) => current && setState({ key, error: messageOf(failure), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key, version, skip]);
  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  // Rows of another key never show, even for the render before the effect runs.
  const fresh = state.key === key;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, loading: !skip && (!fresh || state.loading), refetch };
}

/** useAsync for one GraphQL operation: fetched again whenever its variables change. */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables?: V, options: { skip?: boolean } = {}): QueryState<R> {
  return useAsync(JSON.stringify(variables ?? null), () => send(document, variables), options.skip);
}

export interface MutationState<R, V> {
  /** Sends it; resolves to the answer, or to undefined after putting the refusal in `error`. */
  mutate(variables: V): Promise<R | undefined>;
  busy: boolean;
  error: string | undefined;
  setError(message: string | undefined): void;
}

export function useMutation<R, V>(document: TypedDocumentString<R, V>): MutationState<R, V> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const mutate = useCallback(
    async (variables: V) => {
      setBusy(true);
      setError(undefined);
      try {
        return await send(document, variables);
      } catch (failure) {
        if (mounted.current) setError(messageOf(failure));
        return undefined;
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [document],
  );
  return { mutate, busy, error, setError };
}

/** A form's submit handler that runs `work` without a page reload. */
export const onSubmit = (work: () => unknown) => (event: Event) => {
  event.preventDefault();
  void work();
};

/** One page of a connection, as the console keeps it. */
export interface Page<T> {
  rows: T[];
  total: number;
  /** The cursor to ask for the next page with; null on the last page. */
  next: string | null;
}

/** A connection's page in the console's terms. */
export function pageOf<T>(connection: { nodes: T[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }): Page<T> {
  return { rows: connection.nodes, total: connection.totalCount, next: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null };
}

/**
 * A list the API answers a page at a time: the first page now (and again when `key` changes or on
 * refetch), later pages appended by `loadMore`. Pages after the first are dropped with the first
 * page they follow, so a refetch after a change starts again from the top.
 */
export function usePaged<T>(key: string, fetchPage: (after: string | null) => Promise<Page<T>>, skip = false) {
  const first = useAsync(key, () => fetchPage(null), skip);
  const [more, setMore] = useState<{ of: Page<T>; pages: Page<T>[] }>();
  const [moreError, setMoreError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const extra = more && more.of === first.data ? more.pages : [];
  const last = extra.at(-1) ?? first.data;
  const rows = first.data ? [...first.data.rows, ...extra.flatMap((p) => p.rows)] : undefined;
  const loadMore = async () => {
    if (!last?.next || !first.data || busy) return;
    setBusy(true);
    setMoreError(undefined);
    try {
      const page = await fetchPage(last.next);
      setMore({ of: first.data, pages: [...extra, page] });
    } catch (failure) {
      setMoreError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return {
    rows,
    total: last?.total,
    hasMore: Boolean(last?.next),
    loadMore,
    busy,
    loading: first.loading,
    error: first.error ?? moreError,
    refetch: first.refetch,
  };
}

/** Every row of a connection, a page per request: for the short lists the console needs whole. */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<{ nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }>): Promise<T[]> {
  const rows: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    rows.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return rows;
    after = page.pageInfo.endCursor;
  }
}
