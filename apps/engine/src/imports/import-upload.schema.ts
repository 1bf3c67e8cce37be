import { FILE_ENCODINGS, IMPORT_KINDS } from '@kizuna/ingest';
import { z } from 'zod';

const ENCODING_ALIASES: Record<string, (typeof FILE_ENCODINGS)[number]> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  sjis: 'sjis',
  shift_jis: 'sjis',
  'shift-jis': 'sjis',
  cp932: 'sjis',
  'windows-31j': 'sjis',
};

export const FileEncodingSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value in ENCODING_ALIASES, { message: 'must be utf8 or sjis (Shift_JIS)' })
  .transform((value) => ENCODING_ALIASES[value]!);

export const ImportSourceSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, at most 40')
  .or(z.literal(''));

/** The fields of `POST /api/v1/imports` besides the file. */
export const ImportUploadFieldsSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  encoding: FileEncodingSchema.default('utf8'),
  source: ImportSourceSchema.default(''),
});

export type ImportUploadFields = z.infer<typeof ImportUploadFieldsSchema>;
