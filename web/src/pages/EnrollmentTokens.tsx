// A project's enrollment tokens: keys that let up to maxUses devices enroll themselves. Listed
// with their remaining uses and expiry; created (the secret shown once) and revoked here.
import { useState } from 'preact/hooks';
import { editsDevices, useConsole } from '../context.js';
import { request } from '../api.js';
import { usePaged } from '../data.js';
import type { ConsoleEnrollmentTokensQuery } from '../gql/graphql.js';
import { EnrollmentTokensQuery } from '../operations-federation.js';
import { SecretDialog } from '../TokenDialogs.js';
import { ErrorText, When } from '../ui.js';
import { Empty, LoadMore, RowActions, useDialogRoute } from '../widgets.js';
import { NewEnrollmentDialog, RevokeEnrollmentDialog } from './EnrollmentDialogs.js';
import { useProjectChoice } from './ProjectPicker.js';

export type EnrollmentToken = ConsoleEnrollmentTokensQuery['enrollmentTokens']['nodes'][number];

const STATUS = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked', USED_UP: 'Used up' } as const;

export function EnrollmentTokensPage() {
  const { me } = useConsole();
  const route = useDialogRoute();
  const { project, picker, empty } = useProjectChoice();
  const allowed = project !== undefined && editsDevices(project, me);
  const projectId = project?.id ?? '';
  const list = usePaged(projectId, (after) => request(EnrollmentTokensQuery, { projectId, after }).then((d) => d.enrollmentTokens), !allowed);
  const rows = list.data ?? [];
  const [notice, setNotice] = useState<string>();
  // The secret lives in component state only: never in the address, gone on reload.
  const [secret, setSecret] = useState<{ name: string; value: string }>();
  if (!project) return <section><h1>Enrollment tokens</h1>{empty}</section>;
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
        <h1>Enrollment tokens of {project.name}</h1>
        {allowed && (
          <button type="button" class="primary" onClick={() => route.open('new')}>
            New enrollment token
          </button>
        )}
      </div>
      {picker}
      <p class="notice" role="status">
        {notice ?? (count === undefined ? '' : `${count} enrollment token${count === 1 ? '' : 's'}.`)}
      </p>
      <ErrorText message={list.error} />
      {!allowed && (
        <Empty>
          <p>Owners and editors of {project.name} manage its enrollment tokens.</p>
        </Empty>
      )}
      {list.loading && !list.data && <p>Loading…</p>}
      {count === 0 && (
        <Empty>
          <p>{project.name} has no enrollment tokens.</p>
          <p>Choose “New enrollment token” to make a key that devices use once to enroll themselves and get a token of their own.</p>
        </Empty>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Enrollment tokens of {project.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Status</th>
                <th scope="col">Uses left</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td data-label="Prefix">
                    <code>{t.displayPrefix}</code>
                  </td>
                  <td data-label="Status">
                    <span class={`status ${t.status === 'USED_UP' ? 'expired' : t.status.toLowerCase()}`}>{STATUS[t.status]}</span>
                  </td>
                  <td data-label="Uses left">
                    {t.remainingUses} of {t.maxUses}
                  </td>
                  <td data-label="Expires">
                    <When at={t.expiresAt} />
                  </td>
                  <td class="actions-cell">
                    <RowActions subject={t.name} actions={t.status === 'ACTIVE' ? [{ label: 'Revoke', name: `Revoke ${t.name}`, danger: true, run: () => route.open('revoke', t.id) }] : []} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
      {route.dialog === 'new' && allowed && (
        <NewEnrollmentDialog
          projectId={project.id}
          onClose={route.close}
          onDone={(name, value) => {
            changed(`Created ${name}.`);
            setSecret({ name, value });
          }}
        />
      )}
      {route.dialog === 'revoke' && target && <RevokeEnrollmentDialog token={target} onClose={route.close} onDone={() => changed(`Revoked ${target.name}.`)} />}
      {route.dialog && route.target && list.data && !target && <p role="alert" class="error">That enrollment token does not exist in {project.name}, or you may not see it.</p>}
      {secret && <SecretDialog title={`Secret of ${secret.name}`} secret={secret.value} onClose={() => setSecret(undefined)} />}
    </section>
  );
}
