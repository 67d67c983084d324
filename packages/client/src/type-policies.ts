/**
 * How Apollo's normalized cache should store what the API returns. Types with an `id` are
 * normalized by it (Apollo's default); these policies cover the lists and the types without one.
 */
import type { TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import generated from './generated/possible-types';

/** Each interface's types (Node's), generated from the schema so it cannot drift: fragments `on Node` match them. */
export const possibleTypes = generated.possibleTypes;

// No id of their own: each lives under its parent, and a new answer completes what is cached there.
const underParent = { keyFields: false, merge: true } as const;

export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      // One list per set of filtering arguments, pages appended as `after` moves on.
      missions: relayStylePagination(['filter']),
      myMissions: relayStylePagination(['status']),
      myBids: relayStylePagination(['status']),
      myPayouts: relayStylePagination(),
      failedPayouts: relayStylePagination(),
      chargebacks: relayStylePagination(['status']),
      identityVerificationQueue: relayStylePagination(['status']),
      reports: relayStylePagination(['status']),
      moderationLog: relayStylePagination(),
      myConversations: relayStylePagination(),
      myInvoices: relayStylePagination(),
      myModerationDecisions: relayStylePagination(),
    },
  },
  Mission: { fields: { bids: relayStylePagination() } },
  // Newest first: older pages are appended as `after` moves back in time.
  Conversation: { fields: { messages: relayStylePagination() } },
  ConversationParticipant: underParent,
  User: { fields: { ratingsReceived: relayStylePagination(['as']) } },
  Reputation: underParent,
  ReputationSummary: underParent,
  PublicLocation: underParent,
  GeoPoint: underParent,
  ServiceArea: underParent,
  IncomeStatementTotals: underParent,
  // Its id is the provider's (urn:uuid:…), but each credential says what was true on its own day.
  ReputationCredentialSubject: underParent,
  // The bid whose acceptance lapsed identifies it.
  LapsedAcceptance: { keyFields: ['bidId'] },
  // A new wording of a ground is a new version under the same id, and each statement keeps the one it cited.
  ModerationGround: { keyFields: ['id', 'version'] },
};
