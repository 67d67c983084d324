/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` bodies and query strings with
 * bracketed keys (`metadata[mission_id]=…`, `payment_method_types[0]=card`, `expand[]=latest_charge`),
 * decoded into nested objects and arrays. Values stay strings, as Stripe receives them.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormEncodingError extends Error {}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function decodeForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [name, value] of new URLSearchParams(encoded)) {
    assign(root, keyPath(name), value, name);
  }
  return root;
}

/** `a[b][0]` → `['a', 'b', '0']`; `a[]` → `['a', '']` (append). */
function keyPath(name: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) throw new FormEncodingError(`Invalid parameter name: ${name}`);
  const path = [match[1], ...Array.from(match[2].matchAll(/\[([^[\]]*)\]/g), (segment) => segment[1])];
  if (path.some((segment) => UNSAFE_KEYS.has(segment))) throw new FormEncodingError(`Invalid parameter name: ${name}`);
  return path;
}

function assign(root: FormObject, path: string[], value: string, name: string): void {
  let container: FormObject | FormValue[] = root;
  for (const [index, segment] of path.entries()) {
    const slot = slotIn(container, segment, name);
    if (index === path.length - 1) {
      setChild(container, slot, value);
      return;
    }
    const wantsArray = isArraySegment(path[index + 1]);
    const existing = getChild(container, slot);
    if (existing === undefined) {
      const created: FormObject | FormValue[] = wantsArray ? [] : {};
      setChild(container, slot, created);
      container = created;
    } else if (typeof existing === 'string' || Array.isArray(existing) !== wantsArray) {
      throw new FormEncodingError(`Conflicting values for parameter ${name}`);
    } else {
      container = existing;
    }
  }
}

function isArraySegment(segment: string): boolean {
  return segment === '' || /^\d+$/.test(segment);
}

/** Where a segment lands: an object key, or an array index (appending, or rewriting one already there). */
function slotIn(container: FormObject | FormValue[], segment: string, name: string): string | number {
  if (!Array.isArray(container)) {
    if (segment === '') throw new FormEncodingError(`Invalid parameter name: ${name}`);
    return segment;
  }
  const index = segment === '' ? container.length : Number(segment);
  if (!isArraySegment(segment) || index > container.length) throw new FormEncodingError(`Invalid array index in parameter ${name}`);
  return index;
}

function getChild(container: FormObject | FormValue[], slot: string | number): FormValue | undefined {
  return Array.isArray(container) ? container[slot as number] : Object.hasOwn(container, slot) ? container[slot] : undefined;
}

function setChild(container: FormObject | FormValue[], slot: string | number, value: FormValue): void {
  if (Array.isArray(container)) container[slot as number] = value;
  else container[slot] = value;
}
