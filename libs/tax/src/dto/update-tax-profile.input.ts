import { CalendarDate } from '@marketplace/earnings';
import { Field, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DeclarationFrequency, VatStatus } from '../profile/tax-profile.entity';
import { ActivityType } from '../tax-rates';

@InputType({ description: "The provider's whole tax profile (a field left out is cleared)." })
export class UpdateTaxProfileInput {
  @Field(() => ActivityType, { description: 'How the activity is classified for the thresholds and contributions.' })
  @IsEnum(ActivityType)
  activityType!: ActivityType;

  @Field(() => CalendarDate, { description: 'The day the activity started; not after today (BAD_USER_INPUT otherwise).' })
  @IsString()
  activityStartedOn!: string;

  @Field(() => VatStatus, { description: 'FRANCHISE (no VAT charged) or LIABLE (with vatNumber).' })
  @IsEnum(VatStatus)
  vatStatus!: VatStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'The French VAT number, spaces ignored: FR, its key (12 + 3 × (SIREN mod 97)) mod 97, the SIREN. Required when LIABLE; BAD_USER_INPUT when its key is wrong.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value))
  @IsOptional()
  @IsString()
  vatNumber?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Once LIABLE, the VAT rate charged in basis points (2000 = 20 %), among the year's allowed rates; null for the standard rate.",
  })
  @IsOptional()
  @IsInt()
  vatRateBasisPoints?: number | null;

  @Field(() => DeclarationFrequency, { description: 'How often revenue is declared to the URSSAF.' })
  @IsEnum(DeclarationFrequency)
  declarationFrequency!: DeclarationFrequency;

  @Field({ description: 'Whether the provider opted for the versement libératoire of income tax.' })
  @IsBoolean()
  versementLiberatoire!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Revenue received outside the platform this calendar year so far, in cents, ≥ 0; counted in thresholds. Null for none.',
  })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must be 0 or more' })
  @Max(2_000_000_000, { message: 'must be at most 2000000000' })
  offPlatformRevenueCents?: number | null;
}
