import * as z from 'zod/mini';
import { showValue } from '../errors';

/**
 * An email subscriber of an SNS topic (`AWS::SNS::Subscription`, protocol `email`), checked the way the
 * address will be read: SNS takes the endpoint as "an email address" and sends it a confirmation by
 * SMTP, so it must be one SMTP can carry (docs/reference/limits.md#email-addresses):
 * - at most 254 characters, a local part (before the @) of at most 64 and domain labels of at most 63
 *   (RFC 5321 §4.5.3.1, RFC 1035 §2.3.4);
 * - the characters zod's email format accepts (the common dot-atom form; no quoted local parts, no
 *   comments, no display names).
 * Every message says *why* the value is not an address, because the commonest mistakes (a trailing
 * space, `Name <address>`, `mailto:`) look right to a person.
 */

/** Longest address SMTP carries: a 256-octet path minus its angle brackets (RFC 5321 §4.5.3.1.3). */
export const MAX_EMAIL_LENGTH = 254;
/** Longest local part (RFC 5321 §4.5.3.1.1). */
export const MAX_EMAIL_LOCAL_PART = 64;
/** Longest DNS label (RFC 1035 §2.3.4). */
const MAX_DOMAIN_LABEL = 63;

const EXAMPLE = 'write e.g. security@example.com';

/** Why `value` is not an email address SNS can subscribe, with the fix; undefined for a good one. */
export function emailProblem(value: string): string | undefined {
  const shown = showValue(value);
  if (value.trim() === '') return `${shown} is empty (${EXAMPLE})`;
  if (value !== value.trim()) {
    const where = value.trimStart() !== value ? (value.trimEnd() !== value ? 'leading and trailing' : 'a leading') : 'a trailing';
    return `${shown} has ${where} space, which is not part of an address (write ${showValue(value.trim())})`;
  }
  if (value.length > MAX_EMAIL_LENGTH) {
    return `${showValue(value, 40)} is longer than an email address can be (at most ${MAX_EMAIL_LENGTH} characters: RFC 5321; ${EXAMPLE})`;
  }
  const display = /^[^<]*<([^>]+)>$/.exec(value);
  if (display) return `${shown} is a name and an address (write the address alone: ${showValue(display[1].trim())})`;
  if (/^mailto:/i.test(value)) return `${shown} is a link, not an address (write ${showValue(value.replace(/^mailto:/i, ''))})`;
  if (/\s/.test(value)) return `${shown} contains a space (an address has none; list several addresses as separate entries)`;
  if (/[,;]/.test(value)) return `${shown} contains ${value.includes(',') ? 'a comma' : 'a semicolon'} (list each address as its own entry)`;
  const at = value.split('@');
  if (at.length === 1) return `${shown} has no @ (${EXAMPLE})`;
  if (at.length > 2) return `${shown} has more than one @ (${EXAMPLE})`;
  const [local, domain] = at;
  if (local === '') return `${shown} has nothing before the @ (${EXAMPLE})`;
  if (local.length > MAX_EMAIL_LOCAL_PART) return `${showValue(value, 40)}: the part before the @ has ${local.length} characters (at most ${MAX_EMAIL_LOCAL_PART}: RFC 5321)`;
  if (domain === '') return `${shown} has no domain after the @ (${EXAMPLE})`;
  if (!domain.includes('.')) return `${shown}: the domain ${showValue(domain)} has no dot (write the full domain, e.g. security@example.com)`;
  if (domain.split('.').some((label) => label.length > MAX_DOMAIN_LABEL)) return `${showValue(value, 40)}: a part of the domain is longer than ${MAX_DOMAIN_LABEL} characters (DNS allows at most ${MAX_DOMAIN_LABEL})`;
  if (!z.regexes.email.test(value)) {
    return `${shown} is not an email address SNS can subscribe (letters, digits and . _ ' + - before the @, a domain of letters, digits, hyphens and dots after it; ${EXAMPLE})`;
  }
  return undefined;
}

/** One email subscriber (`securityTopic.emails[i]`). */
export const emailAddress = z.string({ error: `must be an email address (${EXAMPLE})` }).check(
  z.refine((value: string) => emailProblem(value) === undefined, { error: (issue) => emailProblem(issue.input as string) }),
);
