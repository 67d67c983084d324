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
 * argument carrying a NUL character or a lone surrogate is refused: PostgreSQL cannot store them
 * in text, validators can choke on them, and they are never legitimate input.
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
    // Only what clients send is validated: not @Parent objects, the context or the viewer, which
    // every field resolver of every row would otherwise copy and validate again.
    if (!CLIENT_INPUT_TYPES.has(metadata.type)) return Promise.resolve(value);
    const field = pathOfInvalidText(value, metadata.data ?? 'input');
    if (field) throw BadUserInputError.forField(field, 'must be valid Unicode text without NUL characters');
    return super.transform(value, metadata);
  }
}

/** NUL, or half of a surrogate pair (what JSON's \\ud800 escapes can produce): not text. */
const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string within an argument that is not valid text, if any. */
export function pathOfInvalidText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return INVALID_TEXT.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfInvalidText(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfInvalidText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
