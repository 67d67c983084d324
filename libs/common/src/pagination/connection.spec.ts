import { BadUserInputError } from '../errors/domain-error';
import { connectionOf, encodeCursor, pageRequest } from './connection';

describe('pagination', () => {
  it('pages rows and says whether more follow', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const first = { first: 2, after: null };
    const page = connectionOf(rows, first, (row) => [row.id]);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: encodeCursor(['b']),
      hasPreviousPage: false,
      startCursor: encodeCursor(['a']),
    });
    expect(connectionOf(rows.slice(0, 2), first, (row) => [row.id]).pageInfo.hasNextPage).toBe(false);
    expect(connectionOf([], first, () => []).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: null,
      hasPreviousPage: false,
      startCursor: null,
    });
  });

  it('says a page asked after a cursor has rows before it', () => {
    const page = connectionOf([{ id: 'c' }], { first: 2, after: ['b'] }, (row) => [row.id]);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: encodeCursor(['c']),
      hasPreviousPage: true,
      startCursor: encodeCursor(['c']),
    });
  });

  it('decodes the cursors it gave out, and refuses others', () => {
    expect(pageRequest(20, encodeCursor(['2026-01-01T00:00:00.000Z', 'id-1']), 2).after).toEqual(['2026-01-01T00:00:00.000Z', 'id-1']);
    expect(() => pageRequest(20, 'garbage', 2)).toThrow(BadUserInputError);
    expect(() => pageRequest(20, encodeCursor(['only-one']), 2)).toThrow(BadUserInputError);
  });

  it('keeps page sizes between 1 and 100', () => {
    expect(() => pageRequest(0, null, 1)).toThrow(BadUserInputError);
    expect(() => pageRequest(101, null, 1)).toThrow(BadUserInputError);
    expect(pageRequest(100, null, 1).first).toBe(100);
  });
});
