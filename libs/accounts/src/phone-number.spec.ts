import { BadUserInputError } from '@marketplace/common';
import { normalizePhoneNumber } from './phone-number';

describe('normalizePhoneNumber', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('turns %s into %s', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });

  it.each([
    '12',
    'not a phone',
    '+0 123 456 789',
    '06 12 34 56',
    '+33 6 12 34 56 78 90 12 34',
    // E.164 in shape, but no country has the code 999, nor French numbers starting 0 after +33
    '+999999999999',
    '+33 0 12 34 56 78',
    '+33612345678x',
    '+33 6 12 34 56 78 ext. 12',
  ])('refuses %s', (input) => {
    expect(() => normalizePhoneNumber(input)).toThrow(BadUserInputError);
  });
});
