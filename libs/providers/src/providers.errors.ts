import { BadUserInputError } from '@marketplace/common';

export class InvalidSiretError extends BadUserInputError {
  constructor() {
    super('siret: must be 14 digits with a valid checksum', [{ field: 'siret', message: 'must be 14 digits with a valid checksum' }]);
  }
}
