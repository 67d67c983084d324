import { AccountsService } from '@marketplace/accounts';
import { BadUserInputError, Clock, Connection, isModerator, NotFoundError, Viewer } from '@marketplace/common';
import { pageByTime, Transactions } from '@marketplace/database';
import { Mission, MissionsService } from '@marketplace/missions';
import { ModerationLog } from '@marketplace/moderation-log';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { PhotosService, PhotoUse } from '@marketplace/photos';
import { fitsInNotice, RealtimeEvents, RealtimeNotice } from '@marketplace/realtime';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository, SelectQueryBuilder } from 'typeorm';
import {
  assertMayHide,
  assertMayOpen,
  assertMayWrite,
  ConversationRole,
  readsAsModerator,
  roleIn,
  showsContactDetails,
  textFor,
} from './conversation-rules';
import { Conversation } from './conversation.entity';
import { ConversationView } from './conversation.type';
import { SendMessageArgs } from './dto/send-message.args';
import { MAX_MESSAGE_ATTACHMENTS, Message } from './message.entity';
import { MessageView } from './message.type';

/** The read receipt column of each side. */
const LAST_READ: Record<ConversationRole, 'clientLastReadAt' | 'providerLastReadAt'> = {
  [ConversationRole.CLIENT]: 'clientLastReadAt',
  [ConversationRole.PROVIDER]: 'providerLastReadAt',
};
const LAST_READ_COLUMN: Record<ConversationRole, string> = {
  [ConversationRole.CLIENT]: 'client_last_read_at',
  [ConversationRole.PROVIDER]: 'provider_last_read_at',
};

/** Messages the participant `:reader` has not read: the other side's, not hidden, after their read receipt. */
const UNREAD_BY_READER = `m.author_id <> :reader AND m.hidden_at IS NULL
  AND m.created_at > coalesce(CASE WHEN c.client_id = :reader THEN c.client_last_read_at ELSE c.provider_last_read_at END, '-infinity')`;

const PARTICIPATING = '(c.client_id = :reader OR c.provider_id = :reader)';
const HAS_REPORTED_MESSAGE = 'EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = c.id AND r.reported_at IS NOT NULL)';
/** The conversation of a DISPUTED mission between its client and its assigned provider: the moderator settling it reads it. */
const OF_OPEN_DISPUTE = `EXISTS (SELECT 1 FROM missions d WHERE d.id = c.mission_id AND d.status = 'DISPUTED' AND d.assigned_provider_id = c.provider_id)`;

const EXCERPT_LENGTH = 140;

/** The first 140 characters (code points) of a text, for a notification. */
function excerptOf(text: string): string {
  return Array.from(text).slice(0, EXCERPT_LENGTH).join('');
}

/** The realtime topic of a conversation: its messages as they are sent (payload: a MessageEvent). */
export function conversationTopic(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** Whether the participant has read up to the conversation's newest message (a sender's read receipt moves with what they send). */
function hasReadAll(conversation: Conversation, userId: string): boolean {
  const lastReadAt = userId === conversation.clientId ? conversation.clientLastReadAt : conversation.providerLastReadAt;
  return lastReadAt !== null && lastReadAt >= conversation.lastMessageAt;
}

function otherSideOf(conversation: Pick<Conversation, 'clientId' | 'providerId'>, userId: string): string {
  return userId === conversation.clientId ? conversation.providerId : conversation.clientId;
}

/** What a conversation's event says of a message sent (see ConversationsService.noticeOf); photo ids comma-separated. */
type SentMessageEvent = {
  messageId: string;
  authorId: string;
  text: string;
  photoIds: string;
  createdAt: string;
  clientId: string;
  providerId: string;
  assignedProviderId: string | null;
  missionHiddenAt: string | null;
};

/** A conversation's event: the message sent, or only its id when it did not fit. */
export type MessageEvent = Partial<SentMessageEvent> & { messageId: string };

function isSentMessageEvent(event: Partial<SentMessageEvent>): event is SentMessageEvent {
  return typeof event.text === 'string';
}

/** What sending a message did: the message as its author sees it, and what the notifications need. */
export interface SentMessage {
  message: MessageView;
  conversation: ConversationView;
}

/**
 * Conversations between a mission's client and the providers who ask about it. Messages are
 * written under the conversation's row lock (or, for a plain reply, on the condition that the
 * conversation is still as read: see replyWithoutLock), so that they are strictly ordered and its
 * activity and read receipts move with them; who may read, write and see what is conversation-rules.ts'.
 * Readers see only conversations they take part in, on missions they may see (a hidden mission's
 * conversations stay with its client and assigned provider); moderators, those with a reported
 * message, and each such reading is written to the moderation log.
 */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    private readonly missions: MissionsService,
    private readonly accounts: AccountsService,
    private readonly moderationLog: ModerationLog,
    private readonly notifier: Notifier,
    private readonly photos: PhotosService,
    private readonly realtime: RealtimeEvents,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async send(sender: Viewer, { missionId, conversationId, text, attachmentIds }: SendMessageArgs): Promise<SentMessage> {
    if (!missionId === !conversationId) {
      const message = 'exactly one of missionId and conversationId';
      throw new BadUserInputError(`Name ${message}.`, [
        { field: 'missionId', message },
        { field: 'conversationId', message },
      ]);
    }
    const photoIds = (attachmentIds ?? []).map((id) => id.toLowerCase());
    if (conversationId && photoIds.length === 0) {
      const replied = await this.replyWithoutLock(sender, conversationId, text);
      if (replied) return replied;
    }
    return this.transactions.run(async (manager) => {
      const { conversation, opened } = missionId
        ? await this.openOrContinue(manager, sender, missionId)
        : { conversation: await this.participating(sender, conversationId!, manager), opened: false };
      assertMayWrite(conversation, conversation.mission);
      const recipientId = otherSideOf(conversation, sender.id);
      const recipientWasUpToDate = !opened && hasReadAll(conversation, recipientId);
      if (photoIds.length > 0) {
        await this.photos.attach(manager, { ownerId: sender.id, photoIds, use: PhotoUse.MESSAGE, max: MAX_MESSAGE_ATTACHMENTS });
      }
      const message = this.messageAfter(conversation, sender.id, text, photoIds);
      await this.realtime.publishAlong(
        manager,
        [
          'INSERT INTO messages (id, conversation_id, author_id, text, photo_ids, created_at) VALUES ($1, $2, $3, $4, $5::uuid[], $6) RETURNING id',
          `UPDATE conversations SET last_message_at = $6, ${LAST_READ_COLUMN[roleIn(conversation, sender.id)!]} = $6 WHERE id = $2`,
        ],
        [message.id, conversation.id, sender.id, text, photoIds, message.createdAt],
        [this.noticeOf(conversation, message)],
      );
      // A question is always told; a reply only when it starts a streak the recipient has not read, so that a burst makes one notification.
      if (opened || recipientWasUpToDate) {
        await this.notifier.notify(manager, {
          userId: recipientId,
          kind: opened ? NotificationKind.NEW_QUESTION : NotificationKind.NEW_MESSAGE,
          missionId: conversation.missionId,
          conversationId: conversation.id,
          facts: {
            senderName: (await this.accounts.getById(sender.id, manager)).displayName,
            missionTitle: conversation.mission.title,
            excerpt: excerptOf(this.messageAsSeenBy(recipientId, conversation, message).text!),
          },
        });
      }
      return { message: this.messageAsSeenBy(sender.id, conversation, message), conversation };
    });
  }

  /**
   * The busiest path: a text reply in a streak the recipient has not read yet (so no notification
   * is due), as one statement and no transaction. It writes only if the conversation is still as it
   * was read (same newest message, same read receipt of the recipient), which stands in for the
   * locked way's row lock: ordering and read receipts come out the same. Null when the reply must go
   * the locked way (a notification is due, or the conversation moved meanwhile); errors as that way's.
   */
  private async replyWithoutLock(sender: Viewer, conversationId: string, text: string): Promise<SentMessage | null> {
    const conversation = await this.participating(sender, conversationId);
    assertMayWrite(conversation, conversation.mission);
    const recipientId = otherSideOf(conversation, sender.id);
    if (hasReadAll(conversation, recipientId)) return null;
    const recipientRole = roleIn(conversation, recipientId)!;
    const message = this.messageAfter(conversation, sender.id, text, []);
    const written = await this.realtime.publishAlong(
      this.conversations.manager,
      [
        `UPDATE conversations SET last_message_at = $6, ${LAST_READ_COLUMN[roleIn(conversation, sender.id)!]} = $6
         WHERE id = $2 AND last_message_at = $7 AND ${LAST_READ_COLUMN[recipientRole]} IS NOT DISTINCT FROM $8::timestamptz RETURNING id`,
        'INSERT INTO messages (id, conversation_id, author_id, text, photo_ids, created_at) SELECT $1, id, $3, $4, $5::uuid[], $6 FROM write_0',
      ],
      [
        message.id,
        conversation.id,
        sender.id,
        text,
        [],
        message.createdAt,
        conversation.lastMessageAt,
        conversation[LAST_READ[recipientRole]],
      ],
      [this.noticeOf(conversation, message)],
    );
    return written ? { message: this.messageAsSeenBy(sender.id, conversation, message), conversation } : null;
  }

  /** A new message, strictly after the conversation's newest one: its order is the order of sending, even within a millisecond. */
  private messageAfter(conversation: Conversation, authorId: string, text: string, photoIds: string[]): Message {
    return {
      id: randomUUID(),
      conversationId: conversation.id,
      authorId,
      text,
      photoIds,
      createdAt: new Date(Math.max(this.clock.now().getTime(), conversation.lastMessageAt.getTime() + 1)),
      reportedAt: null,
      hiddenAt: null,
      hiddenReason: null,
    };
  }

  /**
   * The event of a message: the message and what its readers' views of it depend on, as committed
   * with it, so that each subscriber sees it without a query; only its id when that would not fit
   * in a NOTIFY (then each subscriber reads it).
   */
  private noticeOf(conversation: ConversationView, message: Message): RealtimeNotice {
    const topic = conversationTopic(conversation.id);
    const sent: SentMessageEvent = {
      messageId: message.id,
      authorId: message.authorId,
      text: message.text,
      photoIds: message.photoIds.join(','),
      createdAt: message.createdAt.toISOString(),
      clientId: conversation.clientId,
      providerId: conversation.providerId,
      assignedProviderId: conversation.mission.assignedProviderId,
      missionHiddenAt: conversation.mission.hiddenAt?.toISOString() ?? null,
    };
    const notice = { topic, payload: sent };
    return fitsInNotice(notice) ? notice : { topic, payload: { messageId: message.id } };
  }

  /** A participant's message, as another participant sees it, for their subscription (NOT_FOUND once they may no longer read it). */
  async messageFor(reader: Viewer, conversationId: string, event: MessageEvent): Promise<MessageView> {
    if (isSentMessageEvent(event)) return this.messageOfEvent(reader, conversationId, event);
    // One statement per event and subscriber: the conversation with its mission, and the message.
    const found = await this.participatingWithMission(reader, conversationId)
      .leftJoinAndMapOne('c.delivered', Message, 'delivered', 'delivered.id = :messageId AND delivered.conversation_id = c.id', {
        messageId: event.messageId,
      })
      .getOne();
    if (!found) throw new NotFoundError('Conversation');
    const { delivered, ...conversation } = found as ConversationView & { delivered: Message | null };
    if (!delivered) throw new NotFoundError('Message');
    return this.messageAsSeenBy(reader.id, conversation, delivered);
  }

  /** `messageFor` from the event itself: the same rules as the query applies, on the facts committed with the message. */
  private messageOfEvent(reader: Viewer, conversationId: string, event: SentMessageEvent): MessageView {
    const mission = {
      clientId: event.clientId,
      assignedProviderId: event.assignedProviderId,
      hiddenAt: event.missionHiddenAt === null ? null : new Date(event.missionHiddenAt),
    };
    const conversation = { clientId: event.clientId, providerId: event.providerId, mission };
    if (roleIn(conversation, reader.id) === null || !this.missions.isVisibleTo(mission, reader)) throw new NotFoundError('Conversation');
    const message = {
      id: event.messageId,
      conversationId,
      authorId: event.authorId,
      text: event.text,
      photoIds: event.photoIds === '' ? [] : event.photoIds.split(','),
      createdAt: new Date(event.createdAt),
      hiddenAt: null,
    };
    return this.messageAsSeenBy(reader.id, conversation, message);
  }

  /** A conversation the viewer may read; NOT_FOUND otherwise. */
  async findReadable(viewer: Viewer, id: string): Promise<ConversationView> {
    const [conversation] = await this.readableByIds(viewer, [id]);
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation;
  }

  /** Of the conversations asked, those the viewer may read, in any order; a moderator's reading is logged. */
  async readableByIds(viewer: Viewer | undefined, ids: readonly string[]): Promise<ConversationView[]> {
    if (!viewer) return [];
    const query = this.conversations.createQueryBuilder('c').where('c.id = ANY(:ids::uuid[])', { ids });
    query.andWhere(isModerator(viewer) ? `(${PARTICIPATING} OR ${HAS_REPORTED_MESSAGE} OR ${OF_OPEN_DISPUTE})` : PARTICIPATING, {
      reader: viewer.id,
    });
    const conversations = await this.withMissions(await this.missions.whereVisible(query, viewer, 'c.mission_id').getMany());
    for (const conversation of conversations) {
      if (readsAsModerator(viewer, conversation, true)) {
        await this.moderationLog.record(this.conversations.manager, {
          moderatorId: viewer.id,
          action: 'READ_CONVERSATION',
          targetId: conversation.id,
        });
      }
    }
    return conversations;
  }

  /** The conversation between a DISPUTED mission's client and its assigned provider, as the moderator may read it (logged); null without one. */
  async ofDispute(moderator: Viewer, mission: Mission): Promise<ConversationView | null> {
    const conversation = await this.conversations.findOneBy({ missionId: mission.id, providerId: mission.assignedProviderId! });
    if (!conversation) return null;
    const [readable] = await this.readableByIds(moderator, [conversation.id]);
    return readable ?? null;
  }

  /** The viewer's conversations, the most recently active first. */
  async listOf(viewer: Viewer, first: number, after?: string | null): Promise<Connection<ConversationView>> {
    const query = this.participatingQuery(viewer);
    const page = await pageByTime(
      query,
      { column: 'last_message_at', direction: 'DESC', timeOf: (row) => row.lastMessageAt },
      first,
      after,
    );
    const conversations = new Map((await this.withMissions(page.edges.map((edge) => edge.node))).map((c) => [c.id, c]));
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: conversations.get(edge.node.id)! })) };
  }

  /** A page of the conversation's messages as the viewer sees them, newest first (a chat shows the last ones, then older). */
  async messagesOf(viewer: Viewer, conversation: ConversationView, first: number, after?: string | null): Promise<Connection<MessageView>> {
    const query = this.messages.createQueryBuilder('m').where('m.conversation_id = :id', { id: conversation.id });
    const page = await pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
    return {
      ...page,
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: this.messageAsSeenBy(viewer.id, conversation, edge.node) })),
    };
  }

  /** Of the messages asked, those the viewer may read (in conversations they may read), as they see them. */
  async messagesReadableByIds(viewer: Viewer | undefined, ids: readonly string[]): Promise<MessageView[]> {
    const messages = await this.messages.findBy({ id: In([...ids]) });
    if (!viewer || messages.length === 0) return [];
    const conversations = new Map(
      (await this.readableByIds(viewer, [...new Set(messages.map((message) => message.conversationId))])).map((c) => [c.id, c]),
    );
    return messages.flatMap((message) => {
      const conversation = conversations.get(message.conversationId);
      return conversation ? [this.messageAsSeenBy(viewer.id, conversation, message)] : [];
    });
  }

  /** The viewer has read the conversation up to its newest message. Participants only. */
  async markRead(viewer: Viewer, id: string): Promise<ConversationView> {
    const conversation = await this.participating(viewer, id);
    const column = LAST_READ[roleIn(conversation, viewer.id)!];
    await this.conversations.update({ id }, { [column]: conversation.lastMessageAt });
    return { ...conversation, [column]: conversation.lastMessageAt };
  }

  /** How many messages the viewer has not read in each conversation, in the order asked (0 where they take no part). */
  async unreadCounts(viewer: Viewer, conversationIds: readonly string[]): Promise<number[]> {
    const rows: { id: string; unread: number }[] = await this.conversations
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('count(m.id)::int', 'unread')
      .innerJoin(Message, 'm', `m.conversation_id = c.id AND ${UNREAD_BY_READER}`)
      .where('c.id = ANY(:ids::uuid[])', { ids: conversationIds })
      .andWhere(PARTICIPATING, { reader: viewer.id })
      .groupBy('c.id')
      .getRawMany();
    const unread = new Map(rows.map((row) => [row.id, row.unread]));
    return conversationIds.map((id) => unread.get(id) ?? 0);
  }

  /** Every message the viewer has not read, in all the conversations they may read. */
  async unreadTotal(viewer: Viewer): Promise<number> {
    const row: { unread: number } | undefined = await this.participatingQuery(viewer)
      .innerJoin(Message, 'm', `m.conversation_id = c.id AND ${UNREAD_BY_READER}`)
      .select('count(*)::int', 'unread')
      .getRawOne();
    return row?.unread ?? 0;
  }

  /** For reports: the author of a message the reporter takes part in the conversation of; NOT_FOUND for anyone else. */
  async authorOfReportable(reporter: Viewer, messageId: string): Promise<string> {
    const message = await this.messages.findOneBy({ id: messageId });
    if (message) {
      const conversation = await this.participatingQuery(reporter).andWhere('c.id = :id', { id: message.conversationId }).getOne();
      if (conversation) return message.authorId;
    }
    throw new NotFoundError('Message');
  }

  /** A participant reported the message, in the report's transaction: moderators may read its conversation from now on. */
  async recordReport(manager: EntityManager, messageId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Message)
      .set({ reportedAt: () => 'coalesce(reported_at, now())' })
      .where('id = :messageId', { messageId })
      .execute();
  }

  /** Whether the user takes part in the conversation of the message (for reports about it), in the caller's transaction. */
  async isPartyTo(manager: EntityManager, messageId: string, viewer: Viewer): Promise<boolean> {
    const message = await manager.findOneBy(Message, { id: messageId });
    const conversation = message && (await manager.findOneBy(Conversation, { id: message.conversationId }));
    return !!conversation && roleIn(conversation, viewer.id) !== null;
  }

  /**
   * A moderator who takes no part in its conversation hides a message they may read (one of the
   * conversation's messages was reported), in the caller's transaction. Its author is told by the
   * statement of reasons the moderation domain issues.
   */
  async hide(manager: EntityManager, moderator: Viewer, messageId: string, reason: string): Promise<SentMessage> {
    const message = await manager.findOne(Message, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
    const conversation = message && (await manager.findOneBy(Conversation, { id: message.conversationId }));
    const reported = !!conversation && (await manager.existsBy(Message, { conversationId: conversation.id, reportedAt: Not(IsNull()) }));
    if (!message || !conversation || !(reported || roleIn(conversation, moderator.id))) throw new NotFoundError('Message');
    assertMayHide(moderator, conversation, message);
    await manager.update(Message, { id: message.id }, { hiddenAt: this.clock.now(), hiddenReason: reason });
    const [view] = await this.withMissions([conversation], manager);
    const hidden = await manager.findOneByOrFail(Message, { id: message.id });
    return { message: this.messageAsSeenBy(moderator.id, view, hidden), conversation: view };
  }

  /** A hiding reversed on review: the message's participants read it again. */
  async unhide(manager: EntityManager, messageId: string): Promise<void> {
    await manager.update(Message, { id: messageId }, { hiddenAt: null, hiddenReason: null });
  }

  /**
   * One batch of the retention purge: deletes up to `limit` conversations of missions that ended
   * (completed or cancelled) before `endedBefore`, their messages with them, and releases the
   * photos those messages carried, in one transaction; the photos are deleted after commit (a
   * crash in between leaves them to the unattached photos' purge). Conversations being written
   * to are skipped, for the next run.
   */
  async purgeOfMissionsEndedBefore(endedBefore: Date, limit: number): Promise<{ conversations: number; messages: number; photos: number }> {
    const purged = await this.transactions.run(async (manager) => {
      const [batch] = (await manager.query(
        `WITH doomed AS (
           SELECT c.id FROM conversations c JOIN missions m ON m.id = c.mission_id
            WHERE m.status IN ('COMPLETED', 'CANCELLED') AND coalesce(m.completed_at, m.cancelled_at) < $1
            LIMIT $2 FOR UPDATE OF c SKIP LOCKED),
         carried AS (
           SELECT count(DISTINCT m.id)::int AS messages, coalesce(array_agg(photo_id) FILTER (WHERE photo_id IS NOT NULL), '{}') AS photo_ids
             FROM messages m LEFT JOIN LATERAL unnest(m.photo_ids) AS photo_id ON true
            WHERE m.conversation_id IN (SELECT id FROM doomed)),
         deleted AS (DELETE FROM conversations WHERE id IN (SELECT id FROM doomed) RETURNING id)
         SELECT (SELECT count(*)::int FROM deleted) AS conversations, carried.messages, carried.photo_ids FROM carried`,
        [endedBefore, limit],
      )) as { conversations: number; messages: number; photo_ids: string[] }[];
      await this.photos.release(manager, batch.photo_ids);
      return batch;
    });
    const photos = await this.photos.deleteUnattached(purged.photo_ids);
    return { conversations: purged.conversations, messages: purged.messages, photos };
  }

  /** A conversation the viewer takes part in, on a mission they may see; NOT_FOUND otherwise (moderators included). */
  async participating(viewer: Viewer, id: string, manager?: EntityManager): Promise<ConversationView> {
    const query = this.participatingWithMission(viewer, id, manager);
    // Within a transaction, the conversation's row is locked (not its mission's): sends are ordered by it.
    if (manager) query.setLock('pessimistic_write', undefined, ['c']);
    const conversation = await query.getOne();
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation as ConversationView;
  }

  /** The conversation if the viewer takes part in it, with its mission if they may see it, in one statement. */
  private participatingWithMission(viewer: Viewer, id: string, manager = this.conversations.manager): SelectQueryBuilder<Conversation> {
    const query = manager.createQueryBuilder(Conversation, 'c').where(PARTICIPATING, { reader: viewer.id }).andWhere('c.id = :id', { id });
    return this.missions.joinVisible(query, viewer, 'c.mission');
  }

  /**
   * The sender's conversation about the mission, locked; opened first when they have none (by an
   * insert that a concurrent first message of theirs cannot double: the unique index orders them).
   */
  private async openOrContinue(
    manager: EntityManager,
    sender: Viewer,
    missionId: string,
  ): Promise<{ conversation: ConversationView; opened: boolean }> {
    const mission = await this.missions.findVisible(sender, missionId, manager);
    if (!mission) throw new NotFoundError('Mission');
    const existing = await this.lockOfMission(manager, missionId, sender.id);
    if (existing) return { conversation: { ...existing, mission }, opened: false };
    assertMayOpen(sender, mission);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Conversation)
      .values({ missionId, clientId: mission.clientId, providerId: sender.id, lastMessageAt: this.clock.now() })
      .orIgnore()
      .returning(['id'])
      .execute();
    const opened = (inserted.raw as unknown[]).length > 0;
    return { conversation: { ...(await this.lockOfMission(manager, missionId, sender.id))!, mission }, opened };
  }

  private lockOfMission(manager: EntityManager, missionId: string, providerId: string): Promise<Conversation | null> {
    return manager.findOne(Conversation, { where: { missionId, providerId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Conversations the viewer takes part in, on missions they may see. */
  private participatingQuery(viewer: Viewer, manager: EntityManager = this.conversations.manager): SelectQueryBuilder<Conversation> {
    const query = manager.createQueryBuilder(Conversation, 'c').where(PARTICIPATING, { reader: viewer.id });
    return this.missions.whereVisible(query, viewer, 'c.mission_id');
  }

  /** Each conversation with its mission (one statement for a page). */
  private async withMissions(conversations: Conversation[], manager?: EntityManager): Promise<ConversationView[]> {
    if (conversations.length === 0) return [];
    const missions = new Map<string, Mission>(
      (await this.missions.findByIds([...new Set(conversations.map((c) => c.missionId))], manager)).map((mission) => [mission.id, mission]),
    );
    return conversations.map((conversation) => ({ ...conversation, mission: missions.get(conversation.missionId)! }));
  }

  private messageAsSeenBy(
    readerId: string,
    conversation: Pick<Conversation, 'clientId' | 'providerId'> & { mission: Pick<Mission, 'assignedProviderId'> },
    message: Pick<Message, 'id' | 'conversationId' | 'authorId' | 'text' | 'photoIds' | 'createdAt' | 'hiddenAt'>,
  ): MessageView {
    const { text, masked } = textFor(readerId, message, {
      contactsShown: showsContactDetails(conversation, conversation.mission),
      moderator: roleIn(conversation, readerId) === null,
    });
    return {
      id: message.id,
      conversationId: message.conversationId,
      authorId: message.authorId,
      text,
      masked,
      hidden: message.hiddenAt !== null,
      photoIds: text === null ? [] : message.photoIds,
      createdAt: message.createdAt,
    };
  }
}
