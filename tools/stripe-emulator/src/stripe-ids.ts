/** Stripe-like ids: a type prefix and 24 random base62 characters (`pi_3Nq…`). */
import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
  return Array.from({ length }, () => BASE62[randomInt(BASE62.length)]).join('');
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(24)}`;
}
