import type { Plugin } from 'graphql-yoga';
import {
  DEVICE_CODE_LIFETIME_SECONDS,
  digestCode,
  formatUserCode,
  generateDeviceCode,
  generateUserCode,
  POLL_INTERVAL_SECONDS,
  SLOW_DOWN_STEP_SECONDS,
} from '../auth/device-codes.js';
import type { PrismaClient } from '../db/client.js';
import { enablerStillHolds, enrollDevice } from '../lifecycle/device-enrollment.js';
import type { Limit, SharedRateLimiter } from '../security/rate-limits.js';
import { checkText } from '../input-rules.js';

export interface DeviceGrantDeps {
  prisma: PrismaClient;
  limiter: SharedRateLimiter;
  failedAuthPerIp: Limit;
  clientIp: (request: Request, serverContext: unknown) => string | null;
}

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Where a person approves a code: the console's "Connect a device" page. */
export const VERIFICATION_PATH = '/console/devices/connect';
/** Device authorization requests per address: each writes a row, and anyone may ask. */
const REQUESTS_PER_ADDRESS: Limit = { max: 30, windowMs: 10 * 60_000 };
const RETAIN_EXPIRED_MS = 7 * 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

function oauthError(error: string, description?: string, status = 400, headers: Record<string, string> = {}): Response {
  return json(description ? { error, error_description: description } : { error }, status, headers);
}

async function formParams(request: Request): Promise<URLSearchParams | Response> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return oauthError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
  try {
    return new URLSearchParams(await request.text());
  } catch {
    return oauthError('invalid_request', 'The request body could not be read.');
  }
}

/**
 * `POST /auth/device` (RFC 8628 section 3.1): a device asks to be connected to a project, and
 * gets the codes to show and to poll with. Anyone may ask; nothing is granted until a project
 * EDITOR or OWNER approves the code in the console (approveDeviceCode).
 */
export function deviceAuthorizationPlugin(deps: DeviceGrantDeps): Plugin {
  return {
    onRequest({ request, url, endResponse, serverContext }) {
      if (url.pathname !== '/auth/device') return;
      if (request.method !== 'POST') return endResponse(oauthError('invalid_request', 'Use POST /auth/device.', 405, { allow: 'POST' }));
      return authorize(deps, request, url, serverContext).then(endResponse);
    },
  };
}

async function authorize(deps: DeviceGrantDeps, request: Request, url: URL, serverContext: unknown): Promise<Response> {
  const params = await formParams(request);
  if (params instanceof Response) return params;
  const projectId = params.get('project_id') ?? '';
  if (!UUID.test(projectId)) return oauthError('invalid_request', 'project_id must be the UUID of a project.');
  const rawName = params.get('device_name');
  let deviceName: string | null = null;
  if (rawName !== null) {
    const checked = checkText(rawName, 200, { singleLine: true });
    if (!checked.ok) return oauthError('invalid_request', `device_name ${checked.problem}.`);
    deviceName = checked.value;
  }
  const ip = deps.clientIp(request, serverContext);
  if (ip) {
    const state = await deps.limiter.attempt(`device-authz:${ip}`, REQUESTS_PER_ADDRESS);
    if (state.limited) return oauthError('slow_down', 'Too many device authorization requests from this address.', 429, { 'retry-after': String(state.retryAfterSeconds) });
  }
  const project = await deps.prisma.project.findUnique({ where: { id: projectId.toLowerCase() }, select: { id: true } });
  if (!project) return oauthError('invalid_request', 'project_id names no project.');
  const deviceCode = generateDeviceCode();
  const now = new Date();
  // Codes are worth keeping a little while after they expire (who approved what); not forever.
  await deps.prisma.deviceCode.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - RETAIN_EXPIRED_MS) } } });
  const expiresAt = new Date(now.getTime() + DEVICE_CODE_LIFETIME_SECONDS * 1000);
  // A user code must be unique among live codes; a clash (about one in 10^10) draws again.
  for (let attempt = 0; ; attempt++) {
    const userCode = generateUserCode();
    const userCodeDigest = digestCode(userCode);
    await deps.prisma.deviceCode.deleteMany({ where: { userCodeDigest, expiresAt: { lte: now } } });
    try {
      await deps.prisma.deviceCode.create({
        data: { deviceCodeDigest: digestCode(deviceCode), userCodeDigest, projectId: project.id, deviceName, expiresAt, intervalSeconds: POLL_INTERVAL_SECONDS, ip },
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002' && attempt < 3) continue;
      throw error;
    }
    const verificationUri = `${url.origin}${VERIFICATION_PATH}`;
    return json({
      device_code: deviceCode,
      user_code: formatUserCode(userCode),
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${formatUserCode(userCode)}`,
      expires_in: DEVICE_CODE_LIFETIME_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
    });
  }
}

/**
 * The device's poll (RFC 8628 section 3.4-3.5) at POST /auth/token. Answers, in this order:
 * `invalid_grant` (unknown code, or already used), `expired_token`, `slow_down` (polled sooner
 * than its interval, which grows by 5 s each time), `authorization_pending`, `access_denied`, or
 * once approved, the device's new token. A code yields its token once.
 */
export async function pollDeviceCode(deps: DeviceGrantDeps, params: URLSearchParams, request: Request, serverContext: unknown, now = new Date()): Promise<Response> {
  const ip = deps.clientIp(request, serverContext);
  const failKey = ip ? `auth-fail:${ip}` : undefined;
  const blocked = failKey ? deps.limiter.isBlocked(failKey) : undefined;
  if (blocked) return oauthError('slow_down', 'Too many failed authentications from this address.', 429, { 'retry-after': String(blocked.retryAfterSeconds) });
  const deviceCode = params.get('device_code');
  if (!deviceCode) return oauthError('invalid_request', 'device_code is required.');
  const code = await deps.prisma.deviceCode.findUnique({ where: { deviceCodeDigest: digestCode(deviceCode) } });
  if (!code || code.status === 'ISSUED') {
    if (failKey) await deps.limiter.hit(failKey, deps.failedAuthPerIp);
    return oauthError('invalid_grant');
  }
  if (code.expiresAt <= now) return oauthError('expired_token');
  // The poll is recorded on the condition that no other poll got in since this one read the row:
  // of two polls at once, one is on time and the other is too fast.
  const early = code.lastPolledAt !== null && now.getTime() - code.lastPolledAt.getTime() < code.intervalSeconds * 1000;
  const recorded = await deps.prisma.deviceCode.updateMany({
    where: { id: code.id, lastPolledAt: code.lastPolledAt },
    data: { lastPolledAt: now, ...(early ? { intervalSeconds: { increment: SLOW_DOWN_STEP_SECONDS } } : {}) },
  });
  if (early || recorded.count === 0) return oauthError('slow_down');
  if (code.status === 'PENDING') return oauthError('authorization_pending');
  if (code.status === 'DENIED') return oauthError('access_denied');
  const enrolled = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.deviceCode.updateMany({ where: { id: code.id, status: 'APPROVED' }, data: { status: 'ISSUED' } });
    if (count === 0) return undefined;
    // The approval stands only while the approver may still add devices to the project.
    if (!(await enablerStillHolds(tx, code.decidedById, code.projectId))) {
      await tx.deviceCode.update({ where: { id: code.id }, data: { status: 'DENIED' } });
      return 'denied' as const;
    }
    const made = await enrollDevice(tx, {
      projectId: code.projectId,
      name: code.deviceName ?? `device ${code.id.slice(0, 8)}`,
      metadata: undefined,
      createdById: code.decidedById,
      via: { deviceCode: code.id },
      ip,
    });
    await tx.deviceCode.update({ where: { id: code.id }, data: { deviceId: made.device.id } });
    return made;
  });
  if (!enrolled) return oauthError('invalid_grant');
  if (enrolled === 'denied') return oauthError('access_denied');
  return json({ access_token: enrolled.secret, token_type: 'Bearer', device_id: enrolled.device.id, project_id: code.projectId });
}
