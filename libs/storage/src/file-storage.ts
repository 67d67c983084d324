/**
 * Where uploaded files are kept (identity documents, encrypted; photos). Keys are opaque paths
 * chosen by the domain that stores them, under a prefix of its own.
 */
export abstract class FileStorage {
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
