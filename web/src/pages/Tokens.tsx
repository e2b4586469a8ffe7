// Your tokens, a project's tokens, and every token (admins). Tab, search and dialogs are in the URL.
import type { ComponentChildren } from 'preact';
import { useCallback, useId, useState } from 'preact/hooks';
import { request } from '../api.js';
import { ownsProject, useConsole, type Token } from '../context.js';
import { usePaged, type Connection } from '../data.js';
import type { TokenStatus } from '../gql/graphql.js';
import { MyTokensQuery, ProjectTokensQuery } from '../operations.js';
import { SecretDialog } from '../TokenDialogs.js';
import { TokenForm, type FormResult } from '../TokenForm.js';
import { TokenTable } from '../TokenTable.js';
import { Dialog, ErrorText, Tabs } from '../ui.js';
import { Empty, LoadMore, useDialogRoute } from '../widgets.js';
import { useProjectChoice } from './ProjectPicker.js';

export const STATUS_TABS = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'EXPIRED', label: 'Expired' },
  { value: 'REVOKED', label: 'Revoked' },
] as const;

/** The status tab of the URL (?status=expired), Active when absent. */
export function useStatusTab(): [TokenStatus, (status: TokenStatus) => void] {
  const route = useDialogRoute();
  const status = STATUS_TABS.find((t) => t.value.toLowerCase() === route.query.status)?.value ?? 'ACTIVE';
  return [status, (next) => route.set({ status: next === 'ACTIVE' ? undefined : next.toLowerCase() })];
}

const NO_TOKENS: Connection<Token> = { nodes: [], pageInfo: { hasNextPage: false } };

interface ListProps {
  title: string;
  /** Fetches one page of one tab; a new function (another project) fetches again. */
  load(status: TokenStatus, after: string | null): Promise<Connection<Token>>;
  project?: { id: string; name: string };
  createLabel: string;
  empty: ComponentChildren;
}

/** Tabs over one list of tokens, a create button and the status line. */
function TokenList({ title, load, project, createLabel, empty }: ListProps) {
  const route = useDialogRoute();
  const [status, setStatus] = useStatusTab();
  const list = usePaged(status, (after) => load(status, after));
  const [notice, setNotice] = useState<string>();
  const [created, setCreated] = useState<FormResult>();
  const panelId = useId();
  const changed = (message: string) => {
    setNotice(message);
    list.refetch();
  };
  return (
    <section aria-label={title}>
      <div class="section-head">
        <h1>{title}</h1>
        <button type="button" class="primary" onClick={() => route.open('new')}>
          {createLabel}
        </button>
      </div>
      <p class="notice" role="status">
        {notice}
      </p>
      <Tabs label={`${title} by status`} tabs={STATUS_TABS} value={status} onChange={setStatus} panelId={panelId} />
      <div role="tabpanel" id={panelId} aria-label={`${STATUS_TABS.find((t) => t.value === status)!.label} tokens`}>
        <ErrorText message={list.error} />
        {list.loading && !list.data ? <p>Loading…</p> : list.data?.length === 0 ? <Empty>{status === 'ACTIVE' ? empty : <p>No {status.toLowerCase()} tokens.</p>}</Empty> : null}
        <TokenTable tokens={list.data ?? []} caption={`${title}: ${status.toLowerCase()}`} onChanged={changed} />
        <LoadMore list={list} />
      </div>
      {route.dialog === 'new' && (
        <Dialog title={createLabel} onClose={route.close} wide>
          <TokenForm
            project={project}
            onCancel={route.close}
            onDone={(result) => {
              route.close();
              setCreated(result);
              changed(`Created ${result.token.name}.`);
            }}
          />
        </Dialog>
      )}
      {created?.secret && <SecretDialog secret={created.secret} title={`Your new token ${created.token.name}`} onClose={() => setCreated(undefined)} />}
    </section>
  );
}

export function MyTokensPage() {
  const load = useCallback((status: TokenStatus, after: string | null) => request(MyTokensQuery, { status, after }).then((d) => d.myTokens), []);
  return (
    <TokenList
      title="Your tokens"
      load={load}
      createLabel="New token"
      empty={
        <>
          <p>You have no active tokens.</p>
          <p>A token lets a script or a device call the API as you, with only the permissions you give it. Choose “New token” above to make one; its secret is shown once.</p>
        </>
      }
    />
  );
}

export function ProjectTokensPage() {
  const { me } = useConsole();
  const { project, picker, empty } = useProjectChoice();
  const load = useCallback(
    (status: TokenStatus, after: string | null) =>
      project ? request(ProjectTokensQuery, { id: project.id, status, after }).then((d) => d.project?.tokens ?? NO_TOKENS) : Promise.resolve(NO_TOKENS),
    [project?.id],
  );
  if (!project) return <section><h1>Project tokens</h1>{empty}</section>;
  if (!ownsProject(project, me)) {
    return (
      <section>
        <h1>Project tokens</h1>
        {picker}
        <p class="hint">Only the owners of {project.name} manage its tokens. Ask one of them (see the Members page) for a token, or make a personal one under “Your tokens”.</p>
      </section>
    );
  }
  return (
    <>
      {picker}
      <TokenList
        key={project.id}
        title={`Project ${project.name}`}
        load={load}
        project={project}
        createLabel={`New token for ${project.name}`}
        empty={<p>{project.name} has no active tokens. A project token acts for the project, not for a person: choose “New token for {project.name}” to make one.</p>}
      />
    </>
  );
}

export { AllTokensPage } from './AllTokens.js';
