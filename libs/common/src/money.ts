/** Money is integer cents. The platform's fee on an amount: round(amount × bps / 10000), deducted from the provider's side. */
export function platformFeeCents(amountCents: number, feeBps: number): number {
  return Math.round((amountCents * feeBps) / 10_000);
}
