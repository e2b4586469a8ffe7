/**
 * The rules that text, e-mail addresses and new passwords meet wherever they come from: GraphQL
 * arguments (schema/validation.ts turns a broken rule into BAD_USER_INPUT) and the start-up
 * configuration (config.ts, for the first admin). No GraphQL here, so both can use them.
 *
 * A rule answers the cleaned value, or the problem as a phrase that follows the field's name
 * ("must be at least 12 characters").
 */
export type Checked = { ok: true; value: string } | { ok: false; problem: string };

// C0/C1 controls other than tab and line breaks have no business in a name.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const MIN_PASSWORD_LENGTH = 12;

const problem = (text: string): Checked => ({ ok: false, problem: text });

export function checkText(value: string, max: number, options: { allowEmpty?: boolean; singleLine?: boolean } = {}): Checked {
  if (!value.isWellFormed()) return problem('contains an unpaired surrogate');
  if (CONTROL.test(value) || (options.singleLine && /[\r\n\t]/.test(value))) return problem('contains control characters');
  const trimmed = value.normalize('NFC').trim();
  if (!options.allowEmpty && trimmed.length === 0) return problem('must not be empty');
  if ([...trimmed].length > max) return problem(`must be at most ${max} characters`);
  return { ok: true, value: trimmed };
}

/** Normalised as stored: NFC, trimmed, lower case (e-mail addresses are unique case-insensitively). */
export function checkEmail(value: string): Checked {
  const text = checkText(value, 254, { singleLine: true });
  if (!text.ok) return text;
  const normalised = text.value.toLowerCase();
  if (!EMAIL.test(normalised)) return problem('is not an e-mail address');
  return { ok: true, value: normalised };
}

export function checkNewPassword(value: string): Checked {
  if ([...value].length < MIN_PASSWORD_LENGTH) return problem(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (value.length > 1024) return problem('must be at most 1024 characters');
  if (!value.isWellFormed() || value.includes('\u0000')) return problem('contains invalid characters');
  return { ok: true, value };
}
