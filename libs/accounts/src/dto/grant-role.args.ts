import { Role } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';

@ArgsType()
export class GrantRoleArgs {
  @Field(() => ID, { description: 'The user who receives the role.' })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  userId!: string;

  @Field(() => Role, { description: 'MODERATOR or ADMIN (BAD_USER_INPUT for another role); a role the user has already changes nothing.' })
  @IsEnum(Role)
  role!: Role;
}
