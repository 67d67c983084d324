import { BadUserInputError } from './errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids are UUIDs; anything else is bad input, answered before it reaches the database. */
export function assertUuid(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw BadUserInputError.forField(field, 'must be a valid id (UUID)');
  return value.toLowerCase();
}
