import { User } from '@marketplace/accounts';
import { NoticeFacts, NotificationKind, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Mission } from './mission.entity';

/**
 * Telling users what happened on a mission, for every domain that has news about one (the
 * lifecycle, bids, payments, ratings): each notice carries the mission's title and the parties'
 * names as its text reads them, in the caller's transaction.
 */
@Injectable()
export class MissionNotices {
  constructor(private readonly notifier: Notifier) {}

  /** `providerId`: the provider the text names, when it is not (yet) the assigned one (a bidder). */
  async tell(
    manager: EntityManager,
    missionOrId: Mission | string,
    kind: NotificationKind,
    userIds: readonly string[],
    { facts = {}, providerId }: { facts?: NoticeFacts; providerId?: string } = {},
  ): Promise<void> {
    if (userIds.length === 0) return;
    const mission = typeof missionOrId === 'string' ? await manager.findOneByOrFail(Mission, { id: missionOrId }) : missionOrId;
    const parties = await this.partiesOf(manager, mission, providerId ?? mission.assignedProviderId);
    for (const userId of userIds) {
      await this.notifier.notify(manager, { userId, kind, missionId: mission.id, facts: { ...parties, ...facts } });
    }
  }

  private async partiesOf(manager: EntityManager, mission: Mission, providerId: string | null): Promise<NoticeFacts> {
    const ids = [mission.clientId, ...(providerId ? [providerId] : [])];
    const users = await manager.find(User, { where: { id: In(ids) }, select: { id: true, displayName: true } });
    const nameOf = (id: string | null) => users.find((user) => user.id === id)?.displayName ?? '';
    return { missionTitle: mission.title, clientName: nameOf(mission.clientId), providerName: nameOf(providerId) };
  }
}
