import { trimmed } from '@marketplace/common';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, IsInt, IsString, Length, Max, Min } from 'class-validator';

export function IsMissionTitle(): PropertyDecorator {
  return applyDecorators(Transform(trimmed), IsString(), Length(5, 120, { message: 'must be 5 to 120 characters' }));
}

export function IsMissionDescription(): PropertyDecorator {
  return applyDecorators(Transform(trimmed), IsString(), Length(20, 5000, { message: 'must be 20 to 5000 characters' }));
}

/** Money in integer cents; the same bounds apply to budgets and bids. */
export function IsAmountInCents(): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: 'must be a whole number of cents' }),
    Min(500, { message: 'must be from 500 to 1000000 cents' }),
    Max(1_000_000, { message: 'must be from 500 to 1000000 cents' }),
  );
}

export function IsInstant(): PropertyDecorator {
  return applyDecorators(IsDate({ message: 'must be a date-time' }));
}
