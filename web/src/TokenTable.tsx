// The token table. Each row's dialogs have an address (?dialog=revoke&target=<token id>), so a
// link to "revoke this token" or "least privilege for this token" can be shared.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { canManage, useConsole, type Token } from './context.js';
import { useQuery } from './data.js';
import { scopeSummary } from './format.js';
import { LeastPrivilegeDialog } from './LeastPrivilege.js';
import { TokenQuery } from './operations.js';
import { CopyDialog, RegenerateDialog, RevokeDialog, SecretDialog } from './TokenDialogs.js';
import { TokenForm } from './TokenForm.js';
import { Dialog, ErrorText, When } from './ui.js';
import { RowActions, useDialogRoute, type RowAction } from './widgets.js';

const KIND_LABEL = { USER: 'Personal', CUSTOM: 'Custom', PROJECT: 'Project' } as const;
const STATUS_LABEL = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' } as const;
const ACTIONS = ['edit', 'regenerate', 'copy', 'least-privilege', 'revoke'] as const;
type Action = (typeof ACTIONS)[number];

interface Props {
  tokens: readonly Token[];
  caption: string;
  /** Called after any change, with a message for the status line. */
  onChanged(message: string): void;
}

function rowActions(token: Token, manage: boolean, admin: boolean, open: (action: Action | 'audit') => void): RowAction[] {
  const all: (RowAction & { when: boolean })[] = [
    { label: 'Edit', name: `Edit ${token.name}`, when: manage && token.status === 'ACTIVE', run: () => open('edit') },
    { label: 'Regenerate', name: `Regenerate ${token.name}`, when: manage && token.status !== 'REVOKED', run: () => open('regenerate') },
    { label: 'Copy', name: `Copy ${token.name}`, when: manage, run: () => open('copy') },
    { label: 'Least privilege', name: `Least privilege for ${token.name}`, when: manage && token.kind !== 'USER' && token.status === 'ACTIVE', run: () => open('least-privilege') },
    { label: 'Revoke', name: `Revoke ${token.name}`, when: token.status !== 'REVOKED', run: () => open('revoke'), danger: true },
    { label: 'Audit trail', name: `Audit trail of ${token.name}`, when: admin, run: () => open('audit') },
  ];
  return all.filter((a) => a.when);
}

export function TokenTable({ tokens, caption, onChanged }: Props) {
  const { me, setup } = useConsole();
  const route = useDialogRoute();
  const location = useLocation();
  const [secret, setSecret] = useState<{ secret: string; title: string }>();
  const action = ACTIONS.find((a) => a === route.dialog);
  const listed = action ? tokens.find((t) => t.id === route.target) : undefined;
  // A pasted link may name a token of another tab: fetch it on its own.
  const fetched = useQuery(TokenQuery, { id: route.target ?? '' }, { skip: !action || !route.target || Boolean(listed) });
  const target = listed ?? fetched.data?.token ?? undefined;
  const done = (message: string, newSecret?: string) => {
    route.close();
    if (newSecret) setSecret({ secret: newSecret, title: message });
    onChanged(message);
  };
  const open = (token: Token) => (next: Action | 'audit') => {
    if (next === 'audit') location.route(`/console/audit?token=${token.id}`);
    else route.open(next, token.id);
  };
  return (
    <>
      {action && !target && !fetched.loading && <ErrorText message={fetched.error ?? 'That token does not exist, or is not one you may see.'} />}
      {tokens.length > 0 && (
        <div class="table-wrap">
          <table class="tokens cards">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Owner or project</th>
                <th scope="col">Token ID</th>
                <th scope="col">Issued</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Scope</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-token-id={token.id}>
                  <th scope="row">
                    <span class="token-name">{token.name}</span>
                    {token.description && <span class="description">{token.description}</span>}
                  </th>
                  <td data-label="Kind">{KIND_LABEL[token.kind]}</td>
                  <td data-label="Owner">{token.kind === 'PROJECT' ? `project ${token.project?.name ?? '(deleted)'}` : (token.owner?.email ?? '(deleted user)')}</td>
                  <td data-label="ID">
                    <code title={token.id}>{token.id.slice(0, 8)}</code>
                    <span class="description">secret {token.displayPrefix}…</span>
                  </td>
                  <td data-label="Issued">
                    <When at={token.createdAt} />
                  </td>
                  <td data-label="Expires">
                    <When at={token.expiresAt} />
                    {token.previousSecretValidUntil && (
                      <span class="description">
                        previous secret valid until <When at={token.previousSecretValidUntil} />
                      </span>
                    )}
                  </td>
                  <td data-label="Last used">
                    <When at={token.lastUsedAt} />
                  </td>
                  <td data-label="Scope" class="scope">
                    {scopeSummary(token, setup.apiMethodSets)}
                  </td>
                  <td data-label="Status">
                    <span class={`status ${token.status.toLowerCase()}`}>{STATUS_LABEL[token.status]}</span>
                    {token.status === 'REVOKED' && token.revokeReason && <span class="description">“{token.revokeReason}”</span>}
                  </td>
                  <td class="actions-cell">
                    <RowActions subject={token.name} actions={rowActions(token, canManage(token, me, setup.projects), me.role === 'ADMIN', open(token))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {target && action === 'edit' && (
        <Dialog title={`Edit ${target.name}`} onClose={route.close} wide>
          <TokenForm token={target} onCancel={route.close} onDone={(r) => done(`Saved ${r.token.name}.`)} />
        </Dialog>
      )}
      {target && action === 'regenerate' && <RegenerateDialog token={target} onClose={route.close} onDone={done} />}
      {target && action === 'copy' && <CopyDialog token={target} onClose={route.close} onDone={done} />}
      {target && action === 'revoke' && <RevokeDialog token={target} onClose={route.close} onDone={done} />}
      {target && action === 'least-privilege' && <LeastPrivilegeDialog token={target} onClose={route.close} onDone={done} />}
      {secret && <SecretDialog secret={secret.secret} title={secret.title} onClose={() => setSecret(undefined)} />}
    </>
  );
}
