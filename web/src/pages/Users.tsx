// Users (admins): search, pages, create, delete, and a one-time password shown once.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useConsole } from '../context.js';
import { request } from '../api.js';
import { allPages, useAsync, usePaged } from '../data.js';
import type { ConsoleUsersPageQuery } from '../gql/graphql.js';
import { UserSuggestionsQuery, UsersPageQuery } from '../operations-admin.js';
import { When } from '../ui.js';
import { Empty, Input, LoadMore, RowActions, useDialogRoute } from '../widgets.js';
import { CreateUserDialog, DeleteUserDialog, OneTimePasswordDialog, ResetPasswordDialog } from './UserDialogs.js';

export type User = ConsoleUsersPageQuery['users']['nodes'][number];

/**
 * The first users whose e-mail or name contains `text`, searched on the server as it is typed:
 * the e-mail pickers (members, audit actor) never load every user of a large instance.
 */
export function useUserSuggestions(text: string, skip = false) {
  const search = text.trim();
  return useAsync(`user-suggestions?${search}`, () => request(UserSuggestionsQuery, { search }).then((d) => d.users.nodes), skip || search === '');
}

/** The user with exactly this e-mail, in any case, or undefined; found by the server's search. */
export async function userByEmail(email: string): Promise<User | undefined> {
  const wanted = email.trim().toLowerCase();
  const matches = await allPages((after) => request(UsersPageQuery, { after, search: wanted }).then((d) => d.users));
  return matches.find((u) => u.email.toLowerCase() === wanted);
}

export function UsersPage() {
  const { me } = useConsole();
  const route = useDialogRoute();
  const nav = useLocation();
  const search = route.query.q ?? '';
  // Searched on the server: an instance with thousands of users is never loaded whole here.
  const users = usePaged(`users?q=${search}`, (after) => request(UsersPageQuery, { after, search: search || null }).then((d) => d.users));
  const [notice, setNotice] = useState<string>();
  const [oneTime, setOneTime] = useState<{ email: string; password: string }>();
  const shown = users.data ?? [];
  const target = users.data?.find((u) => u.id === route.target);
  const changed = (message: string) => {
    route.close();
    setNotice(message);
    users.refetch();
  };
  return (
    <section>
      <div class="section-head">
        <h1>Users</h1>
        <button type="button" class="primary" onClick={() => route.open('new')}>
          New user
        </button>
      </div>
      <form role="search" class="row-builder" onSubmit={(e) => e.preventDefault()}>
        <Input label="Search e-mail or name" type="search" value={route.query.q ?? ''} onValue={(q) => route.set({ q: q || undefined })} />
      </form>
      <p class="notice" role="status">
        {notice ?? (users.total !== undefined ? `${users.total} user${users.total === 1 ? '' : 's'}${search ? ` matching “${search}”` : ''}.` : '')}
      </p>
      {users.error && <p role="alert" class="error">{users.error}</p>}
      {users.loading && !users.data && <p>Loading…</p>}
      {users.data && shown.length === 0 && (
        <Empty>
          <p>{search ? 'No user matches. Search part of an e-mail address or a name.' : 'No users yet. Choose “New user” to add one.'}</p>
        </Empty>
      )}
      {shown.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Users</caption>
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
                <th scope="col">Password</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.email}</th>
                  <td data-label="Name">{u.name ?? '—'}</td>
                  <td data-label="Role">{u.role === 'ADMIN' ? 'Admin' : 'Member'}</td>
                  <td data-label="Since">
                    <When at={u.createdAt} />
                  </td>
                  <td data-label="Password">{u.mustChangePassword ? 'one-time, not yet changed' : 'set by the user'}</td>
                  <td class="actions-cell">
                    <RowActions
                      subject={u.email}
                      actions={
                        u.id === me.id
                          ? [{ label: 'Change password', name: 'Change password (yours)', run: () => nav.route('/console/account') }]
                          : [
                              { label: 'Reset password', name: `Reset password of ${u.email}`, run: () => route.open('reset-password', u.id) },
                              { label: 'Delete', name: `Delete ${u.email}`, danger: true, run: () => route.open('delete', u.id) },
                            ]
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={users} what="users" />
      {route.dialog === 'new' && <CreateUserDialog onClose={route.close} onDone={(email) => changed(`Created ${email}.`)} />}
      {route.dialog === 'delete' && target && <DeleteUserDialog user={target} onClose={route.close} onDone={() => changed(`Deleted ${target.email}.`)} />}
      {route.dialog === 'reset-password' && target && (
        <ResetPasswordDialog
          user={target}
          onClose={route.close}
          onDone={(password) => {
            changed(`Reset the password of ${target.email}.`);
            setOneTime({ email: target.email, password });
          }}
        />
      )}
      {route.dialog && route.target && users.data && !target && <p role="alert" class="error">No such user: it may have been deleted.</p>}
      {oneTime && <OneTimePasswordDialog {...oneTime} onClose={() => setOneTime(undefined)} />}
    </section>
  );
}
