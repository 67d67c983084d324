import { trimmed, TextLength } from '@marketplace/common';
import { Field, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

@InputType({ description: 'The business a client buys for: its name and SIREN appear on their invoices (B2B mentions apply).' })
export class BillingBusinessInput {
  @Field({ description: 'The company name, 2 to 120 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(2, 120, { message: 'must be 2 to 120 characters' })
  companyName!: string;

  @Field({ description: 'The SIREN: 9 digits with a valid (Luhn) checksum, spaces ignored. BAD_USER_INPUT otherwise.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value))
  @IsString()
  siren!: string;
}

@InputType({ description: "Who the viewer's invoices name: the whole billing profile (a field left out is cleared)." })
export class UpdateBillingProfileInput {
  @Field({
    description: 'The full name as it must appear on invoices, 2 to 120 characters once trimmed (for a provider, the one "EI" follows).',
  })
  @Transform(trimmed)
  @IsString()
  @TextLength(2, 120, { message: 'must be 2 to 120 characters' })
  fullName!: string;

  @Field({ description: 'Street and number, 3 to 200 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 200, { message: 'must be 3 to 200 characters' })
  addressLine!: string;

  @Field({ description: 'A French postcode: 5 digits.' })
  @Matches(/^\d{5}$/, { message: 'must be 5 digits' })
  postcode!: string;

  @Field({ description: 'The town, 1 to 100 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(1, 100, { message: 'must be 1 to 100 characters' })
  city!: string;

  @Field(() => BillingBusinessInput, { nullable: true, description: 'Set when buying for a business; null or left out for a consumer.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingBusinessInput)
  business?: BillingBusinessInput | null;
}
