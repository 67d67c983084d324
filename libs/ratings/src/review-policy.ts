/**
 * How ratings work here, as Code de la consommation L. 111-7-2 and D. 111-17 to D. 111-19 ask a
 * platform to say it (docs/ratings-policy.md gives the sources). Written from the configuration and
 * the rules the code applies (RATING_WINDOW_DAYS, the closed list of hide reasons), so the text
 * cannot drift from what happens.
 */
import { Locale } from '@marketplace/accounts';
import { RATING_HIDE_REASON_LABELS, RatingHideReason } from './rating-hide-reasons';

export enum ReviewPolicySectionKey {
  VERIFICATION = 'VERIFICATION',
  PUBLICATION = 'PUBLICATION',
  DATES_AND_ORDER = 'DATES_AND_ORDER',
  EDITING_AND_REPLIES = 'EDITING_AND_REPLIES',
  CONSIDERATION = 'CONSIDERATION',
  RETENTION = 'RETENTION',
  HIDING = 'HIDING',
  REPORTING = 'REPORTING',
}

export interface ReviewPolicySection {
  key: ReviewPolicySectionKey;
  title: string;
  text: string;
}

export interface ReviewPolicy {
  locale: Locale;
  title: string;
  sections: ReviewPolicySection[];
  /** Days after a mission's completion during which its parties rate it; a rating is published at the latest then. */
  ratingWindowDays: number;
  /** Nothing is given in exchange for a rating. */
  considerationGiven: false;
  hideReasons: { code: RatingHideReason; label: string }[];
}

export interface ReviewPolicyRules {
  ratingWindowDays: number;
}

type SectionTexts = Record<ReviewPolicySectionKey, { title: string; text: string }>;

function frenchSections({ ratingWindowDays: days }: ReviewPolicyRules, reasons: string): SectionTexts {
  return {
    VERIFICATION: {
      title: 'Avis vérifiés',
      text:
        "Oui : seuls le client et le prestataire d'une mission payée via la plateforme et terminée peuvent la noter, chacun une fois et l'un sur l'autre. " +
        "Chaque note est liée à sa mission ; personne d'autre ne peut noter.",
    },
    PUBLICATION: {
      title: 'Publication en double aveugle',
      text:
        `Une note reste invisible pour l'autre partie jusqu'à ce que celle-ci ait noté à son tour, ou jusqu'à la fin du délai de notation de ${days} jours après la fin de la mission. ` +
        `Elle est donc publiée au plus tard ${days} jours après la fin de la mission. Aucune note n'est relue avant publication.`,
    },
    DATES_AND_ORDER: {
      title: 'Dates et classement',
      text:
        'Chaque note indique la date de la mission notée et sa date de publication. Les notes sont classées par date de publication, des plus récentes aux plus anciennes par défaut ; ' +
        "l'ordre inverse (des plus anciennes aux plus récentes) est disponible. Aucun autre critère n'intervient dans le classement.",
    },
    EDITING_AND_REPLIES: {
      title: 'Modification et réponse',
      text:
        'Une note est définitive : son auteur ne peut ni la modifier ni la retirer. La personne notée peut y répondre une fois, publiquement. ' +
        "La plateforme ne transmet pas les coordonnées de l'auteur.",
    },
    CONSIDERATION: {
      title: 'Contrepartie',
      text: 'Aucune contrepartie (argent, remise, avantage) n’est donnée ni demandée pour laisser une note.',
    },
    RETENTION: {
      title: 'Durée de conservation',
      text:
        "Une note publiée reste affichée sans limite de durée, tant qu'elle n'est pas masquée par un modérateur. Une note masquée est conservée, " +
        'sans être affichée, pour le suivi de la modération.',
    },
    HIDING: {
      title: 'Motifs de masquage',
      text:
        `Un modérateur, qui n'est ni l'auteur ni la personne notée, ne peut masquer une note que pour l'un de ces motifs : ${reasons}. ` +
        "L'auteur est informé du masquage et de son motif. Une note masquée ne compte plus dans la réputation.",
    },
    REPORTING: {
      title: 'Signaler une note',
      text:
        'Toute personne qui voit une note, y compris la personne notée, peut la signaler gratuitement aux modérateurs en expliquant pourquoi, ' +
        "notamment en cas de doute sur son authenticité. L'auteur du signalement est informé de la suite donnée.",
    },
  };
}

function englishSections({ ratingWindowDays: days }: ReviewPolicyRules, reasons: string): SectionTexts {
  return {
    VERIFICATION: {
      title: 'Verified ratings',
      text:
        'Yes: only the client and the provider of a mission paid through the platform and completed can rate it, each once and each the other. ' +
        'Every rating is linked to its mission; nobody else can rate.',
    },
    PUBLICATION: {
      title: 'Double-blind publication',
      text:
        `A rating stays hidden from the other party until they have rated too, or until the rating window of ${days} days after the mission's completion closes. ` +
        `It is therefore published at the latest ${days} days after the mission's completion. No rating is reviewed before publication.`,
    },
    DATES_AND_ORDER: {
      title: 'Dates and order',
      text:
        'Each rating shows the date of the mission rated and its publication date. Ratings are ordered by publication date, newest first by default; ' +
        'the reverse order (oldest first) is available. No other criterion affects the order.',
    },
    EDITING_AND_REPLIES: {
      title: 'Editing and replies',
      text:
        'A rating is final: its author can neither change nor withdraw it. The rated person may reply once, publicly. ' +
        "The platform does not pass on the author's contact details.",
    },
    CONSIDERATION: {
      title: 'Consideration',
      text: 'Nothing (money, discount, advantage) is given or asked in exchange for a rating.',
    },
    RETENTION: {
      title: 'Retention',
      text:
        'A published rating stays shown with no time limit, unless a moderator hides it. A hidden rating is kept, ' +
        'not shown, as a record of the moderation.',
    },
    HIDING: {
      title: 'Reasons for hiding',
      text:
        `A moderator who is neither its author nor the person rated may hide a rating only for one of these reasons: ${reasons}. ` +
        'The author is told that it was hidden and why. A hidden rating no longer counts in the reputation.',
    },
    REPORTING: {
      title: 'Reporting a rating',
      text:
        'Anyone who can see a rating, the rated person included, can report it to the moderators free of charge, saying why, ' +
        'in particular when they doubt it is genuine. Whoever reported it is told the outcome.',
    },
  };
}

const SECTIONS: Record<Locale, (rules: ReviewPolicyRules, reasons: string) => SectionTexts> = {
  [Locale.FR]: frenchSections,
  [Locale.EN]: englishSections,
};
const TITLES: Record<Locale, string> = { [Locale.FR]: 'Comment fonctionnent les avis', [Locale.EN]: 'How ratings work' };

export function reviewPolicy(locale: Locale, rules: ReviewPolicyRules): ReviewPolicy {
  const hideReasons = Object.values(RatingHideReason).map((code) => ({ code, label: RATING_HIDE_REASON_LABELS[locale][code] }));
  const texts = SECTIONS[locale](rules, hideReasons.map(({ label }) => label).join(locale === Locale.FR ? ' ; ' : '; '));
  return {
    locale,
    title: TITLES[locale],
    sections: Object.values(ReviewPolicySectionKey).map((key) => ({ key, ...texts[key] })),
    ratingWindowDays: rules.ratingWindowDays,
    considerationGiven: false,
    hideReasons,
  };
}
