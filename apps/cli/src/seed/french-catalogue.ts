/**
 * What `npm run cli -- seed` builds plausible users, missions, bids and ratings from, kept as data
 * in data/*.json: real French towns, mission templates, names, streets, provider headlines, bid
 * messages, ratings' comments and cancellation reasons. This file gives them their types.
 */
import bidMessages from './data/bid-messages.json';
import cancellationReasons from './data/cancellation-reasons.json';
import cities from './data/cities.json';
import missionTemplates from './data/mission-templates.json';
import names from './data/names.json';
import providerHeadlines from './data/provider-headlines.json';
import ratings from './data/ratings.json';
import streets from './data/streets.json';

/** A town centre (WGS84, 4 decimals) with its main postcode; `weight` is roughly its population in thousands. */
export interface FrenchCity {
  name: string;
  postcode: string;
  latitude: number;
  longitude: number;
  weight: number;
}

export const FRENCH_CITIES: readonly FrenchCity[] = cities;

export const MISSION_CATEGORIES = [
  'HANDYMAN',
  'MOVING',
  'CLEANING',
  'GARDENING',
  'FURNITURE_ASSEMBLY',
  'DELIVERY',
  'IT_SUPPORT',
  'TUTORING',
  'PET_CARE',
  'CHILDCARE',
  'EVENTS',
  'OTHER',
] as const;

export type SeedCategory = (typeof MISSION_CATEGORIES)[number];

/**
 * One kind of mission a client might post. `{city}` and `{n}` (a small number) are filled by the seeder with
 * `fillPlaceholders`; `budgetCents` is the [min, max] range the seeder draws a budget from, when the template has one.
 */
export interface MissionTemplate {
  title: string;
  description: string;
  budgetCents?: { min: number; max: number };
}

export const MISSION_TEMPLATES: Record<SeedCategory, readonly MissionTemplate[]> = missionTemplates;
export const FIRST_NAMES: readonly string[] = names.firstNames;
export const LAST_NAMES: readonly string[] = names.lastNames;
export const STREET_NAMES: readonly string[] = streets;
export const PROVIDER_HEADLINES: Record<SeedCategory, readonly string[]> = providerHeadlines;
export const BID_MESSAGES: readonly string[] = bidMessages;
export const CANCELLATION_REASONS: readonly string[] = cancellationReasons;

/** What a rating's comment says depends on its score: 4 or 5 good, 3 mixed, 1 or 2 bad. */
export type CommentTone = 'good' | 'mixed' | 'bad';
export const COMMENTS_ON_PROVIDERS: Record<CommentTone, readonly string[]> = ratings.commentsOnProviders;
export const COMMENTS_ON_CLIENTS: Record<CommentTone, readonly string[]> = ratings.commentsOnClients;
export const REPLIES: readonly string[] = ratings.replies;
