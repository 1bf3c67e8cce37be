import type { Pool } from '@kizuna/db';
import {
  checkTemplateSyntax,
  TemplateContentSchema,
  TemplateSyntaxError,
  type TemplateContent,
} from '@kizuna/channels';
import { ConflictError, NotFoundError, ValidationFailedError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { PG_POOL } from '../infrastructure/database/database.tokens';

export interface MessageTemplateRecord {
  id: number;
  key: string;
  channel: string;
  name: string;
  content: TemplateContent;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, key, channel, name, content, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Message templates: validated (shape and Liquid syntax of every field) when saved. */
@Injectable()
export class TemplateService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly audit: AuditLog,
  ) {}

  async list(workspaceId: number): Promise<MessageTemplateRecord[]> {
    const { rows } = await this.pool.query<MessageTemplateRecord>(
      `SELECT ${COLUMNS} FROM message_template WHERE workspace_id = $1 ORDER BY key`,
      [workspaceId],
    );
    return rows;
  }

  async get(workspaceId: number, channel: string, key: string): Promise<MessageTemplateRecord> {
    const { rows } = await this.pool.query<MessageTemplateRecord>(
      `SELECT ${COLUMNS} FROM message_template WHERE workspace_id = $1 AND channel = $2 AND key = $3`,
      [workspaceId, channel, key],
    );
    if (!rows[0]) throw new NotFoundError('template', `${channel}/${key}`);
    return rows[0];
  }

  /** Creates or replaces the template of this channel and key. */
  async put(
    workspaceId: number,
    channel: string,
    key: string,
    input: { name?: string; content: unknown },
  ): Promise<MessageTemplateRecord> {
    if (!/^[A-Za-z0-9][\w.-]{0,99}$/.test(key)) {
      throw new ValidationFailedError(`Invalid template key "${key}"`, [
        { field: 'key', message: 'use 1-100 letters, digits, ".", "-" and "_"' },
      ]);
    }
    const content = validateTemplateContent(input.content);
    if (content.channel !== channel) {
      throw new ValidationFailedError(`The template is for ${content.channel}, not ${channel}`, [
        { field: 'content.channel', message: `must be "${channel}" (the channel in the path)` },
      ]);
    }
    try {
      const { rows } = await this.pool.query<MessageTemplateRecord>(
        `INSERT INTO message_template (workspace_id, key, channel, name, content) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, channel, key) DO UPDATE SET name = EXCLUDED.name,
           content = EXCLUDED.content, updated_at = now()
         RETURNING ${COLUMNS}`,
        [workspaceId, key, content.channel, input.name ?? key, JSON.stringify(content)],
      );
      await this.audit.record(
        workspaceId,
        'template.update',
        { type: 'template', id: `${channel}/${key}` },
        { name: rows[0]!.name },
      );
      return rows[0]!;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`template "${key}" already exists`);
      throw error;
    }
  }

  async remove(workspaceId: number, channel: string, key: string): Promise<void> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM message_template WHERE workspace_id = $1 AND channel = $2 AND key = $3`,
      [workspaceId, channel, key],
    );
    if (!rowCount) throw new NotFoundError('template', `${channel}/${key}`);
    await this.audit.record(workspaceId, 'template.remove', { type: 'template', id: `${channel}/${key}` });
  }

  /** Which template keys exist per channel (publishing checks send nodes against it). */
  async keysByChannel(workspaceId: number): Promise<Map<string, Set<string>>> {
    const { rows } = await this.pool.query<{ key: string; channel: string }>(
      `SELECT key, channel FROM message_template WHERE workspace_id = $1`,
      [workspaceId],
    );
    const keys = new Map<string, Set<string>>();
    for (const row of rows) keys.set(row.channel, (keys.get(row.channel) ?? new Set()).add(row.key));
    return keys;
  }
}

/** The content, or an error naming each bad field (shape, then Liquid syntax). */
export function validateTemplateContent(input: unknown): TemplateContent {
  const parsed = TemplateContentSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw new ValidationFailedError(
      `Invalid template: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const content = parsed.data;
  const fields: [string, string | undefined, 'text' | 'html'][] = [];
  switch (content.channel) {
    case 'email':
      fields.push(
        ['subject', content.subject, 'text'],
        ['html', content.html, 'html'],
        ['text', content.text, 'text'],
        ['preheader', content.preheader, 'text'],
      );
      break;
    case 'line':
      content.messages.forEach((m, i) => {
        if (m.type === 'text') fields.push([`messages.${i}.text`, m.text, 'text']);
        if (m.type === 'buttons')
          fields.push([`messages.${i}.text`, m.text, 'text'], [`messages.${i}.altText`, m.altText, 'text']);
        if (m.type === 'flex') fields.push([`messages.${i}.altText`, m.altText, 'text']);
      });
      break;
    case 'sms':
      fields.push(['body', content.body, 'text']);
      break;
    case 'dm':
      fields.push(['message', content.message, 'text']);
      break;
  }
  for (const [field, source, mode] of fields) {
    if (source === undefined) continue;
    try {
      checkTemplateSyntax(source, field, mode);
    } catch (error) {
      if (error instanceof TemplateSyntaxError) {
        throw new ValidationFailedError(`Invalid template: ${error.message}`, [{ field, message: error.message }]);
      }
      throw error;
    }
  }
  return content;
}
