/**
 * The provider settings forms as data: which fields each channel has, which part they belong to
 * (`public` is shown back by the API, `secret` is write-only and sealed by the engine), and how the
 * typed values become the PUT /api/v1/channels/:channel body. The engine validates again and names
 * each bad field by its path (`public.fromAddress`), which `issuesByField` puts back on the form.
 */
export const CONFIGURABLE_CHANNELS = ['email', 'line', 'sms'] as const;
export type ConfigurableChannel = (typeof CONFIGURABLE_CHANNELS)[number];

export type SettingsFieldKind = 'text' | 'email' | 'url' | 'number' | 'secret';

export interface SettingsField {
  /** `public.fromAddress`, `secret.smtpUrl`: the path the engine reports issues at. */
  path: `public.${string}` | `secret.${string}`;
  kind: SettingsFieldKind;
  required: boolean;
}

export const SETTINGS_FIELDS: Readonly<Record<ConfigurableChannel, readonly SettingsField[]>> = {
  email: [
    { path: 'public.fromAddress', kind: 'email', required: true },
    { path: 'public.senderName', kind: 'text', required: true },
    { path: 'public.postalAddress', kind: 'text', required: true },
    { path: 'public.contactAddress', kind: 'text', required: false },
    { path: 'public.poolSize', kind: 'number', required: false },
    { path: 'secret.smtpUrl', kind: 'secret', required: true },
  ],
  line: [
    { path: 'public.channelId', kind: 'text', required: false },
    { path: 'public.baseUrl', kind: 'url', required: false },
    { path: 'secret.channelAccessToken', kind: 'secret', required: true },
    { path: 'secret.channelSecret', kind: 'secret', required: true },
  ],
  sms: [
    { path: 'public.accountSid', kind: 'text', required: true },
    { path: 'public.fromNumber', kind: 'text', required: false },
    { path: 'public.messagingServiceSid', kind: 'text', required: false },
    { path: 'public.baseUrl', kind: 'url', required: false },
    { path: 'secret.authToken', kind: 'secret', required: true },
  ],
};

export type SettingsValues = Readonly<Record<string, string>>;

export interface SettingsBody {
  public: Record<string, string | number>;
  secret: Record<string, string>;
}

/** `public.fromAddress` → `fromAddress`. */
export function fieldKey(path: SettingsField['path']): string {
  return path.slice(path.indexOf('.') + 1);
}

/** The form's starting values: the public part as the engine returned it; secrets always start empty. */
export function initialValues(
  channel: ConfigurableChannel,
  saved: Readonly<Record<string, unknown>> | null,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of SETTINGS_FIELDS[channel]) {
    const value = field.path.startsWith('public.') ? saved?.[fieldKey(field.path)] : undefined;
    values[field.path] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  return values;
}

/** Fields left empty that must be filled, before anything is sent. */
export function missingFields(channel: ConfigurableChannel, values: SettingsValues): string[] {
  return SETTINGS_FIELDS[channel]
    .filter((field) => field.required && !(values[field.path] ?? '').trim())
    .map((field) => field.path);
}

/** The PUT body: empty optional fields left out (the engine applies its defaults), numbers as numbers. */
export function settingsBody(channel: ConfigurableChannel, values: SettingsValues): SettingsBody {
  const body: SettingsBody = { public: {}, secret: {} };
  for (const field of SETTINGS_FIELDS[channel]) {
    // Trimmed: outer spaces only ever come from a paste, and no provider issues keys with them.
    const value = (values[field.path] ?? '').trim();
    if (!value) continue;
    const key = fieldKey(field.path);
    if (field.path.startsWith('secret.')) body.secret[key] = value;
    else body.public[key] = field.kind === 'number' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return body;
}

/** The engine's issues by field path, for each control to show its own. */
export function issuesByField(issues: readonly { field: string; message: string }[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues)
    byField[issue.field] = byField[issue.field] ? `${byField[issue.field]}; ${issue.message}` : issue.message;
  return byField;
}
