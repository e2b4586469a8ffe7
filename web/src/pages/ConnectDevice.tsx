// "Connect a device": the page a device's verification_uri names (RFC 8628). A person types the
// code the device shows (or arrives with it in ?user_code=), sees which project and device asked,
// and approves or denies it. The code is in the address because the device's own link puts it
// there; it is short-lived and worth nothing without a signed-in approver.
import { useState } from 'preact/hooks';
import { editsDevices, useConsole } from '../context.js';
import { onSubmit, useMutation, useQuery } from '../data.js';
import { ApproveDeviceCodeMutation, DenyDeviceCodeMutation, DeviceCodeQuery } from '../operations-federation.js';
import { ErrorText, When } from '../ui.js';
import { Input, useDialogRoute } from '../widgets.js';

/** "bcdfghjk", "BCDF GHJK" and "bcdf-ghjk" are one code: BCDF-GHJK. Anything else is left as typed. */
export function formatCode(typed: string): string {
  const letters = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z]{8}$/.test(letters) ? `${letters.slice(0, 4)}-${letters.slice(4)}` : typed.trim();
}

const STATUS = { PENDING: 'Waiting for approval', APPROVED: 'Approved', DENIED: 'Denied', ISSUED: 'Connected' } as const;

export function ConnectDevicePage() {
  const { me, setup } = useConsole();
  const route = useDialogRoute();
  const code = route.query.user_code ? formatCode(route.query.user_code) : '';
  const [typed, setTyped] = useState(code);
  const [done, setDone] = useState<string>();
  // The decision just made, shown at once rather than after the list is fetched again.
  const [decided, setDecided] = useState<{ code: string; status: 'APPROVED' | 'DENIED' }>();
  const lookup = useQuery(DeviceCodeQuery, { userCode: code }, { skip: !code });
  const approve = useMutation(ApproveDeviceCodeMutation);
  const deny = useMutation(DenyDeviceCodeMutation);
  const request = lookup.data?.deviceCode;
  const project = request ? setup.projects.find((p) => p.id === request.projectId) : undefined;
  const mayDecide = request && (me.role === 'ADMIN' || (project !== undefined && editsDevices(project, me)));
  const device = request?.deviceName ?? 'The device';
  const status = request?.status === 'PENDING' && decided?.code === request.userCode ? decided.status : request?.status;

  const submit = onSubmit(() => {
    setDone(undefined);
    approve.setError(undefined);
    deny.setError(undefined);
    const next = formatCode(typed);
    setTyped(next);
    if (next === code) lookup.refetch();
    else route.set({ user_code: next || undefined });
  });
  const decide = async (mutation: typeof approve | typeof deny, approved: boolean) => {
    const data = await mutation.mutate({ userCode: code });
    if (!data) return;
    const answer = 'approveDeviceCode' in data ? data.approveDeviceCode : data.denyDeviceCode;
    setDecided({ code: answer.userCode, status: answer.status === 'DENIED' ? 'DENIED' : 'APPROVED' });
    setDone(approved ? `Approved. ${device} is connecting to ${request!.projectName}; it finishes on the device by itself.` : `Denied. ${device} will not be connected to ${request!.projectName}.`);
    lookup.refetch();
  };

  return (
    <section>
      <h1>Connect a device</h1>
      <p>Type the code the device shows. You will see which project it asks to join before you approve it.</p>
      <form class="inline-form" onSubmit={submit}>
        <Input label="Device code" value={typed} onValue={setTyped} required autocomplete="off" maxLength={20} hint="8 letters, like BCDF-GHJK; with or without the dash." />
        <div class="actions">
          <button type="submit" class="primary">
            Look up code
          </button>
        </div>
      </form>
      <p class="notice" role="status">
        {done ?? ''}
      </p>
      <ErrorText message={lookup.error ?? approve.error ?? deny.error} />
      {lookup.loading && !lookup.data && <p>Loading…</p>}
      {code && lookup.data && !request && (
        <p role="alert" class="error">
          No pending request matches {code}. Check the code on the device: it is valid for 10 minutes, and only for members of the project it names.
        </p>
      )}
      {request && (
        <div class="card" aria-labelledby="device-request-heading">
          <h2 id="device-request-heading">Request {request.userCode}</h2>
          <dl class="facts">
            <dt>Project</dt>
            <dd>{request.projectName}</dd>
            <dt>Device name</dt>
            <dd>{request.deviceName ?? 'not given'}</dd>
            <dt>Asked from</dt>
            <dd>{request.requestedFrom ?? 'unknown address'}</dd>
            <dt>Asked</dt>
            <dd>
              <When at={request.createdAt} />
            </dd>
            <dt>Code expires</dt>
            <dd>
              <When at={request.expiresAt} />
            </dd>
            <dt>Status</dt>
            <dd>{STATUS[status!]}</dd>
          </dl>
          {status === 'PENDING' && mayDecide && (
            <>
              <p>Approve only if you can see this device and it shows the same code. It gets a token that can update only itself.</p>
              <div class="actions">
                <button type="button" class="primary" disabled={approve.busy || deny.busy} onClick={() => decide(approve, true)}>
                  Approve {device}
                </button>
                <button type="button" class="danger" disabled={approve.busy || deny.busy} onClick={() => decide(deny, false)}>
                  Deny
                </button>
              </div>
            </>
          )}
          {status === 'PENDING' && !mayDecide && <p>Only owners and editors of {request.projectName} may approve it.</p>}
        </div>
      )}
    </section>
  );
}
