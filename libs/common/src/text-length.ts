import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A string of `min` to `max` characters counted as PostgreSQL's `char_length` counts them (code
 * points), so that what passes validation never trips a length CHECK in the database. (class-
 * validator's Length skips variation selectors, so an emoji-heavy text could pass it and fail there.)
 */
export function TextLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'textLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePointLength(value) >= min && codePointLength(value) <= max,
        defaultMessage: () => (min > 0 ? `must be ${min} to ${max} characters` : `must be at most ${max} characters`),
      },
    },
    options,
  );
}

function codePointLength(text: string): number {
  return Array.from(text).length;
}
