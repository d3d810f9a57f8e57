/**
 * The break-glass account's new password, for the sealed envelope (docs/domain.md, "Rotation after
 * use"). Drawn from the operating system's cryptographic generator (node:crypto randomInt, which
 * samples without modulo bias) over an alphabet that reads unambiguously when copied by hand
 * from paper at night: no 0/O/o, 1/l/I, 5/S, 2/Z, 8/B, and no punctuation that a keyboard
 * layout moves around.
 *
 * Entra ID's password rules: 8–256 characters from A–Z, a–z, 0–9 and listed symbols, at least
 * three of the four categories (learn.microsoft.com/en-us/entra/identity/authentication/
 * concept-password-ban-bad-combined-policy). Every password made here has upper case, lower case
 * and digits, so it always passes; at 40 characters from 50 symbols it carries about 225 bits.
 *
 * The password is returned to the caller and nowhere else: never stored, never journaled.
 */
import { randomInt } from 'node:crypto';

const lower = 'abcdefghijkmnpqrstuvwxyz';
const upper = 'ACDEFGHJKLMNPQRTUVWXY';
const digits = '34679';
export const passwordAlphabet = `${lower}${upper}${digits}`;

/** The shortest password the app makes; the issue asks for at least 32 characters. */
export const minimumPasswordLength = 32;
export const defaultPasswordLength = 40;
const longestEntraPassword = 256;

export function generateBreakGlassPassword(length = defaultPasswordLength): string {
  if (!Number.isInteger(length) || length < minimumPasswordLength || length > longestEntraPassword) {
    throw new RangeError(
      `A break-glass password has ${minimumPasswordLength} to ${longestEntraPassword} characters (asked for ${length}).`,
    );
  }
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i += 1) password += passwordAlphabet[randomInt(passwordAlphabet.length)];
    // Redrawn (rarely, about once in 10^5 at 32 characters) until every class is present.
    if ([lower, upper, digits].every((set) => [...password].some((ch) => set.includes(ch)))) return password;
  }
}

/** The password in groups of four for reading aloud and copying onto paper: "abcd EFGH 3456 …". */
export function passwordGroups(password: string, size = 4): string[] {
  const groups: string[] = [];
  for (let i = 0; i < password.length; i += size) groups.push(password.slice(i, i + size));
  return groups;
}
