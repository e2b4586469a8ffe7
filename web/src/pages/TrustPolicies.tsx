// Trust policies: which external OIDC issuers' tokens (a CI job's, say) may be exchanged at
// /auth/token for a short-lived JWT, and with what grants. Owners see their projects' policies,
// admins every policy; ?project= narrows the list to one project.
import { useId, useState } from 'preact/hooks';
import { ownsProject, useConsole } from '../context.js';
import { request } from '../api.js';
import { usePaged } from '../data.js';
import type { ConsoleTrustPoliciesQuery } from '../gql/graphql.js';
import { grantLabel } from '../format.js';
import { TrustPoliciesQuery } from '../operations-federation.js';
import { ErrorText } from '../ui.js';
import { Empty, LoadMore, RowActions, useDialogRoute } from '../widgets.js';
import { DeleteTrustPolicyDialog, TrustPolicyDialog } from './TrustPolicyDialogs.js';

export type TrustPolicy = ConsoleTrustPoliciesQuery['trustPolicies']['nodes'][number];


/** "15 min", "2 h", "1 h 30 min": a lifetime in seconds, for the list. */
export function lifetimeLabel(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`;
}

export function TrustPoliciesPage() {
  const { me, setup } = useConsole();
  const route = useDialogRoute();
  const pickerId = useId();
  const owned = setup.projects.filter((p) => ownsProject(p, me));
  const chosen = owned.find((p) => p.id === route.query.project);
  const projectId = chosen?.id ?? null;
  const list = usePaged(String(projectId), (after) => request(TrustPoliciesQuery, { projectId, after }).then((d) => d.trustPolicies));
  // By name among the rows fetched so far; the API pages them oldest first.
  const sorted = [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const [notice, setNotice] = useState<string>();
  const projectName = (id: string) => setup.projects.find((p) => p.id === id)?.name ?? id;
  const target = list.data?.find((t) => t.id === route.target);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    list.refetch();
  };
  const count = list.total;
  return (
    <section>
      <div class="section-head">
        <h1>Trust policies</h1>
        {owned.length > 0 && (
          <button type="button" class="primary" onClick={() => route.open('new')}>
            New trust policy
          </button>
        )}
      </div>
      <p>A CI job (GitHub Actions, GitLab CI) trades its own OIDC token at /auth/token for a short-lived scopegate token, so no secret is stored in the pipeline.</p>
      {route.query.project && !chosen && <p role="alert" class="error">The linked project does not exist, or you do not own it. Showing every policy you may see.</p>}
      {owned.length > 1 && (
        <div class="field picker">
          <label for={pickerId}>Project</label>
          <select id={pickerId} value={chosen?.id ?? ''} onChange={(e) => route.set({ project: e.currentTarget.value || undefined, dialog: undefined, target: undefined })}>
            <option value="">{me.role === 'ADMIN' ? 'All projects' : 'All your projects'}</option>
            {owned.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <p class="notice" role="status">
        {notice ?? (count === undefined ? '' : `${count} trust polic${count === 1 ? 'y' : 'ies'}.`)}
      </p>
      <ErrorText message={list.error} />
      {list.loading && !list.data && <p>Loading…</p>}
      {count === 0 && (
        <Empty>
          <p>No trust policies{chosen ? ` in ${chosen.name}` : ''}.</p>
          <p>{owned.length > 0 ? 'Choose “New trust policy” to trust a CI provider’s tokens for one repository or branch.' : 'Owners of a project create its trust policies.'}</p>
        </Empty>
      )}
      {sorted.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Trust policies</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Project</th>
                <th scope="col">Issuer and claims</th>
                <th scope="col">Permissions</th>
                <th scope="col">Longest life</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td data-label="Project">{projectName(t.projectId)}</td>
                  <td data-label="Issuer and claims">
                    <code class="metadata issuer">{t.issuer}</code>
                    <ul class="claims">
                      {Object.entries(t.claims as Record<string, unknown>).map(([claim, value]) => (
                        <li key={claim}>
                          <code class="metadata">
                            {claim} = {String(value)}
                          </code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Permissions" class="scope">
                    {t.grants.map(grantLabel).join(', ')}
                    {t.apiMethods?.length ? `; ${t.apiMethods.length} API method${t.apiMethods.length === 1 ? '' : 's'}` : '; all API methods'}
                  </td>
                  <td data-label="Longest life">{lifetimeLabel(t.maxLifetimeSeconds)}</td>
                  <td class="actions-cell">
                    <RowActions
                      subject={t.name}
                      actions={[
                        { label: 'Edit', name: `Edit ${t.name}`, run: () => route.open('edit', t.id) },
                        { label: 'Delete', name: `Delete ${t.name}`, danger: true, run: () => route.open('delete', t.id) },
                      ]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
      {route.dialog === 'new' && owned.length > 0 && <TrustPolicyDialog projects={owned} initialProjectId={chosen?.id} onClose={route.close} onDone={(name) => changed(`Created ${name}.`)} />}
      {route.dialog === 'edit' && target && <TrustPolicyDialog projects={owned} policy={target} onClose={route.close} onDone={(name) => changed(`Saved ${name}. Tokens exchanged under it before stop working now.`)} />}
      {route.dialog === 'delete' && target && <DeleteTrustPolicyDialog policy={target} onClose={route.close} onDone={() => changed(`Deleted ${target.name}.`)} />}
      {route.dialog && route.target && list.data && !target && <p role="alert" class="error">That trust policy does not exist, or you may not see it.</p>}
    </section>
  );
}
