/**
 * The rules notification-service documents for a notification's fields (notifications-api.md),
 * checked before sending so that a typo costs no round trip. The server checks them again, and
 * only it can tell whether a host resolves to an address webhooks may reach.
 */

export const MAX_NAME = 128;
export const MAX_URL = 2048;
const MIN_TOKEN_TEXT = 32;
const MAX_TOKEN_TEXT = 256;
const MIN_TOKEN_KEY_BYTES = 24;
const TOKEN_PREFIX = 'whsec_';

/** The service's field code for what is wrong with `url`, or null when it may be sent. */
export function urlProblem(url: string): string | null {
  const value = url.trim();
  if (value.length > MAX_URL) return 'TOO_LONG';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return 'UNSUPPORTED_SCHEME';
  // the WHATWG parser forgives "http:/host"; the service's does not, so ask for the authority
  if (!/^https?:\/\/[^/?#]/i.test(value)) return 'INVALID_URL';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return 'INVALID_URL';
  }
  if (parsed.username || parsed.password || /^https?:\/\/[^/?#]*@/i.test(value)) return 'USER_INFO_NOT_ALLOWED';
  if (!parsed.hostname) return 'INVALID_URL';
  return null;
}

/**
 * Whether a supplied token is one the service takes: `whsec_` + base64 of at least 24 bytes, or
 * 32–256 printable ASCII characters without spaces.
 */
export function tokenIsValid(token: string): boolean {
  if (token.length > MAX_TOKEN_TEXT) return false;
  if (![...token].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) < 0x7f)) return false;
  if (token.startsWith(TOKEN_PREFIX)) {
    const encoded = token.slice(TOKEN_PREFIX.length);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return false;
    const data = encoded.replace(/=+$/, '').length;
    // a lone trailing base64 character carries no whole byte: the service's decoder refuses it
    if (data % 4 === 1) return false;
    return Math.floor((data * 6) / 8) >= MIN_TOKEN_KEY_BYTES;
  }
  return token.length >= MIN_TOKEN_TEXT;
}
