import { AccountsModule } from '@marketplace/accounts';
import { NodeSources } from '@marketplace/common';
import { MissionsModule } from '@marketplace/missions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { PhotosModule } from '@marketplace/photos';
import { RealtimeModule } from '@marketplace/realtime';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Conversation } from './conversation.entity';
import {
  ConversationParticipantResolver,
  ConversationResolver,
  DisputeConversationResolver,
  MessageResolver,
  UserMessagesResolver,
} from './conversations.resolver';
import { ConversationsService } from './conversations.service';
import { Message } from './message.entity';

/** Above missions (a conversation is about one), below moderation (which hides messages). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Conversation, Message]),
    AccountsModule,
    MissionsModule,
    ModerationLogModule,
    NotificationsModule,
    PhotosModule,
    RealtimeModule,
  ],
  providers: [
    ConversationsService,
    ConversationResolver,
    DisputeConversationResolver,
    ConversationParticipantResolver,
    MessageResolver,
    UserMessagesResolver,
  ],
  exports: [ConversationsService],
})
export class ConversationsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly conversations: ConversationsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register({ typeName: 'Conversation', visibleByIds: (viewer, ids) => this.conversations.readableByIds(viewer, ids) });
    this.nodes.register({ typeName: 'Message', visibleByIds: (viewer, ids) => this.conversations.messagesReadableByIds(viewer, ids) });
  }
}
