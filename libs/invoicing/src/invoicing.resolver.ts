import {
  AllowAnonymous,
  Connection,
  CurrentViewer,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  RequireRoles,
  Role,
  Viewer,
  viewerOf,
} from '@marketplace/common';
import { Mission, MissionsService, MissionType } from '@marketplace/missions';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { BillingProfile } from './billing-profile/billing-profile.entity';
import { BillingProfilesService } from './billing-profile/billing-profiles.service';
import { ContestInvoiceArgs, InvoiceIdArgs } from './dto/invoice-correction.args';
import { UpdateBillingProfileInput } from './dto/update-billing-profile.input';
import { CreditNotesService, InvoiceCorrection } from './invoices/credit-notes.service';
import { InvoiceContestsService } from './invoices/invoice-contests.service';
import { Invoice } from './invoices/invoice.entity';
import { InvoicesService } from './invoices/invoices.service';
import { isInvoiceVisibleTo } from './invoices/invoice-visibility';
import { MissingInvoiceReason } from './invoices/missing-invoice.entity';
import { BillingMandate } from './mandate/billing-mandate.entity';
import { BillingMandatesService } from './mandate/billing-mandates.service';
import {
  BillingMandateTextType,
  BillingMandateType,
  BillingProfileType,
  InvoiceConnection,
  InvoiceCorrectionType,
  InvoiceType,
} from './invoicing.types';

@Resolver()
export class InvoicingResolver {
  constructor(
    private readonly mandates: BillingMandatesService,
    private readonly billingProfiles: BillingProfilesService,
    private readonly invoices: InvoicesService,
  ) {}

  @AllowAnonymous()
  @Query(() => BillingMandateTextType, { description: 'The current billing mandate, to show a provider before acceptBillingMandate.' })
  billingMandateText(): BillingMandateTextType {
    const { version, fr, en, contestDays } = this.mandates.current();
    return { version, text: fr, englishText: en, contestDays };
  }

  @RequireRoles(Role.PROVIDER)
  @Mutation(() => BillingMandateType, {
    description:
      "Providers: accepts that version of the billing mandate (recorded with the time and the request's IP); missions completed while it is in force get an invoice in the provider's name. BAD_USER_INPUT for a version billingMandateText never gave.",
  })
  acceptBillingMandate(
    @CurrentViewer() viewer: Viewer,
    @Args('version', { description: 'The version from billingMandateText.' }) version: string,
    @Context('req') req: Request,
  ): Promise<BillingMandate> {
    return this.mandates.accept(viewer, version, req.ip ?? 'unknown');
  }

  @RequireRoles(Role.PROVIDER)
  @Mutation(() => BillingMandateType, {
    description: 'Providers: ends the billing mandate in force; later missions get no invoice from the platform. CONFLICT without one.',
  })
  revokeBillingMandate(@CurrentViewer() viewer: Viewer): Promise<BillingMandate> {
    return this.mandates.revoke(viewer);
  }

  @Mutation(() => BillingProfileType, {
    description:
      "Replaces who the viewer's invoices name: a client's (a consumer, or a business with its SIREN) or a provider's business address. BAD_USER_INPUT for an invalid SIREN.",
  })
  updateBillingProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'The whole billing profile.' }) input: UpdateBillingProfileInput,
  ): Promise<BillingProfile> {
    return this.billingProfiles.update(viewer, input);
  }

  @Query(() => InvoiceConnection, { description: "The invoices of the viewer's missions, as provider or client, the newest first." })
  myInvoices(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Invoice>> {
    return this.invoices.listOf(viewer, first ?? 20, after);
  }
}

/** The provider's contest of an invoice, and its correction. */
@Resolver()
export class InvoiceCorrectionsResolver {
  constructor(
    private readonly contests: InvoiceContestsService,
    private readonly creditNotes: CreditNotesService,
  ) {}

  @Mutation(() => InvoiceType, {
    description:
      "The invoice's provider contests it, within its contest window (contestDeadline): it is CONTESTED, with the reason, until reissueInvoice corrects it. NOT_FOUND for anyone but the mission's parties, FORBIDDEN for its client, CONFLICT for a credit note, a second contest or after the window.",
  })
  contestInvoice(@CurrentViewer() viewer: Viewer, @Args() { id, reason }: ContestInvoiceArgs): Promise<Invoice> {
    return this.contests.contest(viewer, id, reason);
  }

  @Mutation(() => InvoiceCorrectionType, {
    description:
      "The provider (once their billing profile, or the client's, is right) or a moderator corrects a CONTESTED invoice: a credit note cancels it and a new invoice, from the billing records as they are now, replaces it. NOT_FOUND for anyone but the parties and moderators, FORBIDDEN for the client, CONFLICT unless contested, or while the provider lacks a mandate, a SIRET or a billing profile.",
  })
  reissueInvoice(@CurrentViewer() viewer: Viewer, @Args() { id }: InvoiceIdArgs): Promise<InvoiceCorrection> {
    return this.creditNotes.reissue(viewer, id);
  }
}

/** Where an invoice's documents are served, once they are rendered. */
@Resolver(() => InvoiceType)
export class InvoiceDocumentsResolver {
  @ResolveField(() => String, {
    nullable: true,
    description:
      "Path on this API serving the Factur-X PDF to the mission's provider and client, with the same bearer token; null while it is being rendered (a few seconds after issue).",
  })
  pdfPath(invoice: Invoice): string | null {
    return invoice.renderedAt ? `/invoices/${invoice.id}.pdf` : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Path on this API serving the CII XML (the one in the PDF); null while it is being rendered.',
  })
  xmlPath(invoice: Invoice): string | null {
    return invoice.renderedAt ? `/invoices/${invoice.id}.xml` : null;
  }
}

/** A mission's invoices, and why it has none, as its parties see them. */
@Resolver(() => MissionType)
export class MissionInvoicesResolver {
  constructor(
    private readonly invoiceRecords: InvoicesService,
    private readonly missions: MissionsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [InvoiceType], {
    description:
      "Its invoices and credit notes, oldest first: to its client and provider only (empty for anyone else); the platform's fee invoice to its provider only.",
  })
  async invoices(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Invoice[]> {
    const viewer = viewerOf(req);
    if (!this.missions.isParty(mission, viewer)) return [];
    const invoices = await this.loaders
      .get(req, 'invoicesByMission', (ids: readonly string[]) => this.invoiceRecords.ofMissions(ids))
      .load(mission.id);
    return invoices.filter((invoice) => isInvoiceVisibleTo(invoice, viewer!.id));
  }

  @ResolveField(() => MissingInvoiceReason, {
    nullable: true,
    description: 'Why the completed mission got no invoice from the platform, to its client and provider; null otherwise.',
  })
  async missingInvoiceReason(
    @Parent() mission: Mission,
    @Context('req') req: Request,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<MissingInvoiceReason | null> {
    if (!this.missions.isParty(mission, viewer)) return null;
    return this.loaders
      .get(req, 'missingInvoiceByMission', (ids: readonly string[]) => this.invoiceRecords.missingReasonsOf(ids))
      .load(mission.id);
  }
}
