import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';

@InputType({
  description:
    'What DAC7 needs that the platform does not hold already (identity verification gives the legal name and date of birth, the billing profile the address, the provider profile the SIREN): give only what `myReportingDetails.missing` lists; absent fields are left as they are.',
})
export class UpdateReportingDetailsInput {
  @Field(() => String, { nullable: true, description: 'The French numéro fiscal: 13 digits, the first 0 to 3 (spaces allowed).' })
  @IsOptional()
  @IsString()
  taxIdentificationNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The town of birth.' })
  @IsOptional()
  @IsString()
  birthCity?: string | null;

  @Field(() => String, { nullable: true, description: 'The country of birth, ISO 3166-1 alpha-2 (FR, BE…).' })
  @IsOptional()
  @IsString()
  birthCountryCode?: string | null;
}
