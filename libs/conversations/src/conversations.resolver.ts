import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  CurrentViewer,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  Viewer,
  viewerOf,
} from '@marketplace/common';
import { DisputeType, Mission, MissionType } from '@marketplace/missions';
import { Photo, PhotosLoader, PhotoType } from '@marketplace/photos';
import { mapEvents, RealtimeEvents } from '@marketplace/realtime';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { Request } from 'express';
import { ConversationRole } from './conversation-rules';
import { ConversationConnection, ConversationParticipantType, ConversationType, ConversationView, Participant } from './conversation.type';
import { conversationTopic, ConversationsService, MessageEvent } from './conversations.service';
import { SendMessageArgs } from './dto/send-message.args';
import { MessageConnection, MessageType, MessageView } from './message.type';

const CONVERSATION_ID = { type: () => ID, description: "The conversation's id." } as const;

@Resolver(() => ConversationType)
export class ConversationResolver {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly realtime: RealtimeEvents,
    private readonly loaders: RequestLoaders,
  ) {}

  @Subscription(() => MessageType, {
    description:
      'Each message sent in the conversation from now on, as the viewer sees it (masked as in the conversation). Participants only: NOT_FOUND otherwise, also when the subscriber may no longer read it.',
    resolve: (message: MessageView) => message,
  })
  async messageAdded(
    @CurrentViewer() viewer: Viewer,
    @Args('conversationId', CONVERSATION_ID) conversationId: string,
  ): Promise<AsyncIterableIterator<MessageView>> {
    const id = assertUuid(conversationId, 'conversationId');
    // Listening before the check, as RealtimeEvents.follow does, so that nothing committed in between is missed.
    const events = this.realtime.listen<MessageEvent>(conversationTopic(id));
    await this.conversations.participating(viewer, id).catch(async (error: unknown) => {
      await events.return?.();
      throw error;
    });
    return mapEvents(events, (event) => this.conversations.messageFor(viewer, id, event));
  }

  @Query(() => ConversationType, {
    description:
      'A conversation the viewer takes part in, on a mission they may see (or, for moderators, one with a reported message or of a DISPUTED mission with its assigned provider: the reading is logged). NOT_FOUND for anyone else.',
  })
  conversation(@CurrentViewer() viewer: Viewer, @Args('id', CONVERSATION_ID) id: string): Promise<ConversationView> {
    return this.conversations.findReadable(viewer, assertUuid(id));
  }

  @Query(() => ConversationConnection, { description: 'The conversations the viewer takes part in, the most recently active first.' })
  myConversations(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<ConversationView>> {
    return this.conversations.listOf(viewer, first ?? 20, after);
  }

  @RateLimit('message')
  @Mutation(() => MessageType, {
    description:
      "Sends a message; returns it as its author sees it (as written). With missionId, a provider asks about an OPEN mission, which opens their conversation with its client (FORBIDDEN for the mission's client and for users without a provider profile; CONFLICT once the mission is not OPEN). With conversationId, a participant writes in it: while the mission is OPEN, then only the client and the provider the mission was assigned to (CONFLICT for the other providers: their conversations become read-only). NOT_FOUND for a conversation or mission the viewer may not see. TOO_MANY_REQUESTS past RATE_LIMIT_MESSAGE_PER_USER (100 a minute by default).",
  })
  async sendMessage(@CurrentViewer() viewer: Viewer, @Args() args: SendMessageArgs): Promise<MessageView> {
    return (await this.conversations.send(viewer, args)).message;
  }

  @Mutation(() => ConversationType, {
    description:
      "The viewer has read the conversation up to its newest message: their read receipt (participants' lastReadAt) moves there, and its messages leave their unread counts. Participants only (NOT_FOUND otherwise).",
  })
  markConversationRead(
    @CurrentViewer() viewer: Viewer,
    @Args('conversationId', CONVERSATION_ID) conversationId: string,
  ): Promise<ConversationView> {
    return this.conversations.markRead(viewer, assertUuid(conversationId, 'conversationId'));
  }

  @ResolveField(() => MissionType, { description: 'The mission the conversation is about.' })
  mission(conversation: ConversationView): Mission {
    return conversation.mission;
  }

  @ResolveField(() => [ConversationParticipantType], { description: "The mission's client and the provider, with their read receipts." })
  participants(conversation: ConversationView): Participant[] {
    return [
      { userId: conversation.clientId, role: ConversationRole.CLIENT, lastReadAt: conversation.clientLastReadAt },
      { userId: conversation.providerId, role: ConversationRole.PROVIDER, lastReadAt: conversation.providerLastReadAt },
    ];
  }

  @ResolveField(() => MessageConnection, {
    description: 'Its messages as the viewer may see them, newest first (a chat shows the last page, then asks for older ones with after).',
  })
  messages(
    @Parent() conversation: ConversationView,
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<MessageView>> {
    return this.conversations.messagesOf(viewer, conversation, first ?? 50, after);
  }

  @ResolveField(() => Int, { description: "The other side's messages the viewer has not read (0 for moderators)." })
  unreadCount(@Parent() conversation: ConversationView, @Context('req') req: Request, @CurrentViewer() viewer: Viewer): Promise<number> {
    return this.loaders
      .get(req, 'unreadMessagesByConversation', (ids: readonly string[]) => this.conversations.unreadCounts(viewer, ids))
      .load(conversation.id);
  }
}

@Resolver(() => DisputeType)
export class DisputeConversationResolver {
  constructor(private readonly conversations: ConversationsService) {}

  @ResolveField(() => ConversationType, {
    nullable: true,
    description:
      "The conversation between the mission's client and its assigned provider (the reading is logged, as READ_CONVERSATION); null when they never wrote.",
  })
  conversation(@Parent() mission: Mission, @CurrentViewer() moderator: Viewer): Promise<ConversationView | null> {
    return this.conversations.ofDispute(moderator, mission);
  }
}

@Resolver(() => ConversationParticipantType)
export class ConversationParticipantResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => UserType, { description: 'The participant.' })
  user(participant: Participant, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, participant.userId);
  }
}

@Resolver(() => MessageType)
export class MessageResolver {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly users: UsersLoader,
    private readonly photos: PhotosLoader,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [PhotoType], {
    description:
      'The photos sent with it, in order (4 at most); none once a moderator hid it. A page of messages loads them in one statement.',
  })
  attachments(message: MessageView, _args: unknown, { req }: FieldContext): Promise<Photo[]> {
    return this.photos.loadMany(req, message.photoIds);
  }

  @ResolveField(() => UserType, { description: 'Who wrote it.' })
  author(message: MessageView, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, message.authorId);
  }

  @ResolveField(() => ConversationType, { description: 'The conversation it belongs to.' })
  conversation(@Parent() message: MessageView, @Context('req') req: Request, @CurrentViewer() viewer: Viewer): Promise<ConversationView> {
    return this.loaders
      .get<string, ConversationView>(req, 'readableConversationsById', async (ids) => {
        const found = new Map((await this.conversations.readableByIds(viewer, ids)).map((conversation) => [conversation.id, conversation]));
        return ids.map((id) => found.get(id) ?? new Error(`Conversation ${id} is missing`));
      })
      .load(message.conversationId);
  }
}

/** `User.unreadMessageCount`: the badge of the messaging tab. */
@Resolver(() => UserType)
export class UserMessagesResolver {
  constructor(private readonly conversations: ConversationsService) {}

  @ResolveField(() => Int, {
    nullable: true,
    description:
      'Messages of the other side that the user has not read, in all their conversations; visible to the user only (null for anyone else).',
  })
  unreadMessageCount(user: User, _args: unknown, { req }: FieldContext): Promise<number> | null {
    const viewer = viewerOf(req);
    return viewer?.id === user.id ? this.conversations.unreadTotal(viewer) : null;
  }
}
