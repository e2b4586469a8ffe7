import { randomBytes, randomInt } from 'node:crypto';
import { digestSecret } from './token-format.js';

/**
 * Codes of the OAuth device authorization grant (RFC 8628). The device keeps `device_code` (256
 * random bits) and polls with it; a person types `user_code` into the console. Both are stored as
 * SHA-256 digests only.
 *
 * User codes are 8 letters from an alphabet without vowels (no words) and without letters easily
 * confused (RFC 8628 section 6.1): 20^8, about 34.6 bits, shown as XXXX-XXXX. Lookups of wrong
 * codes are rate-limited per person and per address, and a code lives 10 minutes.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const USER_CODE_LENGTH = 8;
export const DEVICE_CODE_LIFETIME_SECONDS = 600;
export const POLL_INTERVAL_SECONDS = 5;
/** RFC 8628 section 3.5: each slow_down adds 5 seconds to the interval the device must keep. */
export const SLOW_DOWN_STEP_SECONDS = 5;

export function generateDeviceCode(): string {
  return randomBytes(32).toString('base64url');
}

export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** XXXX-XXXX, as people read and type it. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed, as the code it stands for: case, spaces and dashes do not matter. Undefined
 * for anything that cannot be a user code (no lookup needed to refuse it).
 */
export function normalizeUserCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== USER_CODE_LENGTH) return undefined;
  for (const char of code) if (!USER_CODE_ALPHABET.includes(char)) return undefined;
  return code;
}

export function digestCode(code: string): string {
  return digestSecret(code);
}
