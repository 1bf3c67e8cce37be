import iconv from 'iconv-lite';
import { Transform, type TransformCallback } from 'node:stream';

export type FileEncoding = 'utf8' | 'sjis';

export const FILE_ENCODINGS: readonly FileEncoding[] = ['utf8', 'sjis'];

export class EncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWithUtf8Bom(bytes: Buffer): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/** True when the bytes hold non-ASCII text that is valid UTF-8: Shift_JIS Japanese never is. */
function looksLikeUtf8Text(bytes: Buffer): boolean {
  if (!bytes.some((byte) => byte >= 0x80)) return false;
  try {
    // A multi-byte character cut at the end of the sample must not count against UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Bytes in, text out. UTF-8 is decoded strictly (a byte-order mark is dropped); Shift_JIS is read as
 * CP932, the Windows variant Excel writes (with NEC/IBM extensions like ① and ㈱). A file in the
 * other encoding fails on its first chunk with a message that says so, instead of importing
 * mojibake.
 */
export function createTextDecoderStream(encoding: FileEncoding): Transform {
  let first = true;
  if (encoding === 'utf8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    return new Transform({
      readableObjectMode: false,
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        try {
          callback(null, decoder.decode(chunk, { stream: true }));
        } catch {
          callback(
            new EncodingError(
              'The file is not valid UTF-8. If it was saved by Excel as "CSV" in Japanese Windows, it is Shift_JIS: import it with encoding sjis.',
            ),
          );
        }
        first = false;
      },
      flush(callback) {
        try {
          callback(null, decoder.decode());
        } catch {
          callback(new EncodingError('The file ends in the middle of a UTF-8 character.'));
        }
      },
    });
  }
  const decoder = iconv.getDecoder('cp932');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (first && (startsWithUtf8Bom(chunk) || looksLikeUtf8Text(chunk.subarray(0, 65_536)))) {
        callback(new EncodingError('The file looks like UTF-8, not Shift_JIS: import it with encoding utf8.'));
        return;
      }
      first = false;
      callback(null, decoder.write(chunk));
    },
    flush(callback) {
      callback(null, decoder.end() ?? '');
    },
  });
}
