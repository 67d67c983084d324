/**
 * Every French rate and threshold the platform applies to a provider's revenue, by calendar year, with
 * where each figure comes from. Nothing else in the code writes one of these numbers: a revision (the
 * thresholds changed twice in 2025–2026) is a new row here, and a year with no row is refused rather
 * than guessed.
 *
 * Amounts are euro cents; rates are basis points (1 % = 100), so that every computation stays in integers.
 */

/** How a micro-entrepreneur's activity is classified for the thresholds and the contributions. */
export enum ActivityType {
  /** Commercial or craft services (BIC prestations de services). */
  BIC_SERVICES = 'BIC_SERVICES',
  /** Liberal services under the general self-employed scheme (BNC, SSI). */
  BNC_SSI = 'BNC_SSI',
  /** Regulated liberal professions insured with the CIPAV (BNC). */
  BNC_CIPAV = 'BNC_CIPAV',
  /** Sales of goods (BIC ventes). */
  SALES = 'SALES',
}

export interface RevenueThresholds {
  /** VAT franchise: revenue of the previous year above it ends the franchise on 1 January. */
  vatFranchiseBaseCents: number;
  /** VAT franchise: crossing it during the year ends the franchise that very day. */
  vatFranchiseMajoreCents: number;
  /** The micro-enterprise ceiling (micro-BIC / micro-BNC). */
  microCeilingCents: number;
}

export interface TaxYear {
  year: number;
  /** Services (BIC_SERVICES, BNC_*) and sales have thresholds of their own. */
  thresholds: { services: RevenueThresholds; sales: RevenueThresholds };
  /** Social contributions on revenue received (CSS D. 613-4). */
  contributionRateBasisPoints: Record<ActivityType, number>;
  /** Income tax paid with the contributions under the versement libératoire option. */
  versementLiberatoireRateBasisPoints: Record<ActivityType, number>;
  /** The training contribution (CFP) on revenue. */
  trainingContributionRateBasisPoints: Record<ActivityType, number>;
  /** The VAT rates a provider out of the franchise may charge: the standard one unless they choose another. */
  vatRatesBasisPoints: { standard: number; allowed: number[] };
  /** Figures carried over from an earlier year because no later source was found: the stricter reading is to say so. */
  assumptions: string[];
  sources: string[];
}

const SERVICES_2026_2028: RevenueThresholds = {
  vatFranchiseBaseCents: 37_500_00,
  vatFranchiseMajoreCents: 41_250_00,
  microCeilingCents: 83_600_00,
};
const SALES_2026_2028: RevenueThresholds = {
  vatFranchiseBaseCents: 85_000_00,
  vatFranchiseMajoreCents: 93_500_00,
  microCeilingCents: 203_100_00,
};
const VERSEMENT_LIBERATOIRE: Record<ActivityType, number> = {
  [ActivityType.SALES]: 100,
  [ActivityType.BIC_SERVICES]: 170,
  [ActivityType.BNC_SSI]: 220,
  [ActivityType.BNC_CIPAV]: 220,
};
const TRAINING_CONTRIBUTION: Record<ActivityType, number> = {
  [ActivityType.SALES]: 10,
  [ActivityType.BIC_SERVICES]: 20,
  [ActivityType.BNC_SSI]: 20,
  [ActivityType.BNC_CIPAV]: 20,
};
const CONTRIBUTIONS_2026: Record<ActivityType, number> = {
  [ActivityType.SALES]: 1230,
  [ActivityType.BIC_SERVICES]: 2120,
  [ActivityType.BNC_CIPAV]: 2320,
  [ActivityType.BNC_SSI]: 2560,
};
const VAT_RATES = { standard: 2000, allowed: [2000, 1000, 550, 210] };
const VAT_RATES_SOURCE = 'VAT rates 20 % / 10 % / 5.5 % / 2.1 %: CGI 278, 279, 278-0 bis, 281 quater (CIBS L. 521-1 ff. from 1 Sept 2026)';
const SOURCES_2026 = [
  'Micro ceilings €83,600 / €203,100 for 2026–2028: LF 2026 (JO 20 Feb 2026), CGI 50-0 and 102 ter',
  'VAT franchise €37,500 / €41,250 and €85,000 / €93,500: loi n° 2025-1044 of 3 Nov 2025 (repeal of the €25,000 threshold), BOI-RES-TVA-000198 of 28 May 2025',
  'Contribution rates: CSS D. 613-4 as amended by décret n° 2025-943 of 8 Sept 2025, from 1 Jan 2026',
  'Versement libératoire 1 % / 1.7 % / 2.2 %: CGI 151-0',
  'CFP 0.1 % sales, 0.2 % services and liberal professions (0.3 % craft is not distinguished: services are charged 0.2 %)',
  VAT_RATES_SOURCE,
];

export const TAX_YEARS: readonly TaxYear[] = [
  {
    year: 2025,
    thresholds: {
      services: { vatFranchiseBaseCents: 37_500_00, vatFranchiseMajoreCents: 41_250_00, microCeilingCents: 77_700_00 },
      sales: { vatFranchiseBaseCents: 85_000_00, vatFranchiseMajoreCents: 93_500_00, microCeilingCents: 188_700_00 },
    },
    contributionRateBasisPoints: { ...CONTRIBUTIONS_2026, [ActivityType.BNC_SSI]: 2460 },
    versementLiberatoireRateBasisPoints: VERSEMENT_LIBERATOIRE,
    trainingContributionRateBasisPoints: TRAINING_CONTRIBUTION,
    vatRatesBasisPoints: VAT_RATES,
    assumptions: [],
    sources: [
      'Micro ceilings €77,700 / €188,700 for 2023–2025: décret 2023-422 of 31 May 2023',
      'VAT franchise: the €25,000 threshold of LF 2025 art. 32 never applied (loi n° 2025-1044 of 3 Nov 2025)',
      'BNC SSI 24.6 % in 2025, other rates as in 2026: CSS D. 613-4',
      VAT_RATES_SOURCE,
    ],
  },
  {
    year: 2026,
    thresholds: { services: SERVICES_2026_2028, sales: SALES_2026_2028 },
    contributionRateBasisPoints: CONTRIBUTIONS_2026,
    versementLiberatoireRateBasisPoints: VERSEMENT_LIBERATOIRE,
    trainingContributionRateBasisPoints: TRAINING_CONTRIBUTION,
    vatRatesBasisPoints: VAT_RATES,
    assumptions: [],
    sources: SOURCES_2026,
  },
  {
    year: 2027,
    thresholds: { services: SERVICES_2026_2028, sales: SALES_2026_2028 },
    contributionRateBasisPoints: CONTRIBUTIONS_2026,
    versementLiberatoireRateBasisPoints: VERSEMENT_LIBERATOIRE,
    trainingContributionRateBasisPoints: TRAINING_CONTRIBUTION,
    vatRatesBasisPoints: VAT_RATES,
    assumptions: ['Contribution, versement libératoire and CFP rates are 2026’s: no 2027 decree was found'],
    sources: SOURCES_2026,
  },
];

export class UnknownTaxYearError extends Error {
  constructor(readonly year: number) {
    super(`No rates or thresholds are known for ${year}`);
  }
}

/** The year's row, or undefined for a year the table does not know. */
export function knownTaxYear(year: number): TaxYear | undefined {
  return TAX_YEARS.find((row) => row.year === year);
}

export function taxYear(year: number): TaxYear {
  const found = knownTaxYear(year);
  if (!found) throw new UnknownTaxYearError(year);
  return found;
}

export function thresholdsFor(year: number, activity: ActivityType): RevenueThresholds {
  const { thresholds } = taxYear(year);
  return activity === ActivityType.SALES ? thresholds.sales : thresholds.services;
}

/** `amountCents` × a rate in basis points, rounded half up to the cent. */
export function applyRate(amountCents: number, rateBasisPoints: number): number {
  return Math.round((amountCents * rateBasisPoints) / 10_000);
}
