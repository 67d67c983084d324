import { BadUserInputError } from '@marketplace/common';
import { assertAdultDateOfBirth } from './date-of-birth';

describe('assertAdultDateOfBirth', () => {
  const today = new Date('2026-11-23T10:00:00Z');

  it('accepts someone 18 today or older', () => {
    expect(assertAdultDateOfBirth('2008-11-23', today)).toBe('2008-11-23');
    expect(assertAdultDateOfBirth('1960-02-29', today)).toBe('1960-02-29');
  });

  it('refuses someone one day short of 18', () => {
    expect(() => assertAdultDateOfBirth('2008-11-24', today)).toThrow(/at least 18/);
  });

  it.each(['2008-13-01', '2001-02-29', '23/11/1990', '1990-1-1', '', '1850-01-01', '1990-01-01T00:00:00Z'])('refuses %p', (value) => {
    expect(() => assertAdultDateOfBirth(value, today)).toThrow(BadUserInputError);
  });
});
