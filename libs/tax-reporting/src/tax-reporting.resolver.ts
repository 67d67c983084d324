import { CurrentViewer, RequireRoles, Role, Viewer } from '@marketplace/common';
import { MissionType } from '@marketplace/missions';
import { TAX_OBLIGATIONS_INFORMATION, TaxObligationsInformation } from '@marketplace/notifications';
import { Payout, PayoutType } from '@marketplace/payments';
import { Args, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Dac7DetailsService, Dac7Seller } from './details/dac7-details.service';
import { Dac7DiligenceService } from './details/dac7-diligence.service';
import { UpdateReportingDetailsInput } from './dto/update-reporting-details.input';
import { wholeEuros } from './report/dac7-report';
import { Dac7ReportService } from './report/dac7-report.service';
import {
  Dac7StatementType,
  ReportingDetailsType,
  TaxObligationsType,
  UrssafDeclarationType,
  UrssafWithholdingType,
} from './tax-reporting.types';
import { UrssafDeclaration, UrssafDeclarationsService } from './urssaf/urssaf-declarations.service';

@Resolver()
export class TaxReportingResolver {
  constructor(
    private readonly details: Dac7DetailsService,
    private readonly diligence: Dac7DiligenceService,
    private readonly reports: Dac7ReportService,
    private readonly urssaf: UrssafDeclarationsService,
  ) {}

  @RequireRoles(Role.PROVIDER)
  @Query(() => UrssafDeclarationType, {
    description:
      'Providers: their URSSAF declaration for a month ("2026-11") or a quarter ("2026-Q4"), from the ledger, at the year’s rates; also as CSV at GET /providers/me/urssaf.csv?period=…. BAD_USER_INPUT for a malformed period or one not started; CONFLICT without a tax profile.',
  })
  urssafDeclaration(
    @CurrentViewer() viewer: Viewer,
    @Args('period', { description: 'A month (2026-11) or a quarter (2026-Q4).' }) period: string,
  ): Promise<UrssafDeclaration> {
    return this.urssaf.declarationOf(viewer, period);
  }

  @RequireRoles(Role.PROVIDER)
  @Query(() => ReportingDetailsType, { description: 'Providers: what the DAC7 report will say of them, and what is missing.' })
  myReportingDetails(@CurrentViewer() viewer: Viewer): Promise<Dac7Seller> {
    return this.details.sellerOf(viewer.id);
  }

  @RequireRoles(Role.PROVIDER)
  @Mutation(() => ReportingDetailsType, {
    description:
      'Providers: gives the DAC7 data the platform does not hold (numéro fiscal, place of birth); once nothing is missing, held payouts go. BAD_USER_INPUT, and nothing written, for a malformed field.',
  })
  updateReportingDetails(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'Only the fields to set.' }) input: UpdateReportingDetailsInput,
  ): Promise<Dac7Seller> {
    return this.details.update(viewer, input, (manager) => this.diligence.afterUpdate(manager, viewer.id));
  }

  @RequireRoles(Role.PROVIDER)
  @Query(() => Dac7StatementType, {
    description: 'Providers: exactly what the DAC7 report of an ended year says of them. BAD_USER_INPUT for a year not ended.',
  })
  async myDac7Statement(
    @CurrentViewer() viewer: Viewer,
    @Args('year', { type: () => Int, description: 'The calendar year reported.' }) year: number,
  ): Promise<Dac7StatementType> {
    const { seller, quarters, reported } = await this.reports.statementOf(viewer, year);
    return {
      year,
      reported,
      details: seller,
      quarters: quarters.map((q) => ({
        ...q,
        considerationEuros: wholeEuros(q.considerationCents),
        feesEuros: wholeEuros(q.feesCents),
        taxesEuros: wholeEuros(q.taxesCents),
      })),
    };
  }
}

@Resolver(() => MissionType)
export class MissionTaxObligationsResolver {
  @ResolveField(() => TaxObligationsType, {
    description: 'CGI art. 242 bis: the tax and social obligations of those paid through the platform.',
  })
  taxObligations(): TaxObligationsInformation {
    return TAX_OBLIGATIONS_INFORMATION;
  }
}

@Resolver(() => PayoutType)
export class PayoutTaxResolver {
  @ResolveField(() => UrssafWithholdingType, {
    nullable: true,
    description:
      'URSSAF_WITHHOLDING: what was withheld from this payout for the URSSAF, fixed at its first transfer attempt; null when nothing was.',
  })
  urssafWithholding(payout: Payout): UrssafWithholdingType | null {
    if (payout.urssafWithheldCents === null) return null;
    return {
      contributionsCents: payout.urssafContributionsCents!,
      incomeTaxCents: payout.urssafIncomeTaxCents!,
      trainingCents: payout.urssafTrainingCents!,
      totalCents: payout.urssafWithheldCents,
    };
  }

  @ResolveField(() => TaxObligationsType, {
    description: 'CGI art. 242 bis: the tax and social obligations of those paid through the platform.',
  })
  taxObligations(): TaxObligationsInformation {
    return TAX_OBLIGATIONS_INFORMATION;
  }
}
