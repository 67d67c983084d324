import { MASKED_CONTACT, maskContactDetails } from './contact-masking';

const M = MASKED_CONTACT;

describe('masking contact details', () => {
  it.each([
    ['Appelez-moi au 06 12 34 56 78 pour en parler', `Appelez-moi au ${M} pour en parler`],
    ['mon portable : 06.12.34.56.78', `mon portable : ${M}`],
    ['06-12-34-56-78', M],
    ['0612345678', M],
    ['tel 07 98 76 54 32.', `tel ${M}.`],
    ['+33 6 12 34 56 78', M],
    ['+33612345678', M],
    ['0033 6 12 34 56 78', M],
    ['0033612345678', M],
    ['+33 (0)6 12 34 56 78', M],
    ['+33 6.12.34.56.78', M],
    ['le fixe du bureau : 01 42 68 53 00', `le fixe du bureau : ${M}`],
    ['à Londres : +44 20 7946 0958', `à Londres : ${M}`],
    ['en Belgique +32 470 12 34 56', `en Belgique ${M}`],
    ['US: +1 415 555 2671', `US: ${M}`],
    ['0 6 1 2 3 4 5 6 7 8', M],
  ])('masks the phone number in %j', (text, expected) => {
    expect(maskContactDetails(text)).toEqual({ text: expected, masked: true });
  });

  it.each([
    ['écrivez-moi à karim.benali@gmail.com', `écrivez-moi à ${M}`],
    ['KARIM_B+pro@Example.FR !', `${M} !`],
    ['contact : karim @ orange . fr', `contact : ${M}`],
    ['karim at gmail dot com', M],
    ['karim.benali at gmail dot com merci', `${M} merci`],
    ['karim [at] gmail [dot] com', M],
    ['karim(at)free(point)fr', M],
    ['karim arobase laposte point net', M],
    ['karim {@} yahoo {.} fr', M],
    ['jean-pierre chez wanadoo point fr', M],
  ])('masks the email address in %j', (text, expected) => {
    expect(maskContactDetails(text)).toEqual({ text: expected, masked: true });
  });

  it('masks several details, and both kinds, in one message', () => {
    expect(maskContactDetails('Mail : a.b@c.fr, tél : 06 12 34 56 78 ou +33 7 98 76 54 32')).toEqual({
      text: `Mail : ${M}, tél : ${M} ou ${M}`,
      masked: true,
    });
  });

  it.each([
    'Je propose 150 € pour le tout',
    'Budget : 1 234,56 € TTC',
    'prix 12000 centimes',
    'Disponible le 12/05/2026 à 14h30',
    'le 2026-12-01 entre 8h et 18h30',
    '2 rue de la Paix, 75002 Paris',
    '12 rue Oberkampf 75011',
    'Mon SIRET : 732 829 320 00074',
    'SIRET 73282932000074',
    'code de la porte 123456',
    'Il faut 3 à 4 heures, 2 personnes, 1 camion de 20 m3',
    'je suis au point mort, à bientôt',
    'rendez-vous at noon, dot on time',
    'on se voit chez Paul point final',
    'Armoire PAX 236 cm x 100 cm x 58 cm',
    'Ma note est de 4.5 sur 5',
    '',
  ])('leaves %j alone', (text) => {
    expect(maskContactDetails(text)).toEqual({ text, masked: false });
  });
});
