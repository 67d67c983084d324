/**
 * A provider's tax profile, and the thresholds they are watched against: the profile visible to
 * them and to moderators only, refused when it is wrong (and then nothing is written).
 */
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { gqlData } from './support/invoices.builders';
import { aProvider } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const TAX_PROFILE_FIELDS = `activityType activityStartedOn vatStatus vatNumber vatRateBasisPoints declarationFrequency versementLiberatoire
  offPlatformRevenueCents offPlatformRevenueYear franchiseEndedOn`;
const UPDATE_TAX_PROFILE = `mutation ($i: UpdateTaxProfileInput!) { updateTaxProfile(input: $i) { ${TAX_PROFILE_FIELDS} } }`;
const TAX_PROFILE_OF = `query ($id: ID!) { user(id: $id) { taxProfile { ${TAX_PROFILE_FIELDS} } } }`;
/** The VAT number of the SIREN in the test providers' SIRET (73282932000074). */
const KARIM_VAT_NUMBER = 'FR44732829320';

const aTaxProfileInput = (overrides: Record<string, unknown> = {}) => ({
  activityType: 'BIC_SERVICES',
  activityStartedOn: '2024-03-01',
  vatStatus: 'FRANCHISE',
  declarationFrequency: 'QUARTERLY',
  versementLiberatoire: false,
  ...overrides,
});

describe('the provider’s tax profile', () => {
  let app: TestApp;
  let provider: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    provider = await aProvider(app, { verified: false });
  });

  afterAll(() => app.close());

  const taxProfileOf = async (viewer: SignedInUser, user = provider) =>
    (await gqlData(app, TAX_PROFILE_OF, { id: user.id }, viewer)).user.taxProfile;

  it('is the provider’s to declare, and theirs and the moderators’ only to read', async () => {
    const year = new Date().getUTCFullYear();
    const { updateTaxProfile } = await gqlData(
      app,
      UPDATE_TAX_PROFILE,
      { i: aTaxProfileInput({ vatNumber: 'FR 44 732 829 320', offPlatformRevenueCents: 120_000 }) },
      provider,
    );
    const expected = {
      activityType: 'BIC_SERVICES',
      activityStartedOn: '2024-03-01',
      vatStatus: 'FRANCHISE',
      vatNumber: KARIM_VAT_NUMBER,
      vatRateBasisPoints: null,
      declarationFrequency: 'QUARTERLY',
      versementLiberatoire: false,
      offPlatformRevenueCents: 120_000,
      offPlatformRevenueYear: year,
      franchiseEndedOn: null,
    };
    expect(updateTaxProfile).toEqual(expected);
    expect((await gqlData(app, `{ me { taxProfile { ${TAX_PROFILE_FIELDS} } } }`, {}, provider)).me.taxProfile).toEqual(expected);
    expect(await taxProfileOf(await aUserWithRole(app, 'MODERATOR'))).toEqual(expected);
    expect(await taxProfileOf(await aSignedInUser(app))).toBeNull();
    const anonymous = await app.graphql(TAX_PROFILE_OF, { id: provider.id });
    expect(anonymous.data?.user.taxProfile).toBeNull();
  });

  it('is for providers only', async () => {
    const client = await aSignedInUser(app);
    expect(errorCodes(await app.graphql(UPDATE_TAX_PROFILE, { i: aTaxProfileInput() }, client.accessToken))).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['an activity start in the future', { activityStartedOn: '2099-01-01' }, 'input.activityStartedOn'],
    ['a VAT number failing its key', { vatNumber: 'FR45732829320' }, 'input.vatNumber'],
    ['no VAT number while liable', { vatStatus: 'LIABLE' }, 'input.vatNumber'],
    [
      'a VAT rate that is not one of the year’s',
      { vatStatus: 'LIABLE', vatNumber: KARIM_VAT_NUMBER, vatRateBasisPoints: 1900 },
      'input.vatRateBasisPoints',
    ],
    ['negative off-platform revenue', { offPlatformRevenueCents: -1 }, 'input.offPlatformRevenueCents'],
  ])('refuses %s and changes nothing', async (_what, overrides, field) => {
    const before = await taxProfileOf(provider);
    const response = await app.graphql(UPDATE_TAX_PROFILE, { i: aTaxProfileInput(overrides) }, provider.accessToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response.errors)).toContain(field.replace('input.', ''));
    expect(await taxProfileOf(provider)).toEqual(before);
  });
});
