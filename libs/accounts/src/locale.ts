import { registerEnumType } from '@nestjs/graphql';

/** The languages the platform writes to its users in. */
export enum Locale {
  FR = 'fr',
  EN = 'en',
}

registerEnumType(Locale, {
  name: 'Locale',
  description: 'The language of the emails sent to a user: French by default.',
  valuesMap: { FR: { description: 'French (the default).' }, EN: { description: 'English.' } },
});
