import { BadUserInputError, createValidationPipe } from '@marketplace/common';
import { PlaceBidInput } from './place-bid.input';
import { UpdateBidInput } from './update-bid.input';

const pipe = createValidationPipe();
const missionId = '6f1c2a4e-8b1d-4c3e-9f7a-2d5b8c9e0a1f';
const placement = { missionId, amountCents: 12_000, message: 'Disponible samedi matin, avec mes outils.', estimatedHours: 3 };

type BidInput = typeof PlaceBidInput | typeof UpdateBidInput;

/** The input as the API's validation pipe lets it through (trimmed), or its refusal. */
function validated(metatype: BidInput, value: object): Promise<unknown> {
  return pipe.transform(value, { type: 'body', metatype });
}

/** The fields the API refuses in this input (BAD_USER_INPUT), each with its messages; {} when it is valid. */
async function refusedFields(metatype: BidInput, value: object): Promise<Record<string, string[]>> {
  try {
    await validated(metatype, value);
    return {};
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    const refused: Record<string, string[]> = {};
    for (const { field, message } of error.fields) refused[field] = [...new Set([...(refused[field] ?? []), message])];
    return refused;
  }
}

const refusedAmount = { amountCents: expect.arrayContaining([expect.stringMatching(/cents$/)]) };
const tooShortOrLong = { message: ['must be 10 to 2000 characters'] };

describe('a bid as placed', () => {
  it('is a whole number of cents from 500 to 1,000,000, the provider’s price for the whole mission', async () => {
    for (const amountCents of [500, 1_000_000]) expect(await refusedFields(PlaceBidInput, { ...placement, amountCents })).toEqual({});
    for (const amountCents of [499, 1_000_001, 0, -12_000, 120.5, null]) {
      expect(await refusedFields(PlaceBidInput, { ...placement, amountCents })).toEqual(refusedAmount);
    }
  });

  it('has a message of 10 to 2000 characters once trimmed, counted as PostgreSQL counts them', async () => {
    expect(await validated(PlaceBidInput, { ...placement, message: '  Dès lundi.  ' })).toMatchObject({ message: 'Dès lundi.' });
    expect(await refusedFields(PlaceBidInput, { ...placement, message: '👍'.repeat(2000) })).toEqual({});
    for (const message of ['  Dès lundi ', 'x'.repeat(2001), '👍'.repeat(2001)]) {
      expect(await refusedFields(PlaceBidInput, { ...placement, message })).toEqual(tooShortOrLong);
    }
  });

  it('may estimate from a quarter of an hour to 200 hours, or not at all', async () => {
    for (const estimatedHours of [0.25, 200, null, undefined]) {
      expect(await refusedFields(PlaceBidInput, { ...placement, estimatedHours })).toEqual({});
    }
    for (const estimatedHours of [0.2, 200.5, 0, -1]) {
      expect(await refusedFields(PlaceBidInput, { ...placement, estimatedHours })).toEqual({
        estimatedHours: ['must be from 0.25 to 200 hours'],
      });
    }
  });

  it('names its mission by id', async () => {
    expect(await refusedFields(PlaceBidInput, { ...placement, missionId: 'mission-1' })).toEqual({
      missionId: ['must be a valid id (UUID)'],
    });
  });
});

describe('a change to a bid', () => {
  it('may change any field alone, and clear the estimate', async () => {
    expect(await validated(UpdateBidInput, {})).toEqual({});
    expect(await validated(UpdateBidInput, { amountCents: 9_000 })).toEqual({ amountCents: 9_000 });
    expect(await validated(UpdateBidInput, { estimatedHours: null })).toEqual({ estimatedHours: null });
  });

  it('cannot clear the amount or the message, and keeps the limits of a placement', async () => {
    expect(await refusedFields(UpdateBidInput, { amountCents: null })).toEqual(refusedAmount);
    expect(await refusedFields(UpdateBidInput, { amountCents: 499 })).toEqual(refusedAmount);
    expect(await refusedFields(UpdateBidInput, { message: null })).toEqual({ message: expect.arrayContaining(tooShortOrLong.message) });
    expect(await refusedFields(UpdateBidInput, { message: 'Court' })).toEqual(tooShortOrLong);
    expect(await refusedFields(UpdateBidInput, { estimatedHours: 0.2 })).toEqual({ estimatedHours: ['must be from 0.25 to 200 hours'] });
  });
});
