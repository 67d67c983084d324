/** FranceConnect's scopes, each with the claim it gives (as on its integration platform). */
export const FRANCECONNECT_CLAIMS = {
  openid: ['sub'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  birthdate: ['birthdate'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  gender: ['gender'],
  email: ['email'],
  preferred_username: ['preferred_username'],
};

/** A person as FranceConnect describes them: birthplace and birthcountry are INSEE codes (99100 is France). */
export interface FranceConnectIdentity {
  sub: string;
  given_name: string;
  family_name: string;
  birthdate: string;
  birthplace: string;
  birthcountry: string;
  gender: 'female' | 'male';
  email: string;
  preferred_username: string;
}

/** The local provider's people: an adult (FranceConnect's own test identity), another adult, and a minor (16 today). */
export function localTestIdentities(today: Date): FranceConnectIdentity[] {
  const sixteenYearsAgo = new Date(Date.UTC(today.getUTCFullYear() - 16, today.getUTCMonth(), today.getUTCDate()));
  return [
    {
      sub: 'local-angela-dubois',
      given_name: 'Angela Claire Louise',
      family_name: 'DUBOIS',
      birthdate: '1962-08-24',
      birthplace: '75107',
      birthcountry: '99100',
      gender: 'female',
      email: 'angela.dubois@franceconnect.localhost',
      preferred_username: '',
    },
    {
      sub: 'local-pierre-martin',
      given_name: 'Pierre',
      family_name: 'MARTIN',
      birthdate: '1990-03-12',
      birthplace: '69123',
      birthcountry: '99100',
      gender: 'male',
      email: 'pierre.martin@franceconnect.localhost',
      preferred_username: '',
    },
    {
      sub: 'local-lucas-petit',
      given_name: 'Lucas',
      family_name: 'PETIT',
      birthdate: sixteenYearsAgo.toISOString().slice(0, 10),
      birthplace: '13055',
      birthcountry: '99100',
      gender: 'male',
      email: 'lucas.petit@franceconnect.localhost',
      preferred_username: '',
    },
  ];
}
