import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { DAC7_DILIGENCE, Dac7DiligenceService } from '@marketplace/tax-reporting';
import { Injectable } from '@nestjs/common';

/** Daily: the DAC7 due diligence's next step for every provider whose data is incomplete (ask, remind, hold, release). */
@Injectable()
@JobHandlerFor(DAC7_DILIGENCE)
export class Dac7DiligenceJob implements JobHandler {
  constructor(private readonly diligence: Dac7DiligenceService) {}

  async handle(): Promise<void> {
    await this.diligence.run();
  }
}
