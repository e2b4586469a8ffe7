// Create or edit a trust policy (issuer, audience, claims to match, grants, methods, lifetime),
// and delete one.
import { useId, useState } from 'preact/hooks';
import type { Project } from '../context.js';
import { useConsole } from '../context.js';
import { onSubmit, useMutation } from '../data.js';
import type { GrantView } from '../format.js';
import { MethodPicker, type MethodMode } from '../MethodPicker.js';
import { CreateTrustPolicyMutation, DeleteTrustPolicyMutation, UpdateTrustPolicyMutation } from '../operations-federation.js';
import { PermissionRows } from '../PermissionRows.js';
import { Dialog, FormActions } from '../ui.js';
import { Input } from '../widgets.js';
import type { TrustPolicy } from './TrustPolicies.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const CLAIMS_EXAMPLE = '{\n  "repository": "acme/firmware",\n  "ref": "refs/heads/main"\n}';

/** The claims box as a JSON object of strings, or the message saying why not. */
function parseClaims(text: string): Record<string, string> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'Claims must be JSON, e.g. {"repository": "acme/firmware"}.';
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return 'Claims must be an object with at least one claim to match.';
  return value as Record<string, string>;
}

interface Props {
  projects: readonly Project[];
  policy?: TrustPolicy;
  initialProjectId?: string;
  onClose(): void;
  onDone(name: string): void;
}

export function TrustPolicyDialog({ projects, policy, initialProjectId, onClose, onDone }: Props) {
  const { setup } = useConsole();
  const [projectId, setProjectId] = useState(policy?.projectId ?? initialProjectId ?? projects[0]?.id ?? '');
  const [name, setName] = useState(policy?.name ?? '');
  const [issuer, setIssuer] = useState(policy?.issuer ?? GITHUB);
  const [jwksUri, setJwksUri] = useState(policy?.jwksUri ?? `${GITHUB}/.well-known/jwks`);
  const [audience, setAudience] = useState(policy?.audience ?? '');
  const [claims, setClaims] = useState(policy ? JSON.stringify(policy.claims, null, 2) : CLAIMS_EXAMPLE);
  const [grants, setGrants] = useState<GrantView[]>(policy?.grants ?? []);
  const [mode, setMode] = useState<MethodMode>(policy?.apiMethods?.length ? 'custom' : 'all');
  const [preset, setPreset] = useState(setup.apiMethodSets[0]?.key ?? '');
  const [checked, setChecked] = useState(new Set(policy?.apiMethods ?? []));
  const [lifetime, setLifetime] = useState(String(policy?.maxLifetimeSeconds ?? 900));
  const create = useMutation(CreateTrustPolicyMutation);
  const update = useMutation(UpdateTrustPolicyMutation);
  const ids = { project: useId(), claims: useId() };
  const project = projects.find((p) => p.id === projectId) ?? (policy ? { id: policy.projectId, name: policy.projectId } : undefined);
  const fail = (message: string) => (policy ? update : create).setError(message);

  const submit = onSubmit(async () => {
    const parsed = parseClaims(claims);
    if (typeof parsed === 'string') return fail(parsed);
    if (grants.length === 0) return fail('Add at least one permission row.');
    const methods = mode === 'preset' ? (setup.apiMethodSets.find((s) => s.key === preset)?.methods ?? []) : mode === 'custom' ? setup.apiMethods.filter((m) => checked.has(m)) : null;
    if (mode !== 'all' && methods?.length === 0) return fail('Check at least one API method, or allow all methods.');
    const fields = {
      name,
      issuer,
      jwksUri,
      audience,
      claims: parsed,
      grants: grants.map(({ entity, action, projectId: p, deviceId }) => ({ entity, action, projectId: p ?? null, deviceId: deviceId ?? null })),
      maxLifetimeSeconds: Number(lifetime),
    };
    if (policy) {
      // In an edit an empty list means every method.
      const data = await update.mutate({ id: policy.id, input: { ...fields, apiMethods: methods ?? [] } });
      if (data) onDone(data.updateTrustPolicy.name);
    } else {
      const data = await create.mutate({ input: { ...fields, projectId, apiMethods: methods } });
      if (data) onDone(data.createTrustPolicy.name);
    }
  });

  return (
    <Dialog title={policy ? `Edit ${policy.name}` : 'New trust policy'} onClose={onClose} wide>
      <form onSubmit={submit}>
        {!policy && (
          <div class="field">
            <label for={ids.project}>Project</label>
            <select
              id={ids.project}
              value={projectId}
              onChange={(e) => {
                setProjectId(e.currentTarget.value);
                setGrants([]);
              }}
            >
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <Input label="Name" required maxLength={200} autocomplete="off" value={name} onValue={setName} />
        <Input label="Issuer" required autocomplete="off" value={issuer} onValue={setIssuer} hint={`The iss of the CI's tokens, exactly; GitHub Actions: ${GITHUB}.`} />
        <Input label="JWKS URI" required autocomplete="off" value={jwksUri} onValue={setJwksUri} hint="Where the issuer publishes its public keys (https)." />
        <Input label="Audience" required autocomplete="off" value={audience} onValue={setAudience} hint="The aud the job asks its token for, e.g. your gateway's URL." />
        <div class="field">
          <label for={ids.claims}>Claims to match (JSON)</label>
          <textarea id={ids.claims} rows={5} class="mono" required value={claims} aria-describedby={`${ids.claims}-hint`} onInput={(e) => setClaims(e.currentTarget.value)} />
          <p class="hint" id={`${ids.claims}-hint`}>
            Each claim must be present and match exactly or as a glob: * stays within one path segment, ** crosses them. For GitHub: repository, ref, environment, job_workflow_ref.
          </p>
        </div>
        {project && <PermissionRows key={project.id} grants={grants} onChange={setGrants} project={project} />}
        <MethodPicker mode={mode} onMode={setMode} preset={preset} onPreset={setPreset} checked={checked} onChecked={setChecked} />
        <Input label="Longest token life (seconds)" type="number" required min={60} value={lifetime} onValue={setLifetime} hint="60 to 43200; never longer than the CI token itself lives." />
        <FormActions label={policy ? 'Save trust policy' : 'Create trust policy'} busy={create.busy || update.busy} error={create.error ?? update.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function DeleteTrustPolicyDialog({ policy, onClose, onDone }: { policy: TrustPolicy; onClose(): void; onDone(): void }) {
  const remove = useMutation(DeleteTrustPolicyMutation);
  const submit = onSubmit(async () => {
    if (await remove.mutate({ id: policy.id })) onDone();
  });
  return (
    <Dialog title={`Delete ${policy.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>Every token exchanged under {policy.name} stops working at once, on every gateway, and CI jobs can no longer exchange their tokens with it. It cannot be undone.</p>
        <FormActions label="Delete trust policy" tone="danger" busy={remove.busy} error={remove.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
