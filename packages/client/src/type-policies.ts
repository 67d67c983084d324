/**
 * How Apollo's normalized cache should store what the API returns, for today's schema. Types with
 * an `id` are normalized by it (Apollo's default); these policies cover the rest.
 */
import type { TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      // One list per search (its filter), pages appended as `after` moves on.
      missions: relayStylePagination(['filter']),
      myPayouts: relayStylePagination(),
    },
  },
  Mission: {
    fields: {
      // Only a search near a point computes it: a query without one (`mission(id)`) answers null,
      // which must not erase the distance the search found. Two searches from different points
      // still share it (the last one wins): the field belongs on the search's edge.
      distanceKm: { merge: (existing: number | null | undefined, incoming: number | null) => incoming ?? existing ?? null },
    },
  },
  // No id of their own: each lives under its user, and a new answer completes what is cached there.
  Reputation: { keyFields: false, merge: true },
  ReputationSummary: { keyFields: false, merge: true },
  ProviderProfile: { keyFields: false, merge: true },
  ServiceArea: { keyFields: false, merge: true },
};
