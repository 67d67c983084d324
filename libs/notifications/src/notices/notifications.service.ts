import { assertUuid, BadUserInputError, Clock, Connection, MAX_PAGE_SIZE, NotFoundError, Viewer } from '@marketplace/common';
import { deleteBatch, pageByTime, Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { Notification } from './notification.entity';

/** Which notifications markNotificationsRead marks: these ids, or all of them. */
export interface ReadMark {
  ids?: string[] | null;
  all?: boolean | null;
}

/** A user's own notifications: nobody else reads them, not even moderators. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The viewer's notifications, newest first (only the unread ones with `unreadOnly`). */
  list(viewer: Viewer, first: number, after: string | null | undefined, unreadOnly: boolean): Promise<Connection<Notification>> {
    const query = this.notifications.createQueryBuilder('n').where('n.user_id = :userId', { userId: viewer.id });
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
  }

  unreadCount(viewer: Viewer): Promise<number> {
    return this.notifications.countBy({ userId: viewer.id, readAt: IsNull() });
  }

  /**
   * Marks the viewer's notifications read: the ids given (NOT_FOUND, and nothing marked, when one
   * is not theirs), or all of them. A notification keeps the time it was first read, so marking
   * again changes nothing. Answers the notifications named (none for `all`).
   */
  async markRead(viewer: Viewer, { ids, all }: ReadMark): Promise<Notification[]> {
    if (!!all === (ids !== null && ids !== undefined)) throw BadUserInputError.forField('ids', 'give either ids or all: true');
    if (all) {
      await this.notifications.update({ userId: viewer.id, readAt: IsNull() }, { readAt: this.clock.now() });
      return [];
    }
    const wanted = [...new Set((ids ?? []).map((id) => assertUuid(id, 'ids')))];
    if (wanted.length === 0 || wanted.length > MAX_PAGE_SIZE) throw BadUserInputError.forField('ids', `from 1 to ${MAX_PAGE_SIZE} ids`);
    return this.transactions.run(async (manager) => {
      const own = await manager.countBy(Notification, { id: In(wanted), userId: viewer.id });
      if (own !== wanted.length) throw new NotFoundError('Notification');
      await manager.update(Notification, { id: In(wanted), userId: viewer.id, readAt: IsNull() }, { readAt: this.clock.now() });
      const marked = await manager.findBy(Notification, { id: In(wanted) });
      return wanted.map((id) => marked.find((notification) => notification.id === id)!);
    });
  }

  /** Deletes up to `limit` notifications read before `readBefore` (one batch of the retention purge); unread ones stay. */
  purgeReadBefore(readBefore: Date, limit: number): Promise<number> {
    return deleteBatch(this.notifications.manager, { table: 'notifications', condition: 'read_at < $1', parameters: [readBefore] }, limit);
  }

  /** Of the ids asked, the viewer's own notifications (for node(id:) and notificationAdded). */
  async findOwnByIds(viewer: Viewer | undefined, ids: readonly string[]): Promise<Notification[]> {
    if (!viewer || ids.length === 0) return [];
    return this.notifications.findBy({ id: In([...ids]), userId: viewer.id });
  }
}
