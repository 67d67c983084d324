import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { AUTO_COMPLETE_MISSION, MissionLifecycleService } from '@marketplace/payments';
import { Injectable, Logger } from '@nestjs/common';

interface AutoCompleteMissionPayload {
  missionId: string;
}

/** Scheduled at delivery for AUTO_COMPLETE_DAYS later: completes the mission unless it was confirmed or disputed. */
@Injectable()
@JobHandlerFor(AUTO_COMPLETE_MISSION, { maxAttempts: 10 })
export class AutoCompleteMissionJob implements JobHandler<AutoCompleteMissionPayload> {
  private readonly logger = new Logger(AutoCompleteMissionJob.name);

  constructor(private readonly lifecycle: MissionLifecycleService) {}

  async handle({ missionId }: AutoCompleteMissionPayload): Promise<void> {
    if (await this.lifecycle.completeIfUndisputed(missionId)) this.logger.log({ msg: 'Mission completed without a dispute', missionId });
  }
}
