import { TextLength } from '@marketplace/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsString } from 'class-validator';

@ArgsType()
export class SignInCodeArgs {
  @Field({ description: 'The `code` FranceConnect sign-in returned to the web app (`<PUBLIC_APP_URL>/franceconnect?code=…`).' })
  @IsString()
  @TextLength(1, 200, { message: 'must be the code of a FranceConnect sign-in' })
  code!: string;
}
