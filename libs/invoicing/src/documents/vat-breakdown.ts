import { InvoiceFacts } from './invoice-facts';

/** BG-23, the one VAT breakdown of an invoice: standard rate on the platform's fee invoice, the franchise's exemption otherwise. */
export interface VatBreakdown {
  categoryCode: 'S' | 'E';
  ratePercent: number;
  netCents: number;
  taxCents: number;
  /** BT-120 and BT-121, for the franchise only (BR-S-10 forbids them at the standard rate). */
  exemption?: { reason: string; code: 'VATEX-FR-FRANCHISE' };
}

export function vatBreakdownOf(facts: InvoiceFacts): VatBreakdown {
  if (facts.vat) return { ...facts.vat };
  return {
    categoryCode: 'E',
    ratePercent: 0,
    netCents: facts.totalCents,
    taxCents: 0,
    exemption: { reason: facts.mentions.vatExemption, code: 'VATEX-FR-FRANCHISE' },
  };
}

/**
 * An amount that includes VAT split into net and tax: the tax is taken out of the total
 * (round(total × rate / (100 + rate)), half up) and the net is the rest, so net + tax is the total
 * to the cent. The tax then differs from net × rate by less than a cent (at 20 %: at most 0.6 of
 * one), within what EN 16931 BR-CO-17 allows for a rounded breakdown.
 */
export function vatIncludedIn(totalCents: number, ratePercent: number): { netCents: number; taxCents: number } {
  const taxCents = Math.round((totalCents * ratePercent) / (100 + ratePercent));
  return { netCents: totalCents - taxCents, taxCents };
}
