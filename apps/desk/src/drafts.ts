/**
 * Half-written reasons, kept in memory by the key of what they are about (a case, a report, a
 * dispute). An expired session keeps them for the same moderator's next sign-in; signing out, or
 * another moderator signing in, discards them.
 */
export class Drafts {
  private readonly texts = new Map<string, string>();
  private owner: string | null = null;
  private readonly listeners = new Set<() => void>();

  get(key: string): string {
    return this.texts.get(key) ?? '';
  }

  set(key: string, text: string): void {
    if (text) this.texts.set(key, text);
    else this.texts.delete(key);
    for (const listener of this.listeners) listener();
  }

  /** The reason was sent: nothing to restore any more. */
  discard(key: string): void {
    this.set(key, '');
  }

  /** A moderator signed in: their own drafts stay, anyone else's go. */
  signedIn(userId: string): void {
    if (this.owner !== userId) this.texts.clear();
    this.owner = userId;
  }

  signedOut(): void {
    this.texts.clear();
    this.owner = null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
