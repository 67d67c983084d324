import { BadUserInputError, ConflictError, NotFoundError } from '@marketplace/common';
import { CURRENT_BILLING_MANDATE } from './mandate/billing-mandate-text';

export class UnknownMandateVersionError extends BadUserInputError {
  constructor() {
    const message = `is not a version of the billing mandate (the current one is ${CURRENT_BILLING_MANDATE.version}, from billingMandateText)`;
    super(`version: ${message}`, [{ field: 'version', message }]);
  }
}

export class NoMandateInForceError extends ConflictError {
  constructor() {
    super('You have no billing mandate in force to revoke.');
  }
}

export class InvalidSirenError extends BadUserInputError {
  constructor() {
    const message = 'must be 9 digits with a valid (Luhn) checksum';
    super(`input.business.siren: ${message}`, [{ field: 'input.business.siren', message }]);
  }
}

/** Not a party to the invoice's mission (or no such invoice): the same answer, so ids reveal nothing. */
export class InvoiceNotFoundError extends NotFoundError {
  constructor() {
    super('The invoice');
  }
}

export class InvoiceNotRenderedError extends ConflictError {
  constructor() {
    super('The invoice documents are being rendered: ask again in a few seconds.');
  }
}

/** Not the client of the receipt's mission (or no such receipt): the same answer. */
export class PaymentReceiptNotFoundError extends NotFoundError {
  constructor() {
    super('The payment receipt');
  }
}
