import { SignedTokens } from './signed-tokens';

describe('signed tokens of email links', () => {
  const tokens = new SignedTokens('a secret of at least thirty-two characters');

  it('give back the claims they were signed with', () => {
    expect(tokens.read(tokens.sign(['4f1c…', 'NEW_BID']))).toEqual(['4f1c…', 'NEW_BID']);
  });

  it('refuse a token altered, cut, extended, or signed with another secret', () => {
    const token = tokens.sign(['user', 'NEW_BID']);
    const [claims] = token.split('.');
    const forged = `${Buffer.from('other:NEW_BID').toString('base64url')}.${token.split('.')[1]}`;
    for (const bad of [
      forged,
      claims!,
      `${token}x`,
      `${token}.more`,
      '',
      new SignedTokens('another secret, also thirty-two chars').sign(['user']),
    ]) {
      expect(tokens.read(bad)).toBeNull();
    }
  });
});
