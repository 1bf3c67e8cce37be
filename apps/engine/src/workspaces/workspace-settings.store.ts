import type { PrismaClient } from '@kizuna/db';
import { NotFoundError, ValidationFailedError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
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

/**
 * Sections of workspace.settings (analytics, delivery...), each validated by its own schema on the
 * way in and out. Settings saved by an older release may lack newer fields: defaults fill them.
 */
@Injectable()
export class WorkspaceSettingsStore {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async get<S extends z.ZodType<object>>(workspaceId: number, section: string, schema: S): Promise<z.infer<S>> {
    const settings = await this.all(workspaceId);
    const stored = isRecord(settings[section]) ? settings[section] : {};
    const parsed = schema.safeParse(stored);
    return parsed.success ? parsed.data : schema.parse({});
  }

  /** Applies a partial change (any subset of fields) and returns the section's new settings. */
  async update<S extends z.ZodType<object>>(
    workspaceId: number,
    section: string,
    schema: S,
    patch: unknown,
  ): Promise<z.infer<S>> {
    if (!isRecord(patch)) {
      throw new ValidationFailedError('The settings must be an object', [
        { field: '(body)', message: 'expected an object' },
      ]);
    }
    const current = await this.get(workspaceId, section, schema);
    const parsed = schema.safeParse(merge(current as Record<string, unknown>, patch));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      throw new ValidationFailedError(
        `Invalid ${section} settings: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    // One statement: a concurrent change to another section is not overwritten.
    await this.prisma
      .$executeRaw`UPDATE workspace SET settings = jsonb_set(settings, ARRAY[${section}], ${JSON.stringify(parsed.data)}::jsonb) WHERE id = ${workspaceId}`;
    return parsed.data;
  }

  private async all(workspaceId: number): Promise<Record<string, unknown>> {
    const workspace = await this.prisma.workspace.findUnique({
      where: { id: workspaceId },
      select: { settings: true },
    });
    if (!workspace) throw new NotFoundError('workspace', workspaceId);
    return isRecord(workspace.settings) ? workspace.settings : {};
  }
}
