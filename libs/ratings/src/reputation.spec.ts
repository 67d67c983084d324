import { RatingRole } from './rating.entity';
import { reputationFrom, reputationOfRatings } from './reputation';

const counts = { asProviderCount: 0, asProviderScoreSum: 0, asClientCount: 0, asClientScoreSum: 0 };

describe('reputation', () => {
  it('has no average and a count of 0 while nothing published counts', () => {
    const none = { asProvider: { count: 0, average: null }, asClient: { count: 0, average: null } };
    expect(reputationFrom(undefined)).toEqual(none);
    expect(reputationFrom(counts)).toEqual(none);
  });

  it('keeps the two roles apart: ratings as a provider never move the reputation as a client', () => {
    expect(reputationFrom({ ...counts, asProviderCount: 2, asProviderScoreSum: 9 })).toEqual({
      asProvider: { count: 2, average: 4.5 },
      asClient: { count: 0, average: null },
    });
    expect(reputationFrom({ ...counts, asClientCount: 1, asClientScoreSum: 2 })).toEqual({
      asProvider: { count: 0, average: null },
      asClient: { count: 1, average: 2 },
    });
  });

  it('is the mean score rounded to 2 decimals', () => {
    expect(reputationFrom({ ...counts, asProviderCount: 3, asProviderScoreSum: 14 }).asProvider.average).toBe(4.67);
    expect(reputationFrom({ ...counts, asProviderCount: 3, asProviderScoreSum: 13 }).asProvider.average).toBe(4.33);
    expect(reputationFrom({ ...counts, asProviderCount: 7, asProviderScoreSum: 30 }).asProvider.average).toBe(4.29);
    expect(reputationFrom({ ...counts, asClientCount: 1000, asClientScoreSum: 5000 }).asClient.average).toBe(5);
  });

  it('rounds a mean halfway between two hundredths up, as shown to people', () => {
    expect(reputationFrom({ ...counts, asProviderCount: 40, asProviderScoreSum: 41 }).asProvider.average).toBe(1.03);
    expect(reputationFrom({ ...counts, asClientCount: 8, asClientScoreSum: 33 }).asClient.average).toBe(4.13);
    expect(reputationFrom({ ...counts, asClientCount: 200, asClientScoreSum: 977 }).asClient.average).toBe(4.89);
  });

  it('stays within 1 and 5 at the bounds the database allows (a score sum from 1 to 5 times the count)', () => {
    for (const count of [1, 2, 3, 7, 1000]) {
      expect(reputationFrom({ ...counts, asProviderCount: count, asProviderScoreSum: count }).asProvider.average).toBe(1);
      expect(reputationFrom({ ...counts, asProviderCount: count, asProviderScoreSum: 5 * count }).asProvider.average).toBe(5);
    }
  });

  it('is the same from the ratings themselves as from their counts and sums', () => {
    const rated = (role: RatingRole, score: number) => ({ role, score });
    const ratings = [
      rated(RatingRole.PROVIDER, 5),
      rated(RatingRole.PROVIDER, 4),
      rated(RatingRole.PROVIDER, 5),
      rated(RatingRole.CLIENT, 2),
    ];
    expect(reputationOfRatings(ratings)).toEqual(
      reputationFrom({ asProviderCount: 3, asProviderScoreSum: 14, asClientCount: 1, asClientScoreSum: 2 }),
    );
    expect(reputationOfRatings([])).toEqual(reputationFrom(undefined));
  });
});
