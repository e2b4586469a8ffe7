import type { Door } from '../auth/authenticator.js';
import { Entry, type EntryDeps, type EntryResult } from '../auth/entry.js';
import { UNRECOGNISED_CREDENTIAL } from '../auth/token-format.js';
import { factsOf } from './request-facts.js';

/** How a request's credential fared: `result` is the entry's kind, `reason` a short fixed word. */
export interface AuthOutcome {
  door: Door;
  result: 'ok' | Exclude<EntryResult, { ok: true }>['kind'] | 'error';
  reason: string;
}

/**
 * The authenticator's refusals are sentences for the client; metrics and logs need a small fixed
 * set of words (a label per sentence would grow with every new message).
 */
const REFUSAL_REASONS: [RegExp, string][] = [
  [/revoked/, 'revoked'],
  [/expired/, 'expired'],
  [/used up/, 'used_up'],
  [/^unknown/, 'unknown'],
  [new RegExp(`malformed|checksum|^${UNRECOGNISED_CREDENTIAL}$`), 'malformed'],
  [/from your address/, 'address_not_allowed'],
  [/not valid before/, 'not_yet_valid'],
  [/used up/, 'used_up'],
  [/regenerated|was edited/, 'stale_jwt'],
  [/replaced by a rotation/, 'rotated'],
  [/Authorization header|session cookie|Basic authentication|sent as a Bearer token/, 'wrong_transport'],
];

export function refusalReason(message: string): string {
  for (const [pattern, reason] of REFUSAL_REASONS) if (pattern.test(message)) return reason;
  // What remains are the JWT library's verdicts on a token it could not verify.
  return 'invalid_jwt';
}

function outcomeOf(door: Door, result: EntryResult): AuthOutcome {
  if (result.ok) return { door, result: 'ok', reason: result.principal.authMethod.toLowerCase() };
  return { door, result: result.kind, reason: result.kind === 'refused' ? refusalReason(result.message) : result.kind };
}

/**
 * The one entry (auth/entry.ts), watched: each request's principal and client address go into its
 * facts for the access log, and each outcome to `observe` (the metrics). A subclass rather than
 * hooks inside Entry, so the entry keeps its one concern.
 */
export class ObservedEntry extends Entry {
  constructor(
    deps: EntryDeps,
    private readonly observe: (outcome: AuthOutcome) => void = () => {},
  ) {
    super(deps);
  }

  override async authenticateRequest(request: Request, serverContext: unknown, door: Door, subjectToken?: string): Promise<EntryResult> {
    let result: EntryResult;
    try {
      result = await super.authenticateRequest(request, serverContext, door, subjectToken);
    } catch (error) {
      this.observe({ door, result: 'error', reason: 'error' });
      throw error;
    }
    const outcome = outcomeOf(door, result);
    this.observe(outcome);
    const facts = factsOf(request);
    if (facts) {
      facts.auth = outcome;
      if (result.ok) {
        facts.principal = result.principal;
        facts.clientIp = result.ip;
      }
      if ('budgets' in result && result.budgets) facts.rateLimits = result.budgets;
    }
    return result;
  }
}
