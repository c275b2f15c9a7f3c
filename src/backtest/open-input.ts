import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Read and inflate in large chunks: fewer async hops per megabyte is most of the streaming cost. */
const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 1 << 18;

/** Whether a file starts with the gzip magic bytes 1f 8b (the extension is not trusted). */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The uncompressed bytes of a file as a stream of chunks: gunzipped (all members) when it is gzip.
 * A read error or a truncated/corrupt gzip surfaces as an error while iterating.
 */
export async function openInput(path: string): Promise<AsyncIterable<Buffer>> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (!gzip) return raw as AsyncIterable<Buffer>;
  const inflate = createGunzip({ chunkSize: INFLATE_CHUNK });
  // pipe() does not forward errors: a failed read must end the iteration, not hang it.
  raw.on('error', (err) => inflate.destroy(err));
  raw.pipe(inflate);
  return withCleanup(inflate, raw);
}

async function* withCleanup(stream: Readable, source: Readable): AsyncIterable<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    source.destroy();
  }
}

/** A person-readable reason for an error from reading or inflating a file. */
export function describeInputError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'Z_BUF_ERROR': return 'truncated gzip (unexpected end of file)';
    case 'Z_DATA_ERROR': return `corrupt gzip (${e.message})`;
  }
  return e?.message ?? String(err);
}
