import { defineJob, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { PriceInsightService } from '@marketplace/price-insight';
import { Injectable, Logger } from '@nestjs/common';

export const REFRESH_PRICE_INSIGHT = defineJob('price-insight:refresh', { cron: '11 * * * *', maxAttempts: 3 });

/** Hourly: the fair-price insight's aggregate rebuilt from the bids accepted in the last 12 months (PriceInsight.computedAt says when). */
@Injectable()
@JobHandlerFor(REFRESH_PRICE_INSIGHT)
export class RefreshPriceInsightJob implements JobHandler {
  private readonly logger = new Logger(RefreshPriceInsightJob.name);

  constructor(private readonly insights: PriceInsightService) {}

  async handle(): Promise<void> {
    this.logger.log({ msg: 'Refreshed the price insight', cells: await this.insights.refresh() });
  }
}
