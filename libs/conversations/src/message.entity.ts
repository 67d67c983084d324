import { User } from '@marketplace/accounts';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Conversation } from './conversation.entity';

export const MAX_MESSAGE_ATTACHMENTS = 4;

/**
 * One message of a conversation, stored as its author wrote it: contact details are masked when
 * it is read (contact-masking.ts), so that they show once the mission is assigned to the provider.
 * `createdAt` is set by the sender's transaction, strictly after the conversation's previous
 * message, so that the order of a conversation is the order its messages were sent in.
 */
@Entity('messages')
@Index('messages_of_conversation_idx', ['conversationId', 'createdAt', 'id'])
@Check('messages_text_length', `char_length(text) BETWEEN 1 AND 2000`)
@Check('messages_hiding', `(hidden_at IS NULL) = (hidden_reason IS NULL)`)
@Check('messages_attachment_count', `cardinality(photo_ids) <= ${MAX_MESSAGE_ATTACHMENTS}`)
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  conversationId!: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  author?: User;

  @Column({ type: 'text' })
  text!: string;

  /** Photos attached when it was sent (PhotosService.attach), in order. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  photoIds!: string[];

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** When a participant first reported it: from then on, moderators may read its conversation. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reportedAt!: Date | null;

  /** Set by a moderator: participants see that it was hidden, not what it said. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  hiddenAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;
}
