import { open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

/**
 * Writes a stream to a file readable by this user only; if the stream fails, the file is removed.
 * The file is opened before the stream starts: a stream left to open it itself may create the file
 * after a failure has already been answered and the removal has run.
 */
export async function writePrivateFile(path: string, content: AsyncIterable<Buffer>): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await pipeline(content, handle.createWriteStream());
  } catch (error) {
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
}
