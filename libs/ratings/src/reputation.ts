/**
 * The arithmetic of reputations: per role, a count and a sum of published, not hidden scores,
 * from which the average shown is derived. ReputationBook keeps the counts and sums in the
 * database; nothing else computes a reputation.
 */
import { Rating, RatingRole } from './rating.entity';
import { Reputation } from './reputation.entity';

export interface ReputationSummary {
  average: number | null;
  count: number;
}

export interface UserReputation {
  asProvider: ReputationSummary;
  asClient: ReputationSummary;
}

type ReputationCounts = Omit<Reputation, 'userId' | 'user'>;

/** A user's reputation from their counts and sums (none yet: nothing rated). */
export function reputationFrom(row: ReputationCounts | undefined): UserReputation {
  return {
    asProvider: summary(row?.asProviderCount ?? 0, row?.asProviderScoreSum ?? 0),
    asClient: summary(row?.asClientCount ?? 0, row?.asClientScoreSum ?? 0),
  };
}

/** The reputation that a user's published, not hidden ratings make (as their counts and sums would). */
export function reputationOfRatings(ratings: readonly Pick<Rating, 'role' | 'score'>[]): UserReputation {
  const ofRole = (role: RatingRole) => ratings.filter((rating) => rating.role === role).map((rating) => rating.score);
  const [asProvider, asClient] = [ofRole(RatingRole.PROVIDER), ofRole(RatingRole.CLIENT)];
  return { asProvider: summary(asProvider.length, sum(asProvider)), asClient: summary(asClient.length, sum(asClient)) };
}

function sum(scores: number[]): number {
  return scores.reduce((total, score) => total + score, 0);
}

/**
 * The mean score rounded to 2 decimals, halves up, null when nothing counts. Hundredths are divided
 * from the integer sum: 41 / 40 × 100 in floats is 102.49999…, and would round down.
 */
function summary(count: number, scoreSum: number): ReputationSummary {
  return { count, average: count === 0 ? null : Math.round((scoreSum * 100) / count) / 100 };
}
