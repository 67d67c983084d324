import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Mission } from './mission.entity';

export type MissionCancelledListener = (manager: EntityManager, mission: Mission) => Promise<void>;

/**
 * What other domains do when a mission changes state, run inside the transaction of the change so
 * that both commit or neither does (bids are declined with the mission they were for). Libraries
 * higher in the dependency order subscribe when their module starts; missions never imports them.
 */
@Injectable()
export class MissionEvents {
  private readonly cancelledListeners: MissionCancelledListener[] = [];

  onCancelled(listener: MissionCancelledListener): void {
    this.cancelledListeners.push(listener);
  }

  async cancelled(manager: EntityManager, mission: Mission): Promise<void> {
    for (const listener of this.cancelledListeners) await listener(manager, mission);
  }
}
