import { TextLength, trimmed } from '@marketplace/common';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNumber, IsString, Max, Min } from 'class-validator';

export function IsBidMessage(): PropertyDecorator {
  return applyDecorators(Transform(trimmed), IsString(), TextLength(10, 2000, { message: 'must be 10 to 2000 characters' }));
}

export function IsEstimatedHours(): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number of hours' }),
    Min(0.25, { message: 'must be from 0.25 to 200 hours' }),
    Max(200, { message: 'must be from 0.25 to 200 hours' }),
  );
}
