import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aProviderProfileInput } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const UPSERT = `mutation ($input: ProviderProfileInput!) {
  upsertProviderProfile(input: $input) {
    headline bio categories hourlyRateCents currency siret payoutsEnabled
    serviceArea { city postcode latitude longitude radiusKm }
  }
}`;
const PROFILE_OF = `query ($id: ID!) { user(id: $id) { roles providerProfile { headline siret categories serviceArea { radiusKm } } } }`;

describe('provider profiles', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  async function profileOf(user: SignedInUser, token?: string) {
    return (await app.graphql(PROFILE_OF, { id: user.id }, token)).data!.user;
  }

  it('makes the user a provider and shows the profile, SIRET to the provider and moderators only', async () => {
    const provider = await aSignedInUser(app);
    const created = await app.graphql(UPSERT, { input: aProviderProfileInput({ siret: '732 829 320 00074' }) }, provider.accessToken);
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertProviderProfile).toEqual({
      headline: 'Bricoleur soigneux, montage de meubles',
      bio: 'Dix ans de montage de meubles en kit à Paris et en petite couronne.',
      categories: ['FURNITURE_ASSEMBLY', 'HANDYMAN'],
      hourlyRateCents: 3500,
      currency: 'EUR',
      siret: '73282932000074',
      payoutsEnabled: false,
      serviceArea: { city: 'Paris', postcode: '75011', latitude: 48.8589, longitude: 2.3795, radiusKm: 15 },
    });

    const asSelf = await profileOf(provider, provider.accessToken);
    expect(asSelf.roles).toEqual(['CLIENT', 'PROVIDER']);
    expect(asSelf.providerProfile.siret).toBe('73282932000074');

    const stranger = await aSignedInUser(app);
    expect((await profileOf(provider, stranger.accessToken)).providerProfile).toMatchObject({
      headline: created.data!.upsertProviderProfile.headline,
      siret: null,
    });
    expect((await profileOf(provider)).providerProfile.siret).toBeNull();
    const moderator = await aUserWithRole(app, 'MODERATOR');
    expect((await profileOf(provider, moderator.accessToken)).providerProfile.siret).toBe('73282932000074');
  });

  it('replaces the profile on a second upsert, without granting the role twice', async () => {
    const provider = await aSignedInUser(app);
    await app.graphql(UPSERT, { input: aProviderProfileInput() }, provider.accessToken);
    const updated = await app.graphql(
      UPSERT,
      { input: aProviderProfileInput({ headline: 'Jardinier paysagiste', categories: ['GARDENING'], siret: null, bio: null }) },
      provider.accessToken,
    );
    expect(updated.data!.upsertProviderProfile).toMatchObject({
      headline: 'Jardinier paysagiste',
      categories: ['GARDENING'],
      siret: null,
      bio: null,
    });
    expect((await profileOf(provider, provider.accessToken)).roles).toEqual(['CLIENT', 'PROVIDER']);
    expect(await app.count('provider_profiles')).toBeGreaterThanOrEqual(1);
  });

  it('has no profile for a user who is not a provider', async () => {
    const client = await aSignedInUser(app);
    expect((await profileOf(client)).providerProfile).toBeNull();
  });

  it.each([
    ['a headline of 4 characters', { headline: 'Abcd' }, 'headline'],
    ['a headline of 81 characters', { headline: 'x'.repeat(81) }, 'headline'],
    ['a bio of 2001 characters', { bio: 'x'.repeat(2001) }, 'bio'],
    ['no category', { categories: [] }, 'categories'],
    ['six categories', { categories: ['HANDYMAN', 'MOVING', 'CLEANING', 'GARDENING', 'DELIVERY', 'OTHER'] }, 'categories'],
    ['a category twice', { categories: ['HANDYMAN', 'HANDYMAN'] }, 'categories'],
    ['a radius of 0 km', { serviceArea: { ...aProviderProfileInput().serviceArea, radiusKm: 0 } }, 'serviceArea.radiusKm'],
    ['a radius of 101 km', { serviceArea: { ...aProviderProfileInput().serviceArea, radiusKm: 101 } }, 'serviceArea.radiusKm'],
    ['a latitude of 90.5', { serviceArea: { ...aProviderProfileInput().serviceArea, latitude: 90.5 } }, 'serviceArea.latitude'],
    ['a longitude of -181', { serviceArea: { ...aProviderProfileInput().serviceArea, longitude: -181 } }, 'serviceArea.longitude'],
    ['a negative hourly rate', { hourlyRateCents: -100 }, 'hourlyRateCents'],
    ['a SIRET with a wrong checksum', { siret: '73282932000075' }, 'siret'],
    ['a SIRET of 13 digits', { siret: '7328293200007' }, 'siret'],
    ['a SIRET with letters', { siret: '7328293200007A' }, 'siret'],
  ])('refuses %s and changes nothing', async (_case, overrides, field) => {
    const user = await aSignedInUser(app);
    const response = await app.graphql(UPSERT, { input: aProviderProfileInput(overrides) }, user.accessToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response.errors![0].extensions.fields)).toContain(field);
    const after = await profileOf(user, user.accessToken);
    expect(after).toEqual({ roles: ['CLIENT'], providerProfile: null });
  });

  it('refuses a fractional hourly rate', async () => {
    const user = await aSignedInUser(app);
    const response = await app.graphql(UPSERT, { input: aProviderProfileInput({ hourlyRateCents: 35.5 }) }, user.accessToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('needs a signed-in user', async () => {
    expect(errorCodes(await app.graphql(UPSERT, { input: aProviderProfileInput() }))).toEqual(['UNAUTHENTICATED']);
  });
});
