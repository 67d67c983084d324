/**
 * Verification codes of income statements: 80 random bits in Crockford's base32, 16 characters in
 * four groups (`7KQ2-M9XD-4HTB-0WZE`), read aloud or typed from paper. Typing is forgiving: case,
 * spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1, as Crockford intends.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = LENGTH - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return grouped(code);
}

/** The code as issued, from what someone typed; null when it cannot be one. */
export function normalizedVerificationCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== LENGTH || [...code].some((character) => !ALPHABET.includes(character))) return null;
  return grouped(code);
}

function grouped(code: string): string {
  return code.match(/.{4}/g)!.join('-');
}
