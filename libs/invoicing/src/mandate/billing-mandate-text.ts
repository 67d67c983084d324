/**
 * The billing mandate's texts, one entry per version, compiled into the build (docs/billing-mandate.md
 * shows the same text; a unit test keeps the two equal). A changed text is a new version: providers
 * accept it anew, and what they accepted stays readable. The contest window is part of the text:
 * each version is written with the window docs/billing-mandate.md shows, and offered with another
 * one (INVOICE_CONTEST_DAYS) it is another version, whose string says so (`2026-12-01+14d`).
 */
export interface BillingMandateVersion {
  version: string;
  /** Days after an invoice's issue during which the provider may contest it; part of what they accept. */
  contestDays: number;
  fr: string;
  en: string;
}

/** What a version's text is written with: its version string and its contest window in words. */
interface MandateWording {
  version: string;
  window: { fr: string; en: string };
}

interface BillingMandateTemplate {
  version: string;
  /** The window the version is written with in docs/billing-mandate.md. */
  contestDays: number;
  fr: (wording: MandateWording) => string;
  en: (wording: MandateWording) => string;
}

const TEMPLATES: readonly BillingMandateTemplate[] = [
  {
    version: '2026-12-01',
    contestDays: 7,
    fr: ({ version, window }) => `Mandat de facturation — version ${version}

1. Objet. Le prestataire (le mandant), entrepreneur individuel, donne mandat à la plateforme (le mandataire) d'émettre matériellement, en son nom et pour son compte, les factures de toutes les missions qu'il réalise et qui sont terminées par l'intermédiaire de la plateforme tant que le présent mandat est en vigueur (article 289 I-2 du code général des impôts et dispositions du code des impositions sur les biens et services qui lui succèdent). Le mandat est donné par écrit et avant la première facture ; il est à durée indéterminée.
2. Responsabilité. Le prestataire conserve l'entière responsabilité de ses obligations de facturation et de leurs conséquences au regard de la TVA, notamment de son régime de franchise en base.
3. Acceptation et contestation. Chaque facture est mise à la disposition du prestataire dès son émission. Il peut en contester le contenu pendant ${window.fr} à compter de son émission ; passé ce délai, elle est réputée acceptée. Une facture contestée est annulée par un avoir et remplacée par une nouvelle facture, que la plateforme émet au titre du présent mandat.
4. Copies. L'original de chaque facture est adressé au client ; le prestataire en reçoit le double. Il s'engage à réclamer sans délai toute facture dont il n'aurait pas reçu le double.
5. Changements. Le prestataire s'engage à signaler sans délai tout changement de ses données d'identification : nom, adresse, SIREN, activité, et de son régime de TVA (notamment la sortie de la franchise en base).
6. Avoirs. La plateforme émet au titre du présent mandat les avoirs correspondant aux remboursements intervenus après l'émission d'une facture.
7. Numérotation. Les factures émises au titre du présent mandat forment une série distincte, chronologique et continue, propre au prestataire.
8. Administration. Le présent mandat peut être présenté à l'administration fiscale à sa demande ; la plateforme en conserve la trace (version, date, heure et adresse IP de l'acceptation) ainsi que les factures pendant dix ans.
9. Révocation. Le prestataire peut révoquer le mandat à tout moment depuis son compte. Les missions terminées après la révocation ne donnent plus lieu à l'émission d'une facture par la plateforme ; le prestataire est averti qu'il lui revient alors de les facturer lui-même.`,
    en: ({ version, window }) => `Billing mandate — version ${version}

1. Purpose. The provider (the principal), a sole trader, mandates the platform (the agent) to issue, in the provider's name and on the provider's behalf, the invoices of every mission the provider carries out and that is completed through the platform while this mandate is in force (article 289 I-2 of the French General Tax Code and the provisions of the Code of taxes on goods and services that succeed it). The mandate is given in writing and before the first invoice; it has no fixed term.
2. Responsibility. The provider keeps full responsibility for their invoicing obligations and their VAT consequences, in particular their VAT franchise status.
3. Acceptance and contest. Each invoice is made available to the provider as soon as it is issued. The provider may contest its content within ${window.en} of its issue; after that it is deemed accepted. A contested invoice is cancelled by a credit note and replaced by a new invoice, which the platform issues under this mandate.
4. Copies. The original of each invoice goes to the client; the provider receives the copy. The provider undertakes to claim at once any invoice whose copy they have not received.
5. Changes. The provider undertakes to report at once any change in their identification data: name, address, SIREN, activity, and in their VAT status (in particular leaving the VAT franchise).
6. Credit notes. The platform issues under this mandate the credit notes for refunds made after an invoice was issued.
7. Numbering. The invoices issued under this mandate form a separate, chronological and continuous series of the provider's own.
8. Tax administration. This mandate may be shown to the tax administration on request; the platform keeps its record (version, date, time and IP address of the acceptance) and the invoices for ten years.
9. Revocation. The provider may revoke the mandate at any time from their account. Missions completed after the revocation no longer get an invoice from the platform; the provider is told that they must then invoice them themselves.`,
  },
];

function rendered(template: BillingMandateTemplate, contestDays: number): BillingMandateVersion {
  const wording: MandateWording = {
    version: contestDays === template.contestDays ? template.version : `${template.version}+${contestDays}d`,
    window: { fr: `${contestDays} ${contestDays === 1 ? 'jour' : 'jours'}`, en: `${contestDays} ${contestDays === 1 ? 'day' : 'days'}` },
  };
  return { version: wording.version, contestDays, fr: template.fr(wording), en: template.en(wording) };
}

/** Every version as docs/billing-mandate.md shows it, with the window it is written with. */
export const BILLING_MANDATE_VERSIONS: readonly BillingMandateVersion[] = TEMPLATES.map((template) =>
  rendered(template, template.contestDays),
);

export const CURRENT_BILLING_MANDATE = BILLING_MANDATE_VERSIONS[BILLING_MANDATE_VERSIONS.length - 1];

/** The newest text with the contest window configured now (INVOICE_CONTEST_DAYS): what billingMandateText offers. */
export function billingMandateOffered(contestDays: number): BillingMandateVersion {
  return rendered(TEMPLATES[TEMPLATES.length - 1], contestDays);
}
