import { BadUserInputError, ConflictError } from '@marketplace/common';

export class InvalidTaxIdentificationNumberError extends BadUserInputError {
  constructor() {
    const message = 'must be a French numéro fiscal: 13 digits, the first 0, 1, 2 or 3';
    super(`taxIdentificationNumber: ${message}`, [{ field: 'input.taxIdentificationNumber', message }]);
  }
}

export class InvalidBirthPlaceError extends BadUserInputError {
  constructor(field: 'birthCity' | 'birthCountryCode', message: string) {
    super(`${field}: ${message}`, [{ field: `input.${field}`, message }]);
  }
}

/** A year's DAC7 report is filed once the year has ended (unless a partial one is asked for). */
export class ReportYearNotEndedError extends BadUserInputError {
  constructor(year: number) {
    super(`year: ${year} has not ended yet: a DAC7 report covers a whole calendar year (ask for a partial one to preview it)`, [
      { field: 'year', message: 'has not ended yet' },
    ]);
  }
}

export class InvalidDeclarationPeriodError extends BadUserInputError {
  constructor(message: string) {
    super(`period: ${message}`, [{ field: 'period', message }]);
  }
}

/** The provider has no tax profile yet: the activity type decides the rates. */
export class TaxProfileMissingError extends ConflictError {
  constructor() {
    super('Set your tax profile (updateTaxProfile) first: your activity type decides the contribution rates.');
  }
}
