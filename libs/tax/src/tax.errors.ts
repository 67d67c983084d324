import { BadUserInputError } from '@marketplace/common';

export class ActivityStartInFutureError extends BadUserInputError {
  constructor(today: string) {
    const message = `must not be after today (${today})`;
    super(`input.activityStartedOn: ${message}`, [{ field: 'input.activityStartedOn', message }]);
  }
}

export class InvalidVatNumberError extends BadUserInputError {
  constructor() {
    const message = 'must be a French VAT number: FR, its two-digit key (12 + 3 × (SIREN mod 97)) mod 97, and a valid SIREN';
    super(`input.vatNumber: ${message}`, [{ field: 'input.vatNumber', message }]);
  }
}

export class VatNumberRequiredError extends BadUserInputError {
  constructor() {
    const message = 'is required when vatStatus is LIABLE';
    super(`input.vatNumber: ${message}`, [{ field: 'input.vatNumber', message }]);
  }
}

export class VatRateNotAllowedError extends BadUserInputError {
  constructor(allowed: number[]) {
    const message = `must be one of ${allowed.join(', ')} (basis points), or null for the standard rate`;
    super(`input.vatRateBasisPoints: ${message}`, [{ field: 'input.vatRateBasisPoints', message }]);
  }
}

export class NoTaxYearError extends BadUserInputError {
  constructor(year: number) {
    const message = `no thresholds or rates are known for ${year}`;
    super(`year: ${message}`, [{ field: 'year', message }]);
  }
}

export class FranchiseEndedError extends BadUserInputError {
  constructor(endedOn: string) {
    const message = `cannot be FRANCHISE: the VAT franchise ended on ${endedOn}; give LIABLE with the VAT number`;
    super(`input.vatStatus: ${message}`, [{ field: 'input.vatStatus', message }]);
  }
}
