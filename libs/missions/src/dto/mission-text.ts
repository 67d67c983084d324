import { TextLength, trimmed } from '@marketplace/common';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, IsInt, IsString, Max, MaxDate, Min, MinDate } from 'class-validator';

export function IsMissionTitle(): PropertyDecorator {
  return applyDecorators(Transform(trimmed), IsString(), TextLength(5, 120, { message: 'must be 5 to 120 characters' }));
}

export function IsMissionDescription(): PropertyDecorator {
  return applyDecorators(Transform(trimmed), IsString(), TextLength(20, 5000, { message: 'must be 20 to 5000 characters' }));
}

/** Money in integer cents; the same bounds apply to budgets and bids. */
export function IsAmountInCents(): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: 'must be a whole number of cents' }),
    Min(500, { message: 'must be from 500 to 1000000 cents' }),
    Max(1_000_000, { message: 'must be from 500 to 1000000 cents' }),
  );
}

/** A date-time this century: anything else is a typing mistake (and beyond what PostgreSQL stores). */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsDate({ message: 'must be a date-time' }),
    MinDate(new Date('2000-01-01T00:00:00Z'), { message: 'must be a date-time from 2000 to 2099' }),
    MaxDate(new Date('2100-01-01T00:00:00Z'), { message: 'must be a date-time from 2000 to 2099' }),
  );
}
