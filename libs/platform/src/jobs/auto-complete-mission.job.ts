import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { AUTO_COMPLETE_MISSION, MissionLifecycle } from '@marketplace/missions';
import { Injectable, Logger } from '@nestjs/common';

/** Scheduled at delivery for AUTO_COMPLETE_DAYS later: completes the mission unless it was confirmed or disputed. */
@Injectable()
@JobHandlerFor(AUTO_COMPLETE_MISSION)
export class AutoCompleteMissionJob implements JobHandler<PayloadOf<typeof AUTO_COMPLETE_MISSION>> {
  private readonly logger = new Logger(AutoCompleteMissionJob.name);

  constructor(private readonly lifecycle: MissionLifecycle) {}

  async handle({ missionId }: PayloadOf<typeof AUTO_COMPLETE_MISSION>): Promise<void> {
    if (await this.lifecycle.completeIfUndisputed(missionId)) this.logger.log({ msg: 'Mission completed without a dispute', missionId });
  }
}
