import { Role } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';

@ArgsType()
export class GrantRoleArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
