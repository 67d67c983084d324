/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` bodies and query strings with
 * bracketed keys (`metadata[mission_id]=…`, `payment_method_types[0]=card`, `expand[]=latest_charge`),
 * decoded by `qs` (the decoder Stripe's own Node examples use) into nested objects and arrays.
 * Values stay strings, as Stripe receives them; a value of the wrong shape (a string where a hash is
 * expected…) is refused by RequestParams, as Stripe refuses it.
 */
import { parse } from 'qs';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormEncodingError extends Error {}

/** Deeper than any parameter Stripe takes, and more list items than any call sends; past them the request is refused. */
const LIMITS = { depth: 5, strictDepth: true, arrayLimit: 100, parameterLimit: 1000, throwOnLimitExceeded: true } as const;

export function decodeForm(encoded: string): FormObject {
  try {
    // Keys reaching the prototype (`__proto__[x]`, `constructor[prototype]`) are dropped (allowPrototypes is off).
    return parse(encoded, { ...LIMITS, allowPrototypes: false, duplicates: 'last' }) as FormObject;
  } catch (error) {
    throw new FormEncodingError(`Invalid request parameters: ${(error as Error).message}`);
  }
}
