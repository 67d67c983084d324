import { trimmed, TextLength } from '@marketplace/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsString, IsUUID } from 'class-validator';
import { DocumentType } from '../identity-verification.entity';
import { DocumentTypeField } from '../identity-verification.type';

@InputType({ description: 'An identity verification case: documents uploaded first with POST /identity/documents.' })
export class SubmitIdentityVerificationInput {
  @Field(() => DocumentTypeField, { description: 'The kind of document (not FRANCECONNECT, which no document is).' })
  @IsEnum(DocumentType, { message: 'must be one of ID_CARD, PASSPORT, RESIDENCE_PERMIT, DRIVING_LICENCE' })
  documentType!: DocumentType;

  @Field({ description: 'The name on the document, 2 to 120 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(2, 120, { message: 'must be 2 to 120 characters' })
  legalName!: string;

  @Field({ description: 'ISO date, YYYY-MM-DD. A real date making the user at least 18 today.' })
  @IsString()
  @TextLength(10, 10, { message: 'must be a date written YYYY-MM-DD' })
  dateOfBirth!: string;

  @Field(() => [ID], {
    description: "Ids returned by POST /identity/documents. 1 to 3 of the viewer's own documents, not submitted before.",
  })
  @ArrayMinSize(1, { message: 'must name 1 to 3 documents' })
  @ArrayMaxSize(3, { message: 'must name 1 to 3 documents' })
  @ArrayUnique({ message: 'must not name a document twice' })
  @IsUUID('all', { each: true, message: 'must be document ids' })
  documentIds!: string[];
}
