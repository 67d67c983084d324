import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, InvalidField } from './domain-error';

/** Flattens class-validator's tree into `input.serviceArea.radiusKm`-style field paths. */
export function invalidFieldsOf(errors: ValidationError[], parentPath = ''): InvalidField[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: path, message }));
    return [...own, ...invalidFieldsOf(error.children ?? [], path)];
  });
}

/**
 * Validates every DTO; a failure is BAD_USER_INPUT naming each offending field. Before that, any
 * argument carrying a NUL character is refused: PostgreSQL cannot store one in text, and it is
 * never legitimate input.
 */
export function createValidationPipe(): ValidationPipe {
  return new ArgumentValidationPipe({
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

/** `GqlParamtype.ARGS` of @nestjs/graphql (not exported): the pipe also sees @Parent, @Context and custom parameters. */
const GRAPHQL_ARGUMENT = 3;
const CLIENT_INPUT_TYPES = new Set<unknown>(['body', 'query', 'param', GRAPHQL_ARGUMENT]);

class ArgumentValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CLIENT_INPUT_TYPES.has(metadata.type)) {
      const field = pathOfNulCharacter(value, metadata.data ?? 'input');
      if (field) throw BadUserInputError.forField(field, 'must not contain NUL characters');
    }
    return super.transform(value, metadata);
  }
}

/** The path of the first string containing U+0000 within an argument, if any. */
export function pathOfNulCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNulCharacter(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNulCharacter(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
