import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, IsUUID } from 'class-validator';

@ArgsType()
export class InvoiceIdArgs {
  @Field(() => ID, { description: "The invoice's id." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;
}

@ArgsType()
export class ContestInvoiceArgs extends InvoiceIdArgs {
  @Field({ description: 'What is wrong with the invoice, 1 to 1000 characters once trimmed: recorded with the contest.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(1, 1000, { message: 'must be 1 to 1000 characters once trimmed' })
  reason!: string;
}
