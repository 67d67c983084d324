/** Stripe's transfer_group: ties the charge and the transfer of one mission together in the dashboard. */
export function transferGroupOf(missionId: string): string {
  return `mission_${missionId}`;
}
