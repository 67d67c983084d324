/**
 * The grounds a restricting decision rests on: the clauses of our terms of use, versioned, in
 * French and English. A statement of reasons keeps the ground's id and version and says its text
 * as it read that day, so that a later wording never changes what a user was told. A ground is
 * never edited in place: a new wording is a new version, and the old one stays here.
 */
import { BadUserInputError } from '@marketplace/common';

export enum ModerationDecisionKind {
  IDENTITY_REJECTED = 'IDENTITY_REJECTED',
  CONTENT_HIDDEN = 'CONTENT_HIDDEN',
  SUSPENSION = 'SUSPENSION',
  DISPUTE_SETTLED = 'DISPUTE_SETTLED',
  PAYOUT_HELD = 'PAYOUT_HELD',
}

export interface GroundText {
  title: string;
  text: string;
}

export interface ModerationGround {
  id: string;
  version: number;
  /** Where it stands in the terms of use. */
  clause: string;
  /** The kinds of decision that may rest on it. */
  kinds: readonly ModerationDecisionKind[];
  fr: GroundText;
  en: GroundText;
}

const { IDENTITY_REJECTED, CONTENT_HIDDEN, SUSPENSION, DISPUTE_SETTLED, PAYOUT_HELD } = ModerationDecisionKind;

/** Every version of every ground; the highest version of an id is the one in force. */
export const MODERATION_GROUNDS: readonly ModerationGround[] = [
  {
    id: 'IDENTITY_NOT_VERIFIABLE',
    version: 1,
    clause: '3.2',
    kinds: [IDENTITY_REJECTED],
    fr: {
      title: 'Identité non vérifiable',
      text: "Les documents envoyés ne permettent pas de vérifier l'identité : illisibles, expirés, incomplets, ou ne correspondant pas au nom et à la date de naissance déclarés.",
    },
    en: {
      title: 'Identity cannot be verified',
      text: 'The documents sent do not allow the identity to be verified: unreadable, expired, incomplete, or not matching the name and date of birth given.',
    },
  },
  {
    id: 'CONTENT_RULES',
    version: 1,
    clause: '5.1',
    kinds: [CONTENT_HIDDEN],
    fr: {
      title: 'Règles de publication',
      text: 'Les missions, notes et messages doivent être exacts, courtois et en rapport avec une mission ; un contenu qui ne respecte pas ces règles peut être masqué.',
    },
    en: {
      title: 'Publication rules',
      text: 'Missions, ratings and messages must be accurate, courteous and about a mission; content that breaks these rules may be hidden.',
    },
  },
  {
    id: 'ABUSIVE_CONTENT',
    version: 1,
    clause: '5.2',
    kinds: [CONTENT_HIDDEN, SUSPENSION],
    fr: {
      title: 'Propos injurieux ou discriminatoires',
      text: 'Insultes, menaces, harcèlement ou propos discriminatoires envers un autre utilisateur.',
    },
    en: {
      title: 'Abusive or discriminatory content',
      text: 'Insults, threats, harassment or discriminatory remarks towards another user.',
    },
  },
  {
    id: 'MISLEADING_CONTENT',
    version: 1,
    clause: '5.3',
    kinds: [CONTENT_HIDDEN],
    fr: {
      title: 'Contenu trompeur',
      text: "Une mission, une note ou un message faux ou trompeur, notamment une note qui ne reflète pas l'expérience réelle de la mission.",
    },
    en: {
      title: 'Misleading content',
      text: 'A false or misleading mission, rating or message, such as a rating that does not reflect the mission as it went.',
    },
  },
  {
    id: 'ILLEGAL_SERVICE',
    version: 1,
    clause: '5.4',
    kinds: [CONTENT_HIDDEN, SUSPENSION],
    fr: {
      title: 'Prestation illicite',
      text: 'Une mission qui demande une prestation interdite par la loi, ou réservée à une profession réglementée.',
    },
    en: {
      title: 'Unlawful service',
      text: 'A mission asking for a service that the law forbids, or that only a regulated profession may provide.',
    },
  },
  {
    id: 'OFF_PLATFORM_PAYMENT',
    version: 1,
    clause: '6.1',
    kinds: [CONTENT_HIDDEN, SUSPENSION],
    fr: {
      title: 'Paiement hors plateforme',
      text: "Demander ou proposer d'être payé en dehors de la plateforme pour une mission trouvée sur la plateforme, ou partager ses coordonnées à cette fin.",
    },
    en: {
      title: 'Payment outside the platform',
      text: 'Asking or offering to be paid outside the platform for a mission found on it, or sharing contact details to that end.',
    },
  },
  {
    id: 'ACCOUNT_RULES',
    version: 1,
    clause: '7.1',
    kinds: [SUSPENSION],
    fr: {
      title: 'Manquement grave ou répété aux conditions',
      text: "Un manquement grave, ou des manquements répétés malgré des décisions antérieures, aux présentes conditions d'utilisation.",
    },
    en: {
      title: 'Serious or repeated breach of the terms',
      text: 'A serious breach, or breaches repeated despite earlier decisions, of these terms of use.',
    },
  },
  {
    id: 'FRAUD',
    version: 1,
    clause: '7.2',
    kinds: [SUSPENSION],
    fr: {
      title: 'Fraude',
      text: "Usurpation d'identité, faux documents, escroquerie ou tentative d'escroquerie envers un utilisateur ou la plateforme.",
    },
    en: { title: 'Fraud', text: 'Identity theft, forged documents, or a scam or attempted scam against a user or the platform.' },
  },
  {
    id: 'DISPUTE_SETTLEMENT',
    version: 1,
    clause: '8.3',
    kinds: [DISPUTE_SETTLED],
    fr: {
      title: 'Règlement des litiges sur une livraison',
      text: "Quand le client conteste une livraison, un modérateur qui n'est pas partie à la mission examine la mission, la conversation et la livraison, et décide du paiement du prestataire, du remboursement du client, ou d'un partage.",
    },
    en: {
      title: 'Settling disputes over a delivery',
      text: 'When the client disputes a delivery, a moderator who is not a party to the mission looks at the mission, the conversation and the delivery, and decides to pay the provider, refund the client, or split the payment.',
    },
  },
  {
    id: 'TAX_INFORMATION_MISSING',
    version: 1,
    clause: '9.2',
    kinds: [PAYOUT_HELD],
    fr: {
      title: 'Informations fiscales manquantes',
      text: "La plateforme doit recueillir les informations fiscales des prestataires (art. 1649 ter A à E du code général des impôts) ; tant qu'elles manquent après les rappels, les virements sont retenus.",
    },
    en: {
      title: 'Tax information missing',
      text: "The platform must collect its providers' tax information (French tax code art. 1649 ter A to E); while it is missing after the reminders, payouts are held.",
    },
  },
];

/** The ground each kind rests on when the decision names none: the clause of the terms that allows it. */
export const DEFAULT_GROUNDS: Record<ModerationDecisionKind, string> = {
  IDENTITY_REJECTED: 'IDENTITY_NOT_VERIFIABLE',
  CONTENT_HIDDEN: 'CONTENT_RULES',
  SUSPENSION: 'ACCOUNT_RULES',
  DISPUTE_SETTLED: 'DISPUTE_SETTLEMENT',
  PAYOUT_HELD: 'TAX_INFORMATION_MISSING',
};

/** The grounds in force: the highest version of each id. */
export function groundsInForce(kind?: ModerationDecisionKind): ModerationGround[] {
  const latest = new Map<string, ModerationGround>();
  for (const ground of MODERATION_GROUNDS) {
    if ((latest.get(ground.id)?.version ?? 0) < ground.version) latest.set(ground.id, ground);
  }
  return [...latest.values()].filter((ground) => !kind || ground.kinds.includes(kind));
}

/** The version in force of a ground a decision of this kind may rest on; BAD_USER_INPUT on `groundId` otherwise. */
export function groundFor(kind: ModerationDecisionKind, groundId: string): ModerationGround {
  const ground = groundsInForce(kind).find((candidate) => candidate.id === groundId);
  if (!ground) {
    throw BadUserInputError.forField(
      'groundId',
      `not a ground of a ${kind} decision: one of ${groundsInForce(kind)
        .map((g) => g.id)
        .join(', ')}`,
    );
  }
  return ground;
}

/** A ground as a statement kept it: its id and version. */
export function groundVersion(id: string, version: number): ModerationGround {
  const ground = MODERATION_GROUNDS.find((candidate) => candidate.id === id && candidate.version === version);
  if (!ground) throw new Error(`No ground ${id} version ${version}: grounds are never removed from MODERATION_GROUNDS`);
  return ground;
}
