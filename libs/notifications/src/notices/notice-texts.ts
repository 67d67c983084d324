/**
 * What each in-app notification says, in each language, from its kind and facts: the line shown in
 * the app, the subject of its email and the label of the email's link. The email's body is the line
 * (email-templates.ts builds it), so the two never say different things.
 */
import { Locale } from '@marketplace/accounts';
import { NoticeKind } from '../notification-kind';
import { taxObligationsLine } from './tax-obligations';

/** What a notice's facts can hold: names, titles, reasons, amounts in cents. Never secrets. */
export type NoticeFacts = Record<string, string | number>;

/** A notice's facts as its text reads them: `text('missionTitle')`, `money('amountCents')` in the reader's language. */
export interface FactReader {
  text(key: string): string;
  money(key: string): string;
  /** The text for the fact's value among `texts` (a code such as a dispute's resolution); empty for another value. */
  oneOf(key: string, texts: Record<string, string>): string;
}

interface NoticeText {
  subject: (facts: FactReader) => string;
  line: (facts: FactReader) => string;
  action: string;
}

/** The page of the web app a notification opens. */
type Page = 'mission' | 'conversation' | 'payouts' | 'identity' | 'account' | 'decisions';

const PAGES: Record<NoticeKind, Page> = {
  NEW_QUESTION: 'conversation',
  NEW_MESSAGE: 'conversation',
  MESSAGE_HIDDEN: 'conversation',
  NEW_BID: 'mission',
  BID_ACCEPTED: 'mission',
  BID_DECLINED: 'mission',
  BID_EXPIRED: 'mission',
  PAYMENT_RECEIVED: 'mission',
  MISSION_DELIVERED: 'mission',
  MISSION_COMPLETED: 'mission',
  MISSION_DISPUTED: 'mission',
  DISPUTE_SETTLED: 'mission',
  PAYOUT_SENT: 'payouts',
  PAYOUT_FAILED: 'payouts',
  RATING_RECEIVED: 'mission',
  RATING_PUBLISHED: 'mission',
  IDENTITY_APPROVED: 'identity',
  IDENTITY_REJECTED: 'identity',
  REPORT_OUTCOME: 'account',
  SUSPENSION: 'account',
  INVOICE_MISSING: 'account',
  PAYMENT_RECEIPT: 'mission',
  DAC7_DETAILS_REQUESTED: 'account',
  DAC7_DETAILS_REMINDER: 'account',
  DAC7_PAYOUTS_HELD: 'payouts',
  DAC7_PAYOUTS_RELEASED: 'payouts',
  RATING_HIDDEN: 'mission',
  TAX_THRESHOLD_ALERT: 'account',
  INVOICE_AWAITS_VAT_NUMBER: 'mission',
  INVOICE_CONTESTED: 'mission',
  INVOICE_REISSUED: 'mission',
  INVOICE_ACCEPTED: 'mission',
  CREDIT_NOTE_ISSUED: 'mission',
  MODERATION_DECISION: 'decisions',
  MODERATION_CONTEST_DECIDED: 'decisions',
  DATA_EXPORT_READY: 'account',
};

/** The path of the page a notice opens, in the web app at PUBLIC_APP_URL. */
export function pageOf(notice: { kind: NoticeKind; missionId?: string | null; conversationId?: string | null }): string {
  switch (PAGES[notice.kind]) {
    case 'conversation':
      return notice.conversationId ? `/conversations/${notice.conversationId}` : '/conversations';
    case 'mission':
      return notice.missionId ? `/missions/${notice.missionId}` : '/missions';
    case 'payouts':
      return '/payouts';
    case 'identity':
      return '/identity';
    case 'account':
      return '/account';
    case 'decisions':
      return '/moderation-decisions';
  }
}

/** The author of a rating is the other party: `role` is the one the subject was rated in. */
const raterOf = (f: FactReader) => f.oneOf('role', { PROVIDER: f.text('clientName'), CLIENT: f.text('providerName') });

/** What a provider must do before the platform can invoice in their name: one step per fact that is not `OK`. */
const stepsOf = (f: FactReader, steps: { mandate: Record<string, string>; siret: string; billingAddress: string }) =>
  [
    f.oneOf('mandate', steps.mandate),
    f.oneOf('siret', { MISSING: steps.siret }),
    f.oneOf('billingAddress', { MISSING: steps.billingAddress }),
  ]
    .filter(Boolean)
    .join(' ; ');

/**
 * What a statement of reasons says, in one language: what was decided, how automated, what the
 * decision was about and what to do next, how to contest, what a reversal undid, and the redress
 * beyond the contest. The statement is the only notice its user gets of the decision, so it also
 * says what the notices it replaced said (the mission, a settlement's outcome, what is missing).
 */
export interface StatementWords {
  /** What each part of a statement is, without the colon (`colon` is the language's: " :" in French). */
  labels: {
    decision: string;
    date: string;
    facts: string;
    ground: string;
    /** "conditions d'utilisation, article": before the clause. */
    terms: string;
    automation: string;
    contestableUntil: string;
  };
  colon: string;
  decided: Record<string, string>;
  automation: Record<string, string>;
  /** The sentences of what it was about, from the facts the deciding domain added (each empty when its fact is absent). */
  about: (f: FactReader) => string[];
  /** What the user can do, or can no longer do, now: one sentence per kind. */
  next: Record<string, string>;
  contest: (f: FactReader) => string;
  undone: Record<string, string>;
  redress: string;
  /** The ground is kept in both languages (`groundFr`, `groundEn`) as it read when the decision was taken. */
  groundKey: 'groundFr' | 'groundEn';
}

/** A labelled sentence ("Mission : « … ».") when the fact is there, else nothing. */
const sentence = (label: string, value: string) => (value ? `${label} ${value}.` : '');

/** How a dispute was settled (`resolution`, `refundCents`), for its notice and its statement. */
const FRENCH_SETTLEMENTS = (f: FactReader) => ({
  PAY_PROVIDER: 'le prestataire est payé',
  REFUND_CLIENT: 'le client est remboursé',
  SPLIT: `${f.money('refundCents')} remboursés au client, le reste versé au prestataire`,
});

const ENGLISH_SETTLEMENTS = (f: FactReader) => ({
  PAY_PROVIDER: 'the provider is paid',
  REFUND_CLIENT: 'the client is refunded',
  SPLIT: `${f.money('refundCents')} refunded to the client, the rest paid to the provider`,
});

const statementLine = (f: FactReader, words: StatementWords) =>
  [
    `${words.labels.decision}${words.colon} ${f.oneOf('decisionKind', words.decided)}.`,
    ...words.about(f),
    `${words.labels.facts}${words.colon} ${f.text('facts')} — ${words.labels.ground}${words.colon} ${words.labels.terms} ${f.text('clause')} (v${f.text('groundVersion')}), ${f.text(words.groundKey)} ` +
      `${f.oneOf('automation', words.automation)}.`,
    f.oneOf('decisionKind', words.next),
    words.contest(f),
    words.redress,
  ]
    .filter(Boolean)
    .join(' ');

const FRENCH_STATEMENT: StatementWords = {
  labels: {
    decision: 'Décision',
    date: 'Date',
    facts: 'Faits',
    ground: 'Fondement',
    terms: "conditions d'utilisation, article",
    automation: 'Moyens automatisés',
    contestableUntil: "Contestable jusqu'au",
  },
  colon: ' :',
  decided: {
    IDENTITY_REJECTED: "votre vérification d'identité est refusée",
    CONTENT_HIDDEN: 'un de vos contenus (mission, note ou message) est masqué',
    SUSPENSION: 'votre compte est suspendu',
    DISPUTE_SETTLED: 'le litige sur une de vos missions est tranché, en tout ou en partie, contre vous',
    PAYOUT_HELD: 'vos virements sont retenus',
  },
  automation: {
    NONE: 'Décision prise par un modérateur, sans moyen automatisé',
    DETECTION: 'Détectée par un moyen automatisé, décidée par un modérateur',
    FULL: 'Détectée et décidée par un moyen automatisé',
  },
  about: (f) => [
    sentence('Mission :', f.text('missionTitle') && `« ${f.text('missionTitle')} »`),
    sentence('Issue :', f.oneOf('resolution', FRENCH_SETTLEMENTS(f))),
    sentence('Motif :', f.text('reasonFr')),
    sentence('Il manque :', f.text('missing')),
  ],
  next: {
    IDENTITY_REJECTED: 'Vous pouvez envoyer de nouveaux documents.',
    CONTENT_HIDDEN: 'Les autres utilisateurs ne le voient plus.',
    SUSPENSION: 'Vous ne pouvez plus vous connecter ; vos missions ouvertes sont retirées et vos offres en attente déclinées.',
    PAYOUT_HELD: "Complétez vos informations fiscales : vos virements reprendront dès qu'elles seront complètes.",
  },
  contest: (f) =>
    `Vous pouvez contester cette décision une fois, jusqu'au ${f.text('contestableUntil')}, depuis vos décisions de modération ou, même si votre compte est suspendu, par ce lien : ${f.text('contestLink')} ; un autre modérateur la réexaminera.`,
  undone: {
    IDENTITY_REJECTED: 'Envoyez de nouveaux documents : un modérateur les examinera.',
    CONTENT_HIDDEN: 'Votre contenu est de nouveau visible.',
    SUSPENSION:
      'Votre compte est rétabli ; vos missions retirées et vos offres en attente au moment de la suspension ne le sont pas : publiez-les de nouveau si vous le souhaitez.',
    DISPUTE_SETTLED:
      "L'argent déjà remboursé ou versé ne peut pas être repris par la plateforme : faites valoir vos droits auprès de l'autre partie, d'un médiateur ou du tribunal.",
    PAYOUT_HELD: 'Vos virements ne sont plus retenus.',
  },
  redress:
    'Vous pouvez aussi vous adresser à un organisme de règlement extrajudiciaire des litiges certifié (art. 21 du règlement (UE) 2022/2065 sur les services numériques) ou au tribunal compétent.',
  groundKey: 'groundFr',
};

const ENGLISH_STATEMENT: StatementWords = {
  labels: {
    decision: 'Decision',
    date: 'Date',
    facts: 'Facts',
    ground: 'Ground',
    terms: 'terms of use, clause',
    automation: 'Automated means',
    contestableUntil: 'Contestable until',
  },
  colon: ':',
  decided: {
    IDENTITY_REJECTED: 'your identity verification is rejected',
    CONTENT_HIDDEN: 'one of your missions, ratings or messages is hidden',
    SUSPENSION: 'your account is suspended',
    DISPUTE_SETTLED: 'the dispute on one of your missions is settled against you, in whole or in part',
    PAYOUT_HELD: 'your payouts are held',
  },
  automation: {
    NONE: 'Decided by a moderator, with no automated means',
    DETECTION: 'Detected by automated means, decided by a moderator',
    FULL: 'Detected and decided by automated means',
  },
  about: (f) => [
    sentence('Mission:', f.text('missionTitle') && `"${f.text('missionTitle')}"`),
    sentence('Outcome:', f.oneOf('resolution', ENGLISH_SETTLEMENTS(f))),
    sentence('Reason:', f.text('reasonEn')),
    sentence('Missing:', f.text('missing')),
  ],
  next: {
    IDENTITY_REJECTED: 'You can send new documents.',
    CONTENT_HIDDEN: 'Other users no longer see it.',
    SUSPENSION: 'You can no longer sign in; your open missions are withdrawn and your pending bids declined.',
    PAYOUT_HELD: 'Complete your tax details: your payouts resume as soon as they are complete.',
  },
  contest: (f) =>
    `You may contest this decision once, until ${f.text('contestableUntil')}, from your moderation decisions or, even if your account is suspended, at this link: ${f.text('contestLink')}; another moderator will review it.`,
  undone: {
    IDENTITY_REJECTED: 'Send new documents: a moderator will look at them.',
    CONTENT_HIDDEN: 'Your content is visible again.',
    SUSPENSION:
      'Your account is restored; the missions withdrawn and the bids pending when it was suspended are not: post them again if you wish.',
    DISPUTE_SETTLED:
      'Money already refunded or paid out cannot be taken back by the platform: you may claim your rights from the other party, a mediator or the courts.',
    PAYOUT_HELD: 'Your payouts are no longer held.',
  },
  redress:
    'You may also turn to a certified out-of-court dispute settlement body (art. 21 of Regulation (EU) 2022/2065, the Digital Services Act) or to the competent court.',
  groundKey: 'groundEn',
};

/** The words of statements of reasons, for their notices and for the contest page. */
export const STATEMENT_WORDS: Record<Locale, StatementWords> = { [Locale.FR]: FRENCH_STATEMENT, [Locale.EN]: ENGLISH_STATEMENT };

const FRENCH: Record<NoticeKind, NoticeText> = {
  NEW_QUESTION: {
    subject: (f) => `Nouvelle question sur « ${f.text('missionTitle')} »`,
    line: (f) => `${f.text('senderName')} pose une question sur « ${f.text('missionTitle')} » : ${f.text('excerpt')}`,
    action: 'Répondre',
  },
  NEW_MESSAGE: {
    subject: (f) => `Nouveau message de ${f.text('senderName')}`,
    line: (f) => `${f.text('senderName')} vous a écrit à propos de « ${f.text('missionTitle')} » : ${f.text('excerpt')}`,
    action: 'Lire la conversation',
  },
  MESSAGE_HIDDEN: {
    subject: () => 'Un de vos messages a été masqué',
    line: (f) => `Un modérateur a masqué votre message sur « ${f.text('missionTitle')} ». Motif : ${f.text('reason')}`,
    action: 'Voir la conversation',
  },
  NEW_BID: {
    subject: (f) => `Nouvelle offre sur « ${f.text('missionTitle')} »`,
    line: (f) => `${f.text('providerName')} propose ${f.money('amountCents')} pour « ${f.text('missionTitle')} ».`,
    action: 'Voir les offres',
  },
  BID_ACCEPTED: {
    subject: (f) => `Votre offre sur « ${f.text('missionTitle')} » est acceptée`,
    line: (f) =>
      `${f.text('clientName')} a accepté votre offre de ${f.money('amountCents')} pour « ${f.text('missionTitle')} ». ` +
      'Vous pourrez commencer dès que le paiement sera reçu.',
    action: 'Voir la mission',
  },
  BID_DECLINED: {
    subject: (f) => `Votre offre sur « ${f.text('missionTitle')} » n'a pas été retenue`,
    line: (f) => `Votre offre sur « ${f.text('missionTitle')} » n'a pas été retenue.`,
    action: 'Voir la mission',
  },
  BID_EXPIRED: {
    subject: (f) => `Votre offre sur « ${f.text('missionTitle')} » a expiré`,
    line: (f) =>
      `L'acceptation de votre offre sur « ${f.text('missionTitle')} » a expiré : le client n'a pas payé à temps. La mission est de nouveau ouverte aux offres.`,
    action: 'Voir la mission',
  },
  PAYMENT_RECEIVED: {
    subject: (f) => `Paiement reçu pour « ${f.text('missionTitle')} »`,
    line: (f) =>
      `Le client a payé ${f.money('amountCents')} pour « ${f.text('missionTitle')} » : la somme est bloquée jusqu'à la fin de la mission, vous pouvez commencer.`,
    action: 'Voir la mission',
  },
  MISSION_DELIVERED: {
    subject: (f) => `« ${f.text('missionTitle')} » est livrée`,
    line: (f) =>
      `${f.text('providerName')} a livré « ${f.text('missionTitle')} ». Confirmez la livraison, ou ouvrez un litige, avant qu'elle ne soit confirmée d'elle-même.`,
    action: 'Confirmer ou contester',
  },
  MISSION_COMPLETED: {
    subject: (f) => `« ${f.text('missionTitle')} » est terminée`,
    line: (f) => `La mission « ${f.text('missionTitle')} » est terminée. Vous pouvez maintenant noter l'autre partie.`,
    action: 'Noter',
  },
  MISSION_DISPUTED: {
    subject: (f) => `Litige ouvert sur « ${f.text('missionTitle')} »`,
    line: (f) =>
      `${f.text('clientName')} conteste la livraison de « ${f.text('missionTitle')} » : ${f.text('reason')}. Un modérateur va trancher.`,
    action: 'Voir la mission',
  },
  DISPUTE_SETTLED: {
    subject: (f) => `Litige tranché sur « ${f.text('missionTitle')} »`,
    line: (f) =>
      `Un modérateur a tranché le litige sur « ${f.text('missionTitle')} » : ${f.oneOf('resolution', FRENCH_SETTLEMENTS(f))}. ${f.text('note')}`,
    action: 'Voir la mission',
  },
  PAYOUT_SENT: {
    subject: (f) => `Virement de ${f.money('amountCents')} envoyé`,
    line: (f) =>
      `Le virement de ${f.money('amountCents')} pour « ${f.text('missionTitle')} » est parti vers votre compte bancaire. ${taxObligationsLine('fr')}`,
    action: 'Voir mes virements',
  },
  PAYOUT_FAILED: {
    subject: (f) => `Le virement de ${f.money('amountCents')} a échoué`,
    line: (f) =>
      `Le virement de ${f.money('amountCents')} pour « ${f.text('missionTitle')} » a échoué. Vérifiez vos coordonnées bancaires : il sera relancé.`,
    action: 'Voir mes virements',
  },
  RATING_RECEIVED: {
    subject: (f) => `${raterOf(f)} vous a noté`,
    line: (f) =>
      `${raterOf(f)} vous a noté pour « ${f.text('missionTitle')} ». La note restera cachée jusqu'à ce que vous notiez à votre tour, ou jusqu'à la fin du délai.`,
    action: 'Noter à mon tour',
  },
  RATING_PUBLISHED: {
    subject: (f) => `Une note sur « ${f.text('missionTitle')} » est publiée`,
    line: (f) => `La note que vous avez reçue pour « ${f.text('missionTitle')} » est publiée.`,
    action: 'Voir la note',
  },
  IDENTITY_APPROVED: {
    subject: () => 'Votre identité est vérifiée',
    line: () => 'Votre identité est vérifiée : vos offres portent désormais le badge « identité vérifiée ».',
    action: 'Voir mon profil',
  },
  IDENTITY_REJECTED: {
    subject: () => "Votre vérification d'identité est refusée",
    line: (f) => `Votre vérification d'identité est refusée. Motif : ${f.text('reason')}. Vous pouvez envoyer de nouveaux documents.`,
    action: 'Envoyer de nouveaux documents',
  },
  REPORT_OUTCOME: {
    subject: () => 'Votre signalement a été traité',
    line: (f) =>
      `Un modérateur a examiné votre signalement ${f.oneOf('target', {
        MISSION: "d'une mission",
        RATING: "d'une note",
        USER: "d'un utilisateur",
        MESSAGE: "d'un message",
      })} : ${f.oneOf('outcome', {
        ACTIONED: 'des mesures ont été prises',
        DISMISSED: "il n'a pas relevé d'infraction aux règles",
      })}. Merci de nous aider à garder la plateforme sûre.`,
    action: 'Voir mon compte',
  },
  SUSPENSION: {
    subject: () => 'Votre compte est suspendu',
    line: (f) => `Votre compte est suspendu par un modérateur. Motif : ${f.text('reason')}`,
    action: "Voir l'aide",
  },
  INVOICE_MISSING: {
    subject: (f) => `« ${f.text('missionTitle')} » : aucune facture émise, voici ce qui manque`,
    line: (f) =>
      `La mission « ${f.text('missionTitle')} » est terminée sans facture de la plateforme : facturez vous-même ${f.text('clientName')} (${f.money('amountCents')}). ` +
      `Pour que la plateforme facture les prochaines en votre nom : ${stepsOf(f, {
        mandate: {
          MISSING: 'acceptez le mandat de facturation',
          REVOKED: 'vous avez révoqué votre mandat de facturation, acceptez-le de nouveau',
        },
        siret: 'ajoutez votre numéro SIRET à votre profil de prestataire',
        billingAddress: 'indiquez votre nom et votre adresse professionnelle dans votre profil de facturation',
      })}.${f.oneOf('feeInvoice', { MISSING: " La facture de nos frais de service attend aussi ces informations : elle vous sera adressée dès qu'elles seront complètes." })}`,
    action: 'Compléter mon compte',
  },
  PAYMENT_RECEIPT: {
    subject: (f) => `Votre reçu de paiement pour « ${f.text('missionTitle')} »`,
    line: (f) =>
      `Votre reçu de paiement de ${f.money('amountCents')} pour « ${f.text('missionTitle')} » est disponible. Ce n'est pas une facture : ` +
      `${f.text('providerName')} n'a pas permis à la plateforme de facturer en son nom, demandez-lui sa facture.`,
    action: 'Voir le reçu',
  },
  DAC7_DETAILS_REQUESTED: {
    subject: () => 'Complétez vos informations fiscales (DAC7)',
    line: (f) =>
      `La plateforme doit déclarer chaque année vos revenus à l'administration fiscale (DAC7). Il manque : ${f.text('missing')}. ` +
      `Sans elles, vos virements seront suspendus à partir du ${f.text('holdOn')}.`,
    action: 'Compléter mes informations',
  },
  DAC7_DETAILS_REMINDER: {
    subject: (f) => `Rappel ${f.text('reminder')} sur 2 : vos informations fiscales (DAC7) sont incomplètes`,
    line: (f) => `Il manque toujours : ${f.text('missing')}. Sans elles, vos virements seront suspendus à partir du ${f.text('holdOn')}.`,
    action: 'Compléter mes informations',
  },
  DAC7_PAYOUTS_HELD: {
    subject: () => 'Vos virements sont suspendus',
    line: (f) =>
      `Après deux rappels, vos informations fiscales (DAC7) sont toujours incomplètes (${f.text('missing')}) : vos virements sont suspendus ` +
      "jusqu'à ce qu'elles soient complètes. Décision automatique.",
    action: 'Compléter mes informations',
  },
  DAC7_PAYOUTS_RELEASED: {
    subject: () => 'Vos virements reprennent',
    line: () => 'Vos informations fiscales (DAC7) sont complètes : vos virements suspendus sont envoyés.',
    action: 'Voir mes virements',
  },
  RATING_HIDDEN: {
    subject: () => 'Un de vos avis a été masqué',
    line: (f) => `Un modérateur a masqué votre avis sur « ${f.text('missionTitle')} ». Motif : ${f.text('reasonFr')}`,
    action: 'Voir la mission',
  },
  TAX_THRESHOLD_ALERT: {
    subject: (f) =>
      `Franchise de TVA ${f.text('year')} : ` +
      f.oneOf('alert', {
        BASE_80: '80 % du seuil atteints',
        BASE_90: '90 % du seuil atteints',
        BASE_100: 'seuil atteint',
        MAJORE_NEAR: 'seuil majoré bientôt dépassé',
        MAJORE_CROSSED: "terminée, la TVA s'applique",
      }),
    line: (f) =>
      `Votre chiffre d'affaires ${f.text('year')} encaissé est de ${f.money('revenueCents')}. ` +
      f.oneOf('alert', {
        BASE_80: `C'est 80 % du seuil de franchise de TVA (${f.money('thresholdCents')}) : au-delà, plus de franchise l'an prochain.`,
        BASE_90: `C'est 90 % du seuil de franchise de TVA (${f.money('thresholdCents')}) : au-delà, plus de franchise l'an prochain.`,
        BASE_100: `Vous avez atteint le seuil de franchise de TVA (${f.money('thresholdCents')}) : au-delà, vous n'aurez plus la franchise au 1er janvier prochain.`,
        MAJORE_NEAR: `Le seuil majoré (${f.money('thresholdCents')}) est proche : le jour où vous le dépassez, la TVA est due et vos factures devront la facturer.`,
        MAJORE_CROSSED: `Vous avez dépassé le seuil majoré (${f.money('thresholdCents')}) : la franchise de TVA a pris fin le ${f.text('franchiseEndedOn')}. Vos prochaines factures attendent votre numéro de TVA (profil fiscal, statut « redevable »).`,
      }),
    action: 'Voir mes seuils',
  },
  INVOICE_AWAITS_VAT_NUMBER: {
    subject: (f) => `« ${f.text('missionTitle')} » : la facture attend votre numéro de TVA`,
    line: (f) =>
      `Votre franchise de TVA a pris fin : la facture de « ${f.text('missionTitle')} » (${f.money('amountCents')}) ` +
      `sera émise avec TVA dès que votre profil fiscal sera « redevable » avec votre numéro de TVA.`,
    action: 'Compléter mon profil fiscal',
  },
  INVOICE_CONTESTED: {
    subject: (f) => `La facture ${f.text('invoiceNumber')} est contestée par le prestataire`,
    line: (f) =>
      `Le prestataire conteste la facture ${f.text('invoiceNumber')} de « ${f.text('missionTitle')} » : ${f.text('reason')}. ` +
      'Une facture corrigée vous sera adressée si elle est rectifiée ; vous n’avez rien à payer de plus.',
    action: 'Voir la mission',
  },
  INVOICE_REISSUED: {
    subject: (f) => `La facture ${f.text('invoiceNumber')} est annulée et remplacée`,
    line: (f) =>
      `La facture ${f.text('invoiceNumber')} de « ${f.text('missionTitle')} » est annulée par l'avoir ${f.text('creditNoteNumber')}` +
      `${f.oneOf('replaced', { YES: ` et remplacée par la facture ${f.text('newInvoiceNumber')}` })}. Vos documents sont à jour.`,
    action: 'Voir les factures',
  },
  INVOICE_ACCEPTED: {
    subject: (f) => `La facture ${f.text('invoiceNumber')} est acceptée`,
    line: (f) =>
      `Le délai de contestation de la facture ${f.text('invoiceNumber')} de « ${f.text('missionTitle')} » est écoulé : elle est acceptée tacitement, comme le prévoit votre mandat de facturation.`,
    action: 'Voir la facture',
  },
  CREDIT_NOTE_ISSUED: {
    subject: (f) => `Avoir ${f.text('creditNoteNumber')} sur la facture ${f.text('invoiceNumber')}`,
    line: (f) =>
      `L'avoir ${f.text('creditNoteNumber')} de ${f.money('amountCents')} est émis sur la facture ${f.text('invoiceNumber')} ` +
      `${f.oneOf('onFee', { YES: 'de nos frais de service ', NO: '' })}pour « ${f.text('missionTitle')} ».`,
    action: "Voir l'avoir",
  },
  MODERATION_DECISION: {
    subject: (f) => `Décision de modération : ${f.oneOf('decisionKind', FRENCH_STATEMENT.decided)}`,
    line: (f) => statementLine(f, FRENCH_STATEMENT),
    action: 'Voir ou contester la décision',
  },
  MODERATION_CONTEST_DECIDED: {
    subject: (f) => `Votre contestation est ${f.oneOf('outcome', { UPHELD: 'rejetée', REVERSED: 'acceptée' })}`,
    line: (f) =>
      `Un autre modérateur a réexaminé la décision (${f.oneOf('decisionKind', FRENCH_STATEMENT.decided)}) : ${f.oneOf('outcome', {
        UPHELD: 'elle est maintenue',
        REVERSED: 'elle est annulée',
      })}. Motif : ${f.text('reason')}. ${f.oneOf('outcome', { UPHELD: FRENCH_STATEMENT.redress, REVERSED: f.oneOf('decisionKind', FRENCH_STATEMENT.undone) })}`,
    action: 'Voir mes décisions de modération',
  },
  DATA_EXPORT_READY: {
    subject: () => 'Vos données sont prêtes à télécharger',
    line: () =>
      "L'archive de vos données que vous avez demandée est prête : téléchargez-la depuis votre compte dans les 24 heures, ensuite elle est supprimée.",
    action: 'Télécharger mes données',
  },
};

const ENGLISH: Record<NoticeKind, NoticeText> = {
  NEW_QUESTION: {
    subject: (f) => `New question about "${f.text('missionTitle')}"`,
    line: (f) => `${f.text('senderName')} asks about "${f.text('missionTitle')}": ${f.text('excerpt')}`,
    action: 'Answer',
  },
  NEW_MESSAGE: {
    subject: (f) => `New message from ${f.text('senderName')}`,
    line: (f) => `${f.text('senderName')} wrote to you about "${f.text('missionTitle')}": ${f.text('excerpt')}`,
    action: 'Read the conversation',
  },
  MESSAGE_HIDDEN: {
    subject: () => 'One of your messages was hidden',
    line: (f) => `A moderator hid your message about "${f.text('missionTitle')}". Reason: ${f.text('reason')}`,
    action: 'See the conversation',
  },
  NEW_BID: {
    subject: (f) => `New bid on "${f.text('missionTitle')}"`,
    line: (f) => `${f.text('providerName')} offers ${f.money('amountCents')} for "${f.text('missionTitle')}".`,
    action: 'See the bids',
  },
  BID_ACCEPTED: {
    subject: (f) => `Your bid on "${f.text('missionTitle')}" is accepted`,
    line: (f) =>
      `${f.text('clientName')} accepted your bid of ${f.money('amountCents')} for "${f.text('missionTitle')}". ` +
      'You can start once the payment is received.',
    action: 'See the mission',
  },
  BID_DECLINED: {
    subject: (f) => `Your bid on "${f.text('missionTitle')}" was not chosen`,
    line: (f) => `Your bid on "${f.text('missionTitle')}" was not chosen.`,
    action: 'See the mission',
  },
  BID_EXPIRED: {
    subject: (f) => `Your bid on "${f.text('missionTitle')}" expired`,
    line: (f) =>
      `The acceptance of your bid on "${f.text('missionTitle')}" expired: the client did not pay in time. The mission is open to bids again.`,
    action: 'See the mission',
  },
  PAYMENT_RECEIVED: {
    subject: (f) => `Payment received for "${f.text('missionTitle')}"`,
    line: (f) =>
      `The client paid ${f.money('amountCents')} for "${f.text('missionTitle')}": it is held until the mission ends, you can start.`,
    action: 'See the mission',
  },
  MISSION_DELIVERED: {
    subject: (f) => `"${f.text('missionTitle')}" is delivered`,
    line: (f) =>
      `${f.text('providerName')} delivered "${f.text('missionTitle')}". Confirm the delivery, or open a dispute, before it is confirmed by itself.`,
    action: 'Confirm or dispute',
  },
  MISSION_COMPLETED: {
    subject: (f) => `"${f.text('missionTitle')}" is completed`,
    line: (f) => `The mission "${f.text('missionTitle')}" is completed. You can now rate the other side.`,
    action: 'Rate',
  },
  MISSION_DISPUTED: {
    subject: (f) => `Dispute opened on "${f.text('missionTitle')}"`,
    line: (f) =>
      `${f.text('clientName')} disputes the delivery of "${f.text('missionTitle')}": ${f.text('reason')}. A moderator will settle it.`,
    action: 'See the mission',
  },
  DISPUTE_SETTLED: {
    subject: (f) => `Dispute settled on "${f.text('missionTitle')}"`,
    line: (f) =>
      `A moderator settled the dispute on "${f.text('missionTitle')}": ${f.oneOf('resolution', ENGLISH_SETTLEMENTS(f))}. ${f.text('note')}`,
    action: 'See the mission',
  },
  PAYOUT_SENT: {
    subject: (f) => `Payout of ${f.money('amountCents')} sent`,
    line: (f) =>
      `The payout of ${f.money('amountCents')} for "${f.text('missionTitle')}" is on its way to your bank account. ${taxObligationsLine('en')}`,
    action: 'See my payouts',
  },
  PAYOUT_FAILED: {
    subject: (f) => `The payout of ${f.money('amountCents')} failed`,
    line: (f) =>
      `The payout of ${f.money('amountCents')} for "${f.text('missionTitle')}" failed. Check your bank details: it will be retried.`,
    action: 'See my payouts',
  },
  RATING_RECEIVED: {
    subject: (f) => `${raterOf(f)} rated you`,
    line: (f) =>
      `${raterOf(f)} rated you for "${f.text('missionTitle')}". The rating stays hidden until you rate back, or until the window closes.`,
    action: 'Rate back',
  },
  RATING_PUBLISHED: {
    subject: (f) => `A rating on "${f.text('missionTitle')}" is published`,
    line: (f) => `The rating you received for "${f.text('missionTitle')}" is published.`,
    action: 'See the rating',
  },
  IDENTITY_APPROVED: {
    subject: () => 'Your identity is verified',
    line: () => 'Your identity is verified: your bids now carry the "identity verified" badge.',
    action: 'See my profile',
  },
  IDENTITY_REJECTED: {
    subject: () => 'Your identity verification was rejected',
    line: (f) => `Your identity verification was rejected. Reason: ${f.text('reason')}. You can send new documents.`,
    action: 'Send new documents',
  },
  REPORT_OUTCOME: {
    subject: () => 'Your report was dealt with',
    line: (f) =>
      `A moderator reviewed your report ${f.oneOf('target', {
        MISSION: 'of a mission',
        RATING: 'of a rating',
        USER: 'of a user',
        MESSAGE: 'of a message',
      })}: ${f.oneOf('outcome', {
        ACTIONED: 'action was taken',
        DISMISSED: 'it found no breach of the rules',
      })}. Thank you for helping keep the platform safe.`,
    action: 'See my account',
  },
  SUSPENSION: {
    subject: () => 'Your account is suspended',
    line: (f) => `A moderator suspended your account. Reason: ${f.text('reason')}`,
    action: 'See the help',
  },
  INVOICE_MISSING: {
    subject: (f) => `"${f.text('missionTitle')}": no invoice issued, here is what is missing`,
    line: (f) =>
      `The mission "${f.text('missionTitle')}" completed without an invoice from the platform: invoice ${f.text('clientName')} (${f.money('amountCents')}) yourself. ` +
      `For the platform to invoice the next ones in your name: ${stepsOf(f, {
        mandate: { MISSING: 'accept the billing mandate', REVOKED: 'you revoked your billing mandate, accept it again' },
        siret: 'add your SIRET to your provider profile',
        billingAddress: 'give your name and business address in your billing profile',
      })}.${f.oneOf('feeInvoice', { MISSING: ' The invoice of our service fee waits for them too: it is sent to you as soon as they are complete.' })}`,
    action: 'Complete my account',
  },
  PAYMENT_RECEIPT: {
    subject: (f) => `Your payment receipt for "${f.text('missionTitle')}"`,
    line: (f) =>
      `Your payment receipt of ${f.money('amountCents')} for "${f.text('missionTitle')}" is ready. It is not an invoice: ` +
      `${f.text('providerName')} did not let the platform invoice in their name, ask them for their invoice.`,
    action: 'See the receipt',
  },
  DAC7_DETAILS_REQUESTED: {
    subject: () => 'Complete your tax details (DAC7)',
    line: (f) =>
      `The platform must report your earnings to the tax administration every year (DAC7). Missing: ${f.text('missing')}. ` +
      `Without them, your payouts will be held from ${f.text('holdOn')}.`,
    action: 'Complete my details',
  },
  DAC7_DETAILS_REMINDER: {
    subject: (f) => `Reminder ${f.text('reminder')} of 2: your tax details (DAC7) are incomplete`,
    line: (f) => `Still missing: ${f.text('missing')}. Without them, your payouts will be held from ${f.text('holdOn')}.`,
    action: 'Complete my details',
  },
  DAC7_PAYOUTS_HELD: {
    subject: () => 'Your payouts are held',
    line: (f) =>
      `After two reminders, your tax details (DAC7) are still incomplete (${f.text('missing')}): your payouts are held until they are complete. An automated decision.`,
    action: 'Complete my details',
  },
  DAC7_PAYOUTS_RELEASED: {
    subject: () => 'Your payouts resume',
    line: () => 'Your tax details (DAC7) are complete: your held payouts are on their way.',
    action: 'See my payouts',
  },
  RATING_HIDDEN: {
    subject: () => 'One of your ratings was hidden',
    line: (f) => `A moderator hid your rating about "${f.text('missionTitle')}". Reason: ${f.text('reasonEn')}`,
    action: 'See the mission',
  },
  TAX_THRESHOLD_ALERT: {
    subject: (f) =>
      `VAT franchise ${f.text('year')}: ` +
      f.oneOf('alert', {
        BASE_80: '80 % of the threshold reached',
        BASE_90: '90 % of the threshold reached',
        BASE_100: 'threshold reached',
        MAJORE_NEAR: 'the higher threshold is near',
        MAJORE_CROSSED: 'over, VAT now applies',
      }),
    line: (f) =>
      `Your revenue received in ${f.text('year')} is ${f.money('revenueCents')}. ` +
      f.oneOf('alert', {
        BASE_80: `That is 80 % of the VAT franchise threshold (${f.money('thresholdCents')}): above it, no franchise next year.`,
        BASE_90: `That is 90 % of the VAT franchise threshold (${f.money('thresholdCents')}): above it, no franchise next year.`,
        BASE_100: `You reached the VAT franchise threshold (${f.money('thresholdCents')}): above it, you lose the franchise on 1 January.`,
        MAJORE_NEAR: `The higher threshold (${f.money('thresholdCents')}) is near: the day you go over it, VAT is due and your invoices must charge it.`,
        MAJORE_CROSSED: `You went over the higher threshold (${f.money('thresholdCents')}): your VAT franchise ended on ${f.text('franchiseEndedOn')}. Your next invoices wait for your VAT number (tax profile, status LIABLE).`,
      }),
    action: 'See my thresholds',
  },
  INVOICE_AWAITS_VAT_NUMBER: {
    subject: (f) => `"${f.text('missionTitle')}": the invoice waits for your VAT number`,
    line: (f) =>
      `Your VAT franchise ended: the invoice of "${f.text('missionTitle')}" (${f.money('amountCents')}) ` +
      `will be issued with VAT as soon as your tax profile is LIABLE with your VAT number.`,
    action: 'Complete my tax profile',
  },
  INVOICE_CONTESTED: {
    subject: (f) => `Invoice ${f.text('invoiceNumber')} is contested by the provider`,
    line: (f) =>
      `The provider contests invoice ${f.text('invoiceNumber')} for "${f.text('missionTitle')}": ${f.text('reason')}. ` +
      'A corrected invoice will be sent to you if it is corrected; you have nothing more to pay.',
    action: 'See the mission',
  },
  INVOICE_REISSUED: {
    subject: (f) => `Invoice ${f.text('invoiceNumber')} is cancelled and replaced`,
    line: (f) =>
      `Invoice ${f.text('invoiceNumber')} for "${f.text('missionTitle')}" is cancelled by credit note ${f.text('creditNoteNumber')}` +
      `${f.oneOf('replaced', { YES: ` and replaced by invoice ${f.text('newInvoiceNumber')}` })}. Your documents are up to date.`,
    action: 'See the invoices',
  },
  INVOICE_ACCEPTED: {
    subject: (f) => `Invoice ${f.text('invoiceNumber')} is accepted`,
    line: (f) =>
      `The contest window of invoice ${f.text('invoiceNumber')} for "${f.text('missionTitle')}" has closed: it is accepted tacitly, as your billing mandate provides.`,
    action: 'See the invoice',
  },
  CREDIT_NOTE_ISSUED: {
    subject: (f) => `Credit note ${f.text('creditNoteNumber')} on invoice ${f.text('invoiceNumber')}`,
    line: (f) =>
      `Credit note ${f.text('creditNoteNumber')} of ${f.money('amountCents')} is issued on ` +
      `${f.oneOf('onFee', { YES: 'our service fee invoice', NO: 'invoice' })} ${f.text('invoiceNumber')} for "${f.text('missionTitle')}".`,
    action: 'See the credit note',
  },
  MODERATION_DECISION: {
    subject: (f) => `Moderation decision: ${f.oneOf('decisionKind', ENGLISH_STATEMENT.decided)}`,
    line: (f) => statementLine(f, ENGLISH_STATEMENT),
    action: 'See or contest the decision',
  },
  MODERATION_CONTEST_DECIDED: {
    subject: (f) => `Your contest is ${f.oneOf('outcome', { UPHELD: 'rejected', REVERSED: 'accepted' })}`,
    line: (f) =>
      `Another moderator reviewed the decision (${f.oneOf('decisionKind', ENGLISH_STATEMENT.decided)}): ${f.oneOf('outcome', {
        UPHELD: 'it stands',
        REVERSED: 'it is reversed',
      })}. Reason: ${f.text('reason')}. ${f.oneOf('outcome', { UPHELD: ENGLISH_STATEMENT.redress, REVERSED: f.oneOf('decisionKind', ENGLISH_STATEMENT.undone) })}`,
    action: 'See my moderation decisions',
  },
  DATA_EXPORT_READY: {
    subject: () => 'Your data is ready to download',
    line: () => 'The archive of your data you asked for is ready: download it from your account within 24 hours, then it is deleted.',
    action: 'Download my data',
  },
};

export const NOTICE_TEXTS: Record<Locale, Record<NoticeKind, NoticeText>> = { [Locale.FR]: FRENCH, [Locale.EN]: ENGLISH };

/** The facts read in the reader's language: amounts in euros as they write them. */
export function factReader(locale: Locale, facts: NoticeFacts): FactReader {
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  return {
    text: (key) => String(facts[key] ?? ''),
    money: (key) => euros.format(Number(facts[key] ?? 0) / 100),
    oneOf: (key, texts) => texts[String(facts[key])] ?? '',
  };
}

/** The line a notification shows in the app. */
export function noticeLine(kind: NoticeKind, locale: Locale, facts: NoticeFacts): string {
  return NOTICE_TEXTS[locale][kind].line(factReader(locale, facts));
}
