import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@marketplace/common';

export class UnknownMandateVersionError extends BadUserInputError {
  constructor(offered: string) {
    const message = `is not the version of the billing mandate offered now (${offered}, from billingMandateText)`;
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

/** A party to the invoice who is not its provider (its client): they see it, but only its provider contests it. */
export class NotTheInvoiceProviderError extends ForbiddenError {
  constructor(what: string) {
    super(`Only the invoice's provider may ${what}.`);
  }
}

/** Credit notes and fee invoices have no contest window: a wrong credit note is the platform's to correct. */
export class InvoiceNotContestableError extends ConflictError {
  constructor(kind: string) {
    super(
      `A ${kind === 'FEE_INVOICE' ? 'fee invoice' : 'credit note'} is not contested: contest the invoice it corrects, or write to support.`,
    );
  }
}

export class InvoiceAlreadyContestedError extends ConflictError {
  constructor(contestedAt: Date) {
    super(`The invoice was already contested, at ${contestedAt.toISOString()}.`);
  }
}

export class InvoiceContestClosedError extends ConflictError {
  constructor(deadline: Date) {
    super(`The invoice's contest window closed at ${deadline.toISOString()}: it is accepted.`);
  }
}

export class InvoiceNotContestedError extends ConflictError {
  constructor() {
    super('Only a contested invoice is reissued: contest it first (contestInvoice).');
  }
}

/** The provider no longer has what an invoice in their name needs (a mandate in force, a SIRET, a billing address). */
export class InvoiceCannotBeReissuedError extends ConflictError {
  constructor(missing: string) {
    super(`The invoice cannot be reissued yet: ${missing}.`);
  }
}
