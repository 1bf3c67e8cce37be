import type { PrismaClient } from '@kizuna/db';
import { AnalyticsSettingsSchema, type AnalyticsSettings } from '@kizuna/segments';
import { NotFoundError, ValidationFailedError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '../infrastructure/database/database.tokens';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects; arrays and values replace. */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    result[key] = isRecord(value) && isRecord(base[key]) ? merge(base[key], value) : value;
  }
  return result;
}

/** A workspace's analytics settings, kept in workspace.settings.analytics and validated on the way in and out. */
@Injectable()
export class AnalyticsSettingsService {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async get(workspaceId: number): Promise<AnalyticsSettings> {
    const workspace = await this.prisma.workspace.findUnique({
      where: { id: workspaceId },
      select: { settings: true },
    });
    if (!workspace) throw new NotFoundError('workspace', workspaceId);
    const stored =
      isRecord(workspace.settings) && isRecord(workspace.settings.analytics) ? workspace.settings.analytics : {};
    // Settings saved by an older release may lack newer fields: defaults fill them.
    const parsed = AnalyticsSettingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : AnalyticsSettingsSchema.parse({});
  }

  /** Applies a partial change (any subset of fields) and returns the new settings. */
  async update(workspaceId: number, patch: unknown): Promise<AnalyticsSettings> {
    if (!isRecord(patch))
      throw new ValidationFailedError('The settings must be an object', [
        { field: '(body)', message: 'expected an object' },
      ]);
    const current = await this.get(workspaceId);
    const parsed = AnalyticsSettingsSchema.safeParse(merge(current, patch));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      throw new ValidationFailedError(
        `Invalid analytics settings: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const workspace = await this.prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { settings: true },
    });
    const settings = isRecord(workspace.settings) ? workspace.settings : {};
    await this.prisma.workspace.update({
      where: { id: workspaceId },
      data: { settings: { ...settings, analytics: parsed.data } },
    });
    return parsed.data;
  }
}
