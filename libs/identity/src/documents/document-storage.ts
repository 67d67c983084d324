/** Where encrypted identity documents are kept. Keys are opaque paths chosen by the service. */
export abstract class DocumentStorage {
  /**
   * Stores the content as it streams in, without holding it whole in memory. It appears under the
   * key only once complete: if the stream fails, nothing is left there.
   */
  abstract put(key: string, content: AsyncIterable<Buffer>): Promise<void>;
  /** null when nothing is stored under the key. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Deleting a missing key is not an error: purges may be retried. */
  abstract delete(key: string): Promise<void>;
}
