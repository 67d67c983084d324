import { TaxYear, taxYear, UnknownTaxYearError } from './tax-rates';
import { NoTaxYearError } from './tax.errors';

/** The year's row, or BAD_USER_INPUT for a year the table does not know (never a guess). */
export function taxYearOrRefuse(year: number): TaxYear {
  try {
    return taxYear(year);
  } catch (error) {
    if (error instanceof UnknownTaxYearError) throw new NoTaxYearError(year);
    throw error;
  }
}
