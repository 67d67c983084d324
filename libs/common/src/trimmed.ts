/** class-transformer: trims strings, leaves anything else for the validators to refuse. */
import { TransformFnParams } from 'class-transformer';

export const trimmed = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);
