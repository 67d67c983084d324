import { CurrentViewer, RequestLoaders, Viewer } from '@marketplace/common';
import { Mission, MissionType } from '@marketplace/missions';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { PaymentReceiptsService } from './payment-receipts.service';
import { PaymentReceiptType } from './payment-receipt.type';

/** A mission's payment receipt, as its client sees it. */
@Resolver(() => MissionType)
export class MissionReceiptResolver {
  constructor(
    private readonly receipts: PaymentReceiptsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => PaymentReceiptType, {
    nullable: true,
    description:
      'To its client only: the receipt of their payment when the completed mission got no invoice from the platform; null otherwise, and for anyone else.',
  })
  async paymentReceipt(
    @Parent() mission: Mission,
    @Context('req') req: Request,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<PaymentReceiptType | null> {
    if (viewer?.id !== mission.clientId) return null;
    const receipt = await this.loaders
      .get(req, 'paymentReceiptByMission', (ids: readonly string[]) => this.receipts.ofMissions(viewer, ids))
      .load(mission.id);
    return receipt && { ...receipt, pdfPath: `/receipts/${receipt.id}.pdf` };
  }
}
