// The create and edit form: kind, name, description, expiry, permission rows, API methods, IP allow-list.
import { useId, useMemo, useState } from 'preact/hooks';
import { useConsole, type Token } from './context.js';
import { onSubmit, useMutation } from './data.js';
import { expiryBounds, expiryFromDate, utcDate, type GrantView } from './format.js';
import type { ScopeGrantInput, TokenKind } from './gql/graphql.js';
import { MethodPicker, type MethodMode } from './MethodPicker.js';
import { CreateTokenMutation, UpdateTokenMutation } from './operations.js';
import { PermissionRows } from './PermissionRows.js';
import { FormActions, PasswordField } from './ui.js';

export interface FormResult {
  secret?: string;
  token: Token;
}

interface Props {
  /** Editing this token; creating a new one when absent. */
  token?: Token;
  /** Creating a PROJECT token of this project. */
  project?: { id: string; name: string };
  onDone(result: FormResult): void;
  onCancel(): void;
}

export function TokenForm({ token, project, onDone, onCancel }: Props) {
  const { me, setup } = useConsole();
  const bounds = useMemo(() => expiryBounds(setup.tokenPolicy), [setup.tokenPolicy]);
  const customAllowed = !setup.tokenPolicy.customTokensAdminOnly || me.role === 'ADMIN';
  const [kind, setKind] = useState<TokenKind>(token?.kind ?? (project ? 'PROJECT' : customAllowed ? 'CUSTOM' : 'USER'));
  const [name, setName] = useState(token?.name ?? '');
  const [description, setDescription] = useState(token?.description ?? '');
  const initialDate = token ? (token.expiresAt ? utcDate(new Date(token.expiresAt).getTime()) : '') : bounds.default;
  const [expiryDate, setExpiryDate] = useState(initialDate);
  const [grants, setGrants] = useState<GrantView[]>(token?.grants ?? []);
  const [methodMode, setMethodMode] = useState<MethodMode>(token?.apiMethodSet ? 'preset' : token?.apiMethods?.length ? 'custom' : 'all');
  const [preset, setPreset] = useState(token?.apiMethodSet ?? setup.apiMethodSets[0]?.key ?? '');
  const [checked, setChecked] = useState<Set<string>>(new Set(token?.apiMethods ?? []));
  const [cidrs, setCidrs] = useState((token?.allowedCidrs ?? []).join('\n'));
  const [selfRotate, setSelfRotate] = useState(token?.selfRotate ?? false);
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<'rows' | 'methods'>();
  const create = useMutation(CreateTokenMutation);
  const update = useMutation(UpdateTokenMutation);
  const ids = { kind: useId(), name: useId(), description: useId(), expiry: useId(), cidrs: useId() };
  const tokenProject = project ?? (token?.kind === 'PROJECT' ? token.project ?? undefined : undefined);

  // Derived, not stored: the message goes as soon as a row or a method is added.
  const missingRows = invalid === 'rows' && kind !== 'USER' && grants.length === 0;
  const missingMethods = invalid === 'methods' && methodMode === 'custom' && checked.size === 0;
  const error = missingRows ? 'Add at least one permission row.' : missingMethods ? 'Check at least one API method, or allow all methods.' : (create.error ?? update.error);

  const submit = onSubmit(async () => {
    if (kind !== 'USER' && grants.length === 0) return setInvalid('rows');
    if (methodMode === 'custom' && checked.size === 0) return setInvalid('methods');
    setInvalid(undefined);
    const grantInputs: ScopeGrantInput[] = grants.map(({ entity, action, projectId, deviceId }) => ({ entity, action, projectId: projectId ?? null, deviceId: deviceId ?? null }));
    const methods =
      methodMode === 'preset'
        ? { apiMethodSet: preset, apiMethods: null }
        : methodMode === 'custom'
          ? { apiMethodSet: null, apiMethods: setup.apiMethods.filter((m) => checked.has(m)) }
          : { apiMethodSet: null, apiMethods: null };
    const allowedCidrs = cidrs.split(/[\s,]+/).filter(Boolean);
    if (token) {
      const expiryChanged = expiryDate !== initialDate;
      const data = await update.mutate({
        id: token.id,
        password,
        input: {
          name,
          description: description || null,
          ...(expiryChanged ? { expiresAt: expiryDate ? expiryFromDate(expiryDate) : null } : {}),
          ...(kind === 'USER' ? {} : { grants: grantInputs }),
          ...methods,
          allowedCidrs,
          selfRotate,
        },
      });
      if (data) onDone({ token: data.updateToken });
    } else {
      const data = await create.mutate({
        password,
        input: {
          kind,
          name,
          description: description || null,
          projectId: kind === 'PROJECT' ? tokenProject?.id : null,
          // The field starts at the policy's default; emptied (where the policy allows), no expiry.
          expiresAt: expiryDate ? expiryFromDate(expiryDate) : null,
          grants: kind === 'USER' ? null : grantInputs,
          ...(methodMode === 'all' ? {} : methods),
          allowedCidrs: allowedCidrs.length ? allowedCidrs : null,
          selfRotate,
        },
      });
      if (data) onDone({ secret: data.createToken.secret, token: data.createToken.token });
    }
  });

  return (
    <form onSubmit={submit} class="token-form">
      {!token && !project && (
        <div class="field">
          <label for={ids.kind}>Kind</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.currentTarget.value as TokenKind)}>
            {customAllowed && <option value="CUSTOM">Custom: only the permissions you list</option>}
            <option value="USER">Personal: all of your rights</option>
          </select>
        </div>
      )}
      {tokenProject && <p class="hint">Project token of <strong>{tokenProject.name}</strong>: it acts for the project, not for you.</p>}
      <div class="field">
        <label for={ids.name}>Name</label>
        <input id={ids.name} required maxLength={200} autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={ids.description}>Description</label>
        <textarea id={ids.description} rows={2} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={ids.expiry}>Expires on (start of the day, UTC)</label>
        <input
          id={ids.expiry}
          type="date"
          min={bounds.min}
          max={bounds.max}
          required={bounds.required}
          value={expiryDate}
          aria-describedby={`${ids.expiry}-hint`}
          onInput={(e) => setExpiryDate(e.currentTarget.value)}
        />
        <p class="hint" id={`${ids.expiry}-hint`}>
          {bounds.max ? `The token policy allows up to ${setup.tokenPolicy.maxLifetimeDays} days.` : bounds.required ? 'The token policy requires an expiry.' : 'Leave empty for a token that never expires.'}
        </p>
      </div>
      {kind !== 'USER' && <PermissionRows grants={grants} onChange={setGrants} project={tokenProject} />}
      <MethodPicker mode={methodMode} onMode={setMethodMode} preset={preset} onPreset={setPreset} checked={checked} onChecked={setChecked} />
      <div class="field">
        <label for={ids.cidrs}>Allowed client addresses (optional)</label>
        <textarea id={ids.cidrs} rows={2} placeholder="203.0.113.0/24, 2001:db8::/32" aria-describedby={`${ids.cidrs}-hint`} value={cidrs} onInput={(e) => setCidrs(e.currentTarget.value)} />
        <p class="hint" id={`${ids.cidrs}-hint`}>
          IPv4 or IPv6 ranges, one per line. Empty: any address.
        </p>
      </div>
      <label class="inline">
        <input type="checkbox" checked={selfRotate} onChange={(e) => setSelfRotate(e.currentTarget.checked)} /> Let the token rotate its own secret (
        <code>POST /auth/token/rotate</code>), so a script can renew it without you
      </label>
      <PasswordField value={password} onInput={setPassword} />
      <FormActions label={token ? 'Save changes' : 'Create token'} busy={create.busy || update.busy} error={error} onCancel={onCancel} />
    </form>
  );
}
