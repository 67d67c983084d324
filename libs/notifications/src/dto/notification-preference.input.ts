import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, ValidateNested } from 'class-validator';
import { NotificationKind } from '../notification-kind';

@InputType({ description: 'A choice for one kind of notification.' })
export class NotificationPreferenceInput {
  @Field(() => NotificationKind, { description: 'The kind of notification.' })
  @IsEnum(NotificationKind, { message: 'must be a NotificationKind' })
  kind!: NotificationKind;

  @Field({ description: 'Whether its emails are sent.' })
  @IsBoolean()
  email!: boolean;
}

@ArgsType()
export class UpdateNotificationPreferencesArgs {
  @Field(() => [NotificationPreferenceInput], { description: 'The kinds to change; the others stay as they are.' })
  @ArrayMinSize(1, { message: 'must name at least one kind' })
  @ArrayMaxSize(Object.keys(NotificationKind).length, { message: 'must name each kind at most once' })
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences!: NotificationPreferenceInput[];
}
