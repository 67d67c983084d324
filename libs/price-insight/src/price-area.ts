/**
 * The rules of the fair-price insight, apart from the database: which area a question is answered
 * for, and when an answer may be given at all.
 *
 * k-anonymity: no answer unless the sample holds bids of at least K_PARTIES distinct providers and
 * K_PARTIES distinct clients, so no figure is one bid's, one provider's or one client's. The hourly
 * median is a sub-sample (bids with hours estimated) and meets the same threshold on its own.
 *
 * Differencing: two questions whose areas differ by a sliver would give two answers whose difference
 * is the sliver's few bids. So an area is never the one asked: its centre is snapped to a grid of
 * 0.05° and its radius rounded up to one of RADII_KM, which leaves a fixed, coarse set of
 * areas (neighbouring ones differ by kilometres, not metres), and amounts are given to the euro.
 */
import { BadUserInputError } from '@marketplace/common';
import { MissionCategory } from '@marketplace/missions';

export const K_PARTIES = 10;
/** Centres are snapped to 1/20°, 0.05°: about 5.6 km north–south, 3.6 km east–west in France. */
const GRID_STEPS_PER_DEGREE = 20;
export const RADII_KM = [5, 10, 20, 50] as const;
export const DEFAULT_RADIUS_KM = 10;
/** The months of accepted bids in the sample, before the refresh. */
export const SAMPLE_MONTHS = 12;

/** An area a price insight is computed for: a category, a snapped centre and a radius of the ladder. */
export interface PriceArea {
  category: MissionCategory;
  latitude: number;
  longitude: number;
  radiusKm: number;
}

const snapped = (degrees: number) => Math.round(degrees * GRID_STEPS_PER_DEGREE) / GRID_STEPS_PER_DEGREE;

/** The area answered for a question: BAD_USER_INPUT for a radius off the ladder's range. */
export function priceAreaOf(category: MissionCategory, near: { latitude: number; longitude: number }, radiusKm: number): PriceArea {
  const radius = RADII_KM.find((rung) => radiusKm <= rung);
  if (!(radiusKm > 0) || radius === undefined) {
    throw BadUserInputError.forField('radiusKm', `must be more than 0 and at most ${RADII_KM[RADII_KM.length - 1]} km`);
  }
  return { category, latitude: snapped(near.latitude), longitude: snapped(near.longitude), radiusKm: radius };
}

/** Whether a sample (or the hourly sub-sample) is large enough to answer from. */
export function isAnonymousEnough(sample: { providers: number; clients: number }): boolean {
  return sample.providers >= K_PARTIES && sample.clients >= K_PARTIES;
}

/** Amounts are given to the euro. */
export function toWholeEuros(cents: number): number {
  return Math.round(cents / 100) * 100;
}
