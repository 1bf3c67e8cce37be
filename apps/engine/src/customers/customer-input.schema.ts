import {
  normaliseEmail,
  normaliseIdentifier,
  normaliseLineUserId,
  normaliseMemberNo,
  normalisePhone,
  normalisePostalCode,
  parseCalendarDate,
  type CustomerProfile,
  type CustomerReference,
  type Normalised,
} from '@kizuna/ingest';
import { z } from 'zod';
import { ImportSourceSchema } from '../imports/import-upload.schema';

/** A string run through one of the import normalisers, so the API and CSV files agree on identities. */
function normalisedString(normalise: (raw: string) => Normalised | { ok: true; value: string }) {
  return z
    .string()
    .trim()
    .min(1)
    .max(320)
    .transform((value, context) => {
      const result = normalise(value);
      if (result.ok) return result.value;
      context.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    });
}

const identifier = (raw: string) => ({ ok: true as const, value: normaliseIdentifier(raw) });
const memberNo = (raw: string) => ({ ok: true as const, value: normaliseMemberNo(raw) });

export const CustomerReferenceFields = {
  customerId: normalisedString(identifier).optional().describe("the customer's id in the source system"),
  email: normalisedString(normaliseEmail).optional(),
  phone: normalisedString((raw) => normalisePhone(raw))
    .optional()
    .describe('E.164 or Japanese national format'),
  lineUserId: normalisedString(normaliseLineUserId).optional(),
  memberNo: normalisedString(memberNo).optional(),
};

const REFERENCE_KEYS = ['customerId', 'email', 'phone', 'lineUserId', 'memberNo'] as const;
const REFERENCE_MESSAGE = `needs at least one of ${REFERENCE_KEYS.join(', ')}`;

function hasReference(value: Partial<Record<(typeof REFERENCE_KEYS)[number], unknown>>): boolean {
  return REFERENCE_KEYS.some((key) => value[key] !== undefined);
}

export const CustomerReferenceSchema = z
  .object(CustomerReferenceFields)
  .strict()
  .refine(hasReference, { message: REFERENCE_MESSAGE });

export function toCustomerReference(
  input: Partial<Record<(typeof REFERENCE_KEYS)[number], string | undefined>>,
): CustomerReference {
  const reference: CustomerReference = {};
  if (input.customerId) reference.externalId = input.customerId;
  if (input.email) reference.email = input.email;
  if (input.phone) reference.phone = input.phone;
  if (input.lineUserId) reference.lineUserId = input.lineUserId;
  if (input.memberNo) reference.memberNo = input.memberNo;
  return reference;
}

const name = z.string().trim().min(1).max(100);
const addressPart = z.string().trim().min(1).max(200);

export const CustomerUpsertSchema = z
  .object({
    ...CustomerReferenceFields,
    familyName: name.optional(),
    givenName: name.optional(),
    familyNameKana: name.optional(),
    givenNameKana: name.optional(),
    gender: z.enum(['female', 'male', 'other']).optional(),
    birthDate: normalisedString(parseCalendarDate).optional().describe('YYYY-MM-DD'),
    postalCode: normalisedString(normalisePostalCode).optional(),
    prefecture: z.string().trim().min(1).max(20).optional(),
    city: z.string().trim().min(1).max(100).optional(),
    addressLine1: addressPart.optional(),
    addressLine2: addressPart.optional(),
    registeredAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
    attributes: z.record(z.string().min(1).max(100), z.unknown()).optional(),
  })
  .strict()
  .refine(hasReference, { message: REFERENCE_MESSAGE });

export type CustomerUpsert = z.infer<typeof CustomerUpsertSchema>;

export const CustomerUpsertBodySchema = z.union([
  CustomerUpsertSchema,
  z
    .object({
      source: ImportSourceSchema.default('api').describe('source system of customerId values'),
      customers: z.array(CustomerUpsertSchema).min(1).max(1_000),
    })
    .strict(),
]);

export type CustomerUpsertBody = z.infer<typeof CustomerUpsertBodySchema>;

export function toCustomerProfile(input: CustomerUpsert): CustomerProfile {
  const profile: CustomerProfile = {};
  const keys = [
    'familyName',
    'givenName',
    'familyNameKana',
    'givenNameKana',
    'gender',
    'birthDate',
    'postalCode',
    'prefecture',
    'city',
    'addressLine1',
    'addressLine2',
    'registeredAt',
  ] as const;
  for (const key of keys) if (input[key] !== undefined) (profile as Record<string, unknown>)[key] = input[key];
  return profile;
}
