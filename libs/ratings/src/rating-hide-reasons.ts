/**
 * The closed list of reasons a moderator may hide a rating for (Code de la consommation D. 111-19:
 * the reasons for refusing a review are published). hideRating takes one of these codes; the
 * ratings policy (reviewPolicy) and the notice to the rating's author read their labels here.
 */
import { Locale } from '@marketplace/accounts';
import { registerEnumType } from '@nestjs/graphql';

export enum RatingHideReason {
  ABUSIVE = 'ABUSIVE',
  PERSONAL_DATA = 'PERSONAL_DATA',
  NOT_ABOUT_THE_MISSION = 'NOT_ABOUT_THE_MISSION',
  NOT_GENUINE = 'NOT_GENUINE',
  ADVERTISING = 'ADVERTISING',
  ILLEGAL = 'ILLEGAL',
  TERMS_BREACH = 'TERMS_BREACH',
}

export const RATING_HIDE_REASON_LABELS: Record<Locale, Record<RatingHideReason, string>> = {
  [Locale.FR]: {
    ABUSIVE: 'propos injurieux, diffamatoires, menaçants, haineux ou discriminatoires',
    PERSONAL_DATA: "données personnelles d'un tiers (coordonnées, adresse, informations privées)",
    NOT_ABOUT_THE_MISSION: 'avis sans rapport avec la mission réalisée ou avec la personne notée',
    NOT_GENUINE: "avis non authentique : faux avis, conflit d'intérêts, avis obtenu contre une contrepartie",
    ADVERTISING: 'publicité, lien ou démarchage',
    ILLEGAL: 'contenu manifestement illicite',
    TERMS_BREACH: "autre manquement aux règles de publication ci-dessus, précisé à l'auteur",
  },
  [Locale.EN]: {
    ABUSIVE: 'abusive, defamatory, threatening, hateful or discriminatory content',
    PERSONAL_DATA: "someone else's personal data (contact details, address, private information)",
    NOT_ABOUT_THE_MISSION: 'not about the mission carried out or the person rated',
    NOT_GENUINE: 'not genuine: a fake rating, a conflict of interest, a rating given in exchange for something',
    ADVERTISING: 'advertising, links or solicitation',
    ILLEGAL: 'manifestly illegal content',
    TERMS_BREACH: 'another breach of the publication rules above, explained to the author',
  },
};

/** What the author of a hidden rating is told, and the moderation log records: the reason's label, then the moderator's detail. */
export function hideReasonText(locale: Locale, code: RatingHideReason, detail: string | null): string {
  const label = RATING_HIDE_REASON_LABELS[locale][code];
  return detail ? `${label} — ${detail}` : label;
}

registerEnumType(RatingHideReason, {
  name: 'RatingHideReason',
  description: 'Why a moderator hid a rating: the closed list published by reviewPolicy.',
  valuesMap: Object.fromEntries(
    Object.values(RatingHideReason).map((code) => [code, { description: RATING_HIDE_REASON_LABELS[Locale.EN][code] }]),
  ),
});
