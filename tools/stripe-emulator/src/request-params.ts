/**
 * Typed reading of a request's decoded form parameters, refusing missing or malformed values with
 * the errors Stripe gives (`parameter_missing`, `parameter_invalid_integer`…). Parameters the
 * emulator does not model are ignored rather than refused, so callers may send all that Stripe takes.
 */
import { FormObject, FormValue } from './form-encoding';
import { StripeApiError } from './stripe-errors';
import { Metadata } from './stripe-object-types';

/** Bounds on a Unix timestamp, as list filters such as `created[gte]=…` give them. */
export type TimestampRange = Partial<Record<'gt' | 'gte' | 'lt' | 'lte', number>>;

const RANGE_BOUNDS: readonly string[] = ['gt', 'gte', 'lt', 'lte'];

export class RequestParams {
  constructor(private readonly params: FormObject) {}

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === null) throw StripeApiError.missingParam(name);
    return value;
  }

  /** An empty value is Stripe's way of saying "unset", hence null. */
  optionalString(name: string): string | null {
    const value = this.value(name);
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string')
      throw StripeApiError.invalidParam(name, `Invalid string: ${name} must be a string.`, 'parameter_invalid_string');
    return value;
  }

  /** An http(s) address: the emulator redirects browsers to it, so nothing else is let through. */
  webUrl(name: string): string {
    const value = this.string(name);
    if (!isWebUrl(value)) throw StripeApiError.invalidParam(name, 'Not a valid URL', 'url_invalid');
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.string(name);
    if (!allowed.includes(value as T)) throw StripeApiError.invalidParam(name, `Invalid ${name}: must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** A positive integer number of the currency's smallest unit (cents). */
  amount(name: string): number {
    const value = this.optionalAmount(name);
    if (value === null) throw StripeApiError.missingParam(name);
    return value;
  }

  optionalAmount(name: string): number | null {
    const value = this.optionalString(name);
    if (value === null) return null;
    if (!/^\d+$/.test(value)) throw StripeApiError.invalidParam(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
    const amount = Number(value);
    if (amount < 1 || !Number.isSafeInteger(amount)) {
      throw StripeApiError.invalidParam(name, 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
    }
    return amount;
  }

  currency(): string {
    const value = this.string('currency').toLowerCase();
    if (!/^[a-z]{3}$/.test(value)) throw StripeApiError.invalidParam('currency', `Invalid currency: ${value}.`);
    return value;
  }

  stringList(name: string): string[] | null {
    const value = this.value(name);
    if (value === undefined) return null;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw StripeApiError.invalidParam(name, `Invalid array: ${name} must be a list of strings.`, 'parameter_invalid_array');
    }
    return value as string[];
  }

  /** `metadata[key]=value` pairs; an empty value unsets its key, as in Stripe. */
  metadata(): Metadata {
    const value = this.value('metadata');
    if (value === undefined || value === '') return {};
    if (typeof value === 'string' || Array.isArray(value))
      throw StripeApiError.invalidParam('metadata', 'Invalid metadata: must be a hash.');
    const metadata: Metadata = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') throw StripeApiError.invalidParam(`metadata[${key}]`, 'Metadata values must be strings.');
      if (item !== '') metadata[key] = item;
    }
    return metadata;
  }

  /** `created=<t>` (exactly then) or `created[gte]=<t>`, `[gt]`, `[lt]`, `[lte]`. */
  timestampRange(name: string): TimestampRange | null {
    const value = this.value(name);
    if (value === undefined || value === '') return null;
    if (typeof value === 'string') {
      const exactly = timestamp(name, value);
      return { gte: exactly, lte: exactly };
    }
    if (Array.isArray(value)) throw StripeApiError.invalidParam(name, `Invalid ${name}: must be an integer or a hash of gt, gte, lt, lte.`);
    const range: TimestampRange = {};
    for (const [bound, item] of Object.entries(value)) {
      const param = `${name}[${bound}]`;
      if (!RANGE_BOUNDS.includes(bound))
        throw StripeApiError.invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
      if (typeof item !== 'string')
        throw StripeApiError.invalidParam(param, `Invalid integer: ${param} must be an integer.`, 'parameter_invalid_integer');
      range[bound as keyof TimestampRange] = timestamp(param, item);
    }
    return range;
  }

  /** The names under `capabilities[<name>][requested]=true`. */
  requestedCapabilities(): string[] {
    const value = this.value('capabilities');
    if (value === undefined || typeof value === 'string' || Array.isArray(value)) return [];
    return Object.entries(value)
      .filter(([, capability]) => typeof capability === 'object' && !Array.isArray(capability) && capability.requested === 'true')
      .map(([name]) => name);
  }

  private value(name: string): FormValue | undefined {
    return Object.hasOwn(this.params, name) ? this.params[name] : undefined;
  }
}

function timestamp(param: string, value: string): number {
  if (!/^\d+$/.test(value)) throw StripeApiError.invalidParam(param, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  return Number(value);
}

function isWebUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}
