import type { Response } from 'express';

/** A CSV file as the API sends it: name, MIME type with charset, bytes and their SHA-256 (hex). */
export interface CsvDownload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/** Sends a file as an attachment with its SHA-256 as RFC 9530 `Repr-Digest`, as its manifest states it. */
export function sendCsvDownload(response: Response, file: CsvDownload): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  response.send(file.bytes);
}
