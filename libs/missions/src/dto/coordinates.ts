import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';

/** Degrees kept to 7 decimals (about 1 cm): no denormal value reaches the trigonometry of earthdistance. */
const toCentimetres = Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? Math.round(value * 1e7) / 1e7 : value));

/** A WGS84 latitude, −90 to 90. */
export function IsLatitudeDegrees(): PropertyDecorator {
  return applyDecorators(
    toCentimetres,
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' }),
    Min(-90, { message: 'must be from -90 to 90' }),
    Max(90, { message: 'must be from -90 to 90' }),
  );
}

/** A WGS84 longitude, −180 to 180. */
export function IsLongitudeDegrees(): PropertyDecorator {
  return applyDecorators(
    toCentimetres,
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' }),
    Min(-180, { message: 'must be from -180 to 180' }),
    Max(180, { message: 'must be from -180 to 180' }),
  );
}

/** French postcodes, and those of other countries written with 3 to 10 letters, digits, spaces or dashes. */
export const POSTCODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$/;

/**
 * The public point: coordinates rounded to two decimals, about one kilometre, exactly as the
 * missions_public_point CHECK computes it: `round(degrees::numeric, 2)` reads the float's 15
 * significant digits and rounds halves away from zero, where `Math.round(degrees * 100)` rounds
 * -1.555 up to -1.55 and sees 1.005 as the 1.00499… it is in binary.
 */
export function toPublicCoordinate(degrees: number): number {
  const magnitude = Math.abs(degrees);
  // Below 0.000001 the 15 digits come in exponent notation; it rounds to 0 all the same.
  if (magnitude < 1e-6) return 0;
  const [whole, fraction = ''] = magnitude.toPrecision(15).split('.');
  const digits = fraction.padEnd(3, '0');
  const hundredths = Number(whole) * 100 + Number(digits.slice(0, 2)) + (digits[2] >= '5' ? 1 : 0);
  return (Math.sign(degrees) * hundredths) / 100;
}
