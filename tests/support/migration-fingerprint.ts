import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const migrationsDir = path.resolve(__dirname, '../../prisma/migrations');

/** A short hash of every migration: the template database is rebuilt when any of them changes. */
export function migrationFingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    if (!name.match(/^\d+_/)) continue;
    hash.update(name).update(readFileSync(path.join(migrationsDir, name, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 12);
}

export function templateDatabaseName(): string {
  return `kizuna_template_${migrationFingerprint()}`;
}
