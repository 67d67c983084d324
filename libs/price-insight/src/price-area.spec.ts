import { BadUserInputError } from '@marketplace/common';
import { MissionCategory } from '@marketplace/missions';
import { isAnonymousEnough, priceAreaOf, toWholeEuros } from './price-area';

describe('the area a price insight answers for', () => {
  const at = (latitude: number, longitude: number, radiusKm = 10) =>
    priceAreaOf(MissionCategory.CLEANING, { latitude, longitude }, radiusKm);

  it('snaps the centre to the 0.05° grid, whichever point nearby is asked', () => {
    expect(at(48.8566, 2.3522)).toMatchObject({ latitude: 48.85, longitude: 2.35 });
    expect(at(48.874, 2.326)).toMatchObject({ latitude: 48.85, longitude: 2.35 });
    expect(at(48.876, 2.376)).toMatchObject({ latitude: 48.9, longitude: 2.4 });
    expect(at(-21.1151, 55.5364)).toMatchObject({ latitude: -21.1, longitude: 55.55 });
  });

  it('rounds the radius up to 5, 10, 20 or 50 km, and refuses one off (0, 50]', () => {
    expect([0.1, 5, 5.01, 10, 12, 20, 49.9, 50].map((radiusKm) => at(45, 5, radiusKm).radiusKm)).toEqual([5, 5, 10, 10, 20, 20, 50, 50]);
    for (const radiusKm of [0, -1, 50.01, Number.NaN]) expect(() => at(45, 5, radiusKm)).toThrow(BadUserInputError);
  });

  it('answers only from 10 distinct providers and 10 distinct clients', () => {
    expect(isAnonymousEnough({ providers: 10, clients: 10 })).toBe(true);
    expect(isAnonymousEnough({ providers: 9, clients: 40 })).toBe(false);
    expect(isAnonymousEnough({ providers: 40, clients: 9 })).toBe(false);
  });

  it('gives amounts to the euro', () => {
    expect([12_349.5, 12_350, 5_000.25].map(toWholeEuros)).toEqual([12_300, 12_400, 5_000]);
  });
});
