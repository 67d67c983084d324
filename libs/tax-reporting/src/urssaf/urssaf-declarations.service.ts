import { Viewer } from '@marketplace/common';
import { EarningsGranularity, EarningsService } from '@marketplace/earnings';
import { ActivityType, TaxProfilesService, taxYearOrRefuse } from '@marketplace/tax';
import { Injectable } from '@nestjs/common';
import { InvalidDeclarationPeriodError, TaxProfileMissingError } from '../tax-reporting.errors';
import { DeclarationPeriod, declarationPeriodOf } from './declaration-period';
import { UrssafAmounts, urssafAmountsOf } from './urssaf-contributions';

export interface UrssafDeclarationLine extends UrssafAmounts {
  activityType: ActivityType;
  turnoverCents: number;
  missions: number;
}

export interface UrssafDeclaration extends DeclarationPeriod {
  /** Whether the provider opted for the versement libératoire (the income tax is paid with the contributions). */
  versementLiberatoire: boolean;
  /** One line per activity type (a provider declares under the one of their tax profile). */
  lines: UrssafDeclarationLine[];
  turnoverCents: number;
  totalCents: number;
}

/**
 * What a provider declares to the URSSAF for a month or a quarter: the turnover received through
 * the platform (what their clients paid for the missions paid out to them in the period, from the
 * ledger by the same query as `earnings`), and what it implies at the year's rates.
 */
@Injectable()
export class UrssafDeclarationsService {
  constructor(
    private readonly earnings: EarningsService,
    private readonly taxProfiles: TaxProfilesService,
  ) {}

  /** BAD_USER_INPUT for a malformed period or one not started; CONFLICT without a tax profile. */
  async declarationOf(viewer: Viewer, label: string): Promise<UrssafDeclaration> {
    const period = declarationPeriodOf(label);
    if (!period) throw new InvalidDeclarationPeriodError('must be a month (2026-11) or a quarter (2026-Q4)');
    const today = this.earnings.today();
    if (period.from > today) throw new InvalidDeclarationPeriodError(`${label} has not started yet (today is ${today} in Paris)`);
    const year = taxYearOrRefuse(period.year);
    const profile = await this.taxProfiles.findFor(viewer.id);
    if (!profile) throw new TaxProfileMissingError();
    const granularity = period.frequency === 'MONTHLY' ? EarningsGranularity.MONTH : EarningsGranularity.QUARTER;
    const [received] = await this.earnings.periodsOf(viewer.id, period.from, period.to, granularity);
    const line: UrssafDeclarationLine = {
      activityType: profile.activityType,
      turnoverCents: received.grossCents,
      missions: received.missionsCompleted,
      ...urssafAmountsOf(received.grossCents, year, profile.activityType, profile.versementLiberatoire),
    };
    return {
      ...period,
      versementLiberatoire: profile.versementLiberatoire,
      lines: [line],
      turnoverCents: line.turnoverCents,
      totalCents: line.totalCents,
    };
  }
}

const euros = (cents: number) => (cents / 100).toFixed(2);
const percent = (basisPoints: number | null) => (basisPoints === null ? '' : (basisPoints / 100).toFixed(2));

/** The declaration as a CSV for a spreadsheet (`;`-separated, amounts in euros with a point), one line per activity and a total. */
export function urssafCsv(declaration: UrssafDeclaration): string {
  const header = [
    'periode',
    'du',
    'au',
    'activite',
    'missions',
    'chiffre_affaires_eur',
    'taux_cotisations_pct',
    'cotisations_eur',
    'taux_versement_liberatoire_pct',
    'versement_liberatoire_eur',
    'taux_cfp_pct',
    'cfp_eur',
    'total_a_payer_eur',
    'date_limite',
  ];
  const rows = declaration.lines.map((line) => [
    declaration.label,
    declaration.from,
    declaration.to,
    line.activityType,
    String(line.missions),
    euros(line.turnoverCents),
    percent(line.contributionRateBasisPoints),
    euros(line.contributionsCents),
    percent(line.incomeTaxRateBasisPoints),
    euros(line.incomeTaxCents),
    percent(line.trainingRateBasisPoints),
    euros(line.trainingCents),
    euros(line.totalCents),
    declaration.deadline,
  ]);
  return [header, ...rows].map((row) => row.join(';')).join('\r\n') + '\r\n';
}
