import { TextLength, trimmed } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID } from 'class-validator';
import { MAX_MESSAGE_ATTACHMENTS } from '../message.entity';

export const MESSAGE_MAX_LENGTH = 2000;

@ArgsType()
export class SendMessageArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      "A provider's message about this OPEN mission: it opens their conversation with its client (or adds to it, when they have one). Exactly one of missionId and conversationId.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A reply in a conversation the viewer takes part in. Exactly one of missionId and conversationId.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  conversationId?: string | null;

  @Field({ description: `The message, 1 to ${MESSAGE_MAX_LENGTH} characters once trimmed.` })
  @Transform(trimmed)
  @IsString()
  @TextLength(1, MESSAGE_MAX_LENGTH, { message: `must be 1 to ${MESSAGE_MAX_LENGTH} characters` })
  text!: string;

  @Field(() => [ID], {
    nullable: true,
    description: `Photos the viewer uploaded (POST /photos) and has not attached yet, ${MAX_MESSAGE_ATTACHMENTS} at most: NOT_FOUND for anyone else's, CONFLICT for one already attached.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MESSAGE_ATTACHMENTS, { message: `must be at most ${MAX_MESSAGE_ATTACHMENTS} photos` })
  @ArrayUnique({ message: 'must not name a photo twice' })
  @IsUUID('all', { each: true, message: 'must be valid ids (UUID)' })
  attachmentIds?: string[] | null;
}
