import { TextLength, trimmed } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID } from 'class-validator';

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
}
