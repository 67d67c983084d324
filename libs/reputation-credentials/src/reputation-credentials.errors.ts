import { BadUserInputError } from '@marketplace/common';

/** Not a compact JWS at all (three base64url parts, the first a JSON header): BAD_USER_INPUT, as nothing can be checked. */
export class MalformedCredentialError extends BadUserInputError {
  constructor(problem: string) {
    const message = `must be a reputation credential as exportReputation gives it (a compact JWS: header.payload.signature): ${problem}`;
    super(`credential: ${message}`, [{ field: 'credential', message }]);
  }
}
