import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, InvalidField } from './domain-error';

/** Flattens class-validator's tree into `input.serviceArea.radiusKm`-style field paths. */
export function invalidFieldsOf(errors: ValidationError[], parentPath = ''): InvalidField[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: path, message }));
    return [...own, ...invalidFieldsOf(error.children ?? [], path)];
  });
}

/** Validates every DTO; a failure is BAD_USER_INPUT naming each offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = invalidFieldsOf(errors);
      const summary = fields.map(({ field, message }) => `${field}: ${message}`).join('; ');
      return new BadUserInputError(`Invalid input. ${summary}`, fields);
    },
  });
}
