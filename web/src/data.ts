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

/** One page of a Relay connection, as the list queries ask for it. */
export interface Connection<N> {
  nodes: readonly N[];
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface PagedState<N> {
  /** Every row fetched so far: the first page, then each page "Load more" appended. */
  data: N[] | undefined;
  /** Rows in the whole list. */
  total: number | undefined;
  error: string | undefined;
  loading: boolean;
  /** Fetches the first page again; the pages appended after the old one are dropped. */
  refetch(): void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
}

/**
 * A list the API pages (issue 17): the first page now and whenever `key` changes, the next one
 * after the last row shown (its endCursor) on demand.
 */
export function usePaged<N>(key: string, load: (after: string | null) => Promise<Connection<N>>, skip = false): PagedState<N> {
  const first = useAsync(key, () => load(null), skip);
  const [more, setMore] = useState<{ of: Connection<N>; pages: Connection<N>[] }>();
  const [moreError, setMoreError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);
  const extra = more && more.of === first.data ? more.pages : [];
  const last = extra.at(-1) ?? first.data;
  const cursor = last?.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? null) : null;
  const loadMore = () => {
    const of = first.data;
    if (!of || !cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    load(cursor).then(
      (page) => setMore({ of, pages: [...extra, page] }),
      (failure: unknown) => setMoreError(messageOf(failure)),
    ).finally(() => setLoadingMore(false));
  };
  return {
    data: first.data ? [...first.data.nodes, ...extra.flatMap((p) => p.nodes)] : undefined,
    total: first.data?.totalCount,
    error: first.error ?? moreError,
    loading: first.loading,
    refetch: first.refetch,
    hasMore: cursor !== null,
    loadingMore,
    loadMore,
  };
}

/** Every row of a paged list, page after page: for pickers and searches that need them all. */
export async function allPages<N>(load: (after: string | null) => Promise<Connection<N>>): Promise<N[]> {
  const rows: N[] = [];
  for (let after: string | null = null; ; ) {
    const page: Connection<N> = await load(after);
    rows.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return rows;
    after = page.pageInfo.endCursor;
  }
}
