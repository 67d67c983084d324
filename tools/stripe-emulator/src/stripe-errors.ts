/**
 * Errors answered in Stripe's shape, `{ error: { type, code, message, param, doc_url, … } }`, with
 * Stripe's HTTP statuses, so the SDK raises the same error classes it raises against Stripe
 * (400/404 → StripeInvalidRequestError, 401 → StripeAuthenticationError, 402 → StripeCardError…).
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  [field: string]: unknown;
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

export class StripeApiError extends Error {
  readonly body: StripeErrorBody;

  constructor(
    readonly status: number,
    type: StripeErrorType,
    message: string,
    details: { code?: string; param?: string; [field: string]: unknown } = {},
  ) {
    super(message);
    this.body = {
      ...details,
      type,
      message,
      ...(details.code ? { doc_url: `https://stripe.com/docs/error-codes/${details.code.replaceAll('_', '-')}` } : {}),
    };
  }

  static invalidRequest(message: string, code?: string, param?: string): StripeApiError {
    return new StripeApiError(400, 'invalid_request_error', message, { code, param });
  }

  static missingParam(param: string): StripeApiError {
    return StripeApiError.invalidRequest(`Missing required param: ${param}.`, 'parameter_missing', param);
  }

  static invalidParam(param: string, message: string, code = 'parameter_invalid'): StripeApiError {
    return StripeApiError.invalidRequest(message, code, param);
  }

  /** A referenced object that does not exist: 404 when it is the one the URL names, 400 when it is a parameter. */
  static noSuch(kind: string, id: string, param: string, status: 400 | 404 = 400): StripeApiError {
    return new StripeApiError(status, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
  }
}
