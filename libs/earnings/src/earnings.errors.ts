import { BadUserInputError, NotFoundError } from '@marketplace/common';
import { PeriodProblem } from './calendar-period';

/** A period refused before anything is read or written; the message says what would be accepted. */
export class InvalidPeriodError extends BadUserInputError {
  constructor(problem: PeriodProblem, { maxMonths, today }: { maxMonths: number; today?: string }) {
    const messages: Record<PeriodProblem, [field: string, message: string]> = {
      INVERTED: ['to', 'must not be before from'],
      TOO_LONG: ['to', `must be less than ${maxMonths} months after from`],
      IN_THE_FUTURE: ['to', `must not be after today (${today ?? ''}, in Paris)`],
    };
    const [field, message] = messages[problem];
    super(`${field}: ${message}`, [{ field, message }]);
  }
}

/** No statement has this verification code, or the statement is someone else's: the same answer, so codes and ids reveal nothing. */
export class IncomeStatementNotFoundError extends NotFoundError {
  constructor() {
    super('The income statement');
  }
}
