import { Dac7Seller } from '../details/dac7-details.service';

/** One quarter of a provider's year, as DAC7 reports it (1649 ter A II 3°), exact to the cent. */
export interface Dac7Quarter {
  quarter: 1 | 2 | 3 | 4;
  /** What the provider was paid for their missions (before the platform's fee): the consideration. */
  considerationCents: number;
  /** The platform's fees withheld. */
  feesCents: number;
  /** Taxes withheld by the platform: the URSSAF withholding (none while URSSAF_WITHHOLDING is off). */
  taxesCents: number;
  /** Missions paid out in the quarter: the number of activities. */
  activities: number;
}

export interface Dac7SellerReport {
  seller: Dac7Seller;
  quarters: Dac7Quarter[];
  /** Names this seller's record in the file (DocSpec.DocRefId). */
  docRefId: string;
}

export interface Dac7Report {
  year: number;
  /** The year had not ended when it was made: a preview, not a filing. */
  partial: boolean;
  /** The providers paid in the year whose data is complete: the file's ReportableSellers. */
  sellers: Dac7SellerReport[];
  /** Providers paid in the year whose data is still incomplete: out of the file until it is complete (a corrective file then adds them). */
  incomplete: Dac7SellerReport[];
}

/** The DGFiP schema reports whole euros: cents rounded half up, the one rounding the XML and the statements share. */
export function wholeEuros(cents: number): number {
  return Math.round(cents / 100);
}
