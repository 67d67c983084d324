import { BadUserInputError } from '@marketplace/common';

export const MINIMUM_AGE = 18;

/** Checks an ISO date of birth (YYYY-MM-DD) for a real calendar date of someone at least 18 today. */
export function assertAdultDateOfBirth(dateOfBirth: string, today: Date): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const [year, month, day] = match ? match.slice(1).map(Number) : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) {
    throw BadUserInputError.forField('dateOfBirth', 'must be a real date written YYYY-MM-DD');
  }
  if (!isAdultOn(year, month, day, today)) {
    throw BadUserInputError.forField('dateOfBirth', `you must be at least ${MINIMUM_AGE} years old`);
  }
  return dateOfBirth;
}

/** Whether someone born on this ISO date (YYYY-MM-DD, assumed valid: FranceConnect's birthdate) is at least 18 today. */
export function isAdult(dateOfBirth: string, today: Date): boolean {
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  return isAdultOn(year, month, day, today);
}

function isAdultOn(year: number, month: number, day: number, today: Date): boolean {
  // Born on 29 February: adult from 1 March in non-leap years (Date.UTC rolls over).
  return Date.UTC(year + MINIMUM_AGE, month - 1, day) <= today.getTime();
}
