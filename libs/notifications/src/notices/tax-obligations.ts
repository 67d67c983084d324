/**
 * The information on tax and social obligations that CGI art. 242 bis requires a platform to give
 * with every transaction, with links to the administrations' sites (BOFiP lists them; the
 * obligation is met when the messages carry the links legibly). Kept here, below every domain that
 * shows it (payout notices, missions, payouts). Versioned: a change of wording or
 * links is a new version, and what was shown says which one it was.
 */

export interface OfficialLink {
  url: string;
  labelFr: string;
  labelEn: string;
}

export interface TaxObligationsInformation {
  version: string;
  french: string;
  english: string;
  links: OfficialLink[];
}

export const TAX_OBLIGATIONS_INFORMATION: TaxObligationsInformation = {
  version: '2026-12-01',
  french:
    'Les revenus perçus par la plateforme sont imposables et soumis à cotisations sociales : déclarez votre chiffre ' +
    "d'affaires à l'Urssaf chaque mois ou chaque trimestre, même nul, et vos revenus à l'administration fiscale chaque année. " +
    "La plateforme transmet chaque année à l'administration fiscale le montant de vos revenus (DAC7, art. 1649 ter A du CGI). " +
    'Un défaut de déclaration expose à des pénalités et majorations. Régimes, obligations et sanctions : voir les sites officiels ci-dessous.',
  english:
    'What you earn through the platform is taxable and subject to social contributions: declare your turnover to the Urssaf ' +
    'every month or quarter, even when nil, and your income to the tax administration every year. The platform reports your ' +
    'earnings to the tax administration every year (DAC7, CGI art. 1649 ter A). Failing to declare exposes you to penalties. ' +
    'Regimes, obligations and penalties: see the official sites below.',
  links: [
    {
      url: 'https://www.impots.gouv.fr/particulier/economie-collaborative',
      labelFr: 'impots.gouv.fr : économie collaborative',
      labelEn: 'impots.gouv.fr: the collaborative economy',
    },
    {
      url: 'https://www.urssaf.fr/accueil/independant.html',
      labelFr: 'urssaf.fr : travailleurs indépendants',
      labelEn: 'urssaf.fr: the self-employed',
    },
    {
      url: 'https://www.autoentrepreneur.urssaf.fr',
      labelFr: 'autoentrepreneur.urssaf.fr : déclarer et payer',
      labelEn: 'autoentrepreneur.urssaf.fr: declare and pay',
    },
    {
      url: 'https://www.service-public.fr/professionnels-entreprises',
      labelFr: 'service-public.fr : entreprises',
      labelEn: 'service-public.fr: businesses',
    },
  ],
};

/** The information as one line of a message (a notification, an email), in French or English, with its links. */
export function taxObligationsLine(language: 'fr' | 'en'): string {
  const { version, french, english, links } = TAX_OBLIGATIONS_INFORMATION;
  const urls = links.map((link) => link.url).join(' ; ');
  return language === 'fr'
    ? `Vos obligations fiscales et sociales (art. 242 bis du CGI, version ${version}) : ${french} ${urls}`
    : `Your tax and social obligations (CGI art. 242 bis, version ${version}): ${english} ${urls}`;
}
