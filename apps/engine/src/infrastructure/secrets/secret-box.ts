import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENGINE_CONFIG, type EngineConfig } from '../../config/engine-config';

const VERSION = 1;

/**
 * Encryption of secrets at rest (AES-256-GCM: confidentiality and integrity) and the key that
 * signs links, both derived (HKDF, RFC 5869) from one master key: KIZUNA_SECRET_KEY, or a key
 * generated once into the data directory for a single-machine install.
 */
@Injectable()
export class SecretBox {
  private readonly logger = new Logger(SecretBox.name);
  private readonly encryptionKey: Buffer;
  /** Signs tracking, click and unsubscribe links. */
  readonly linkKey: Buffer;

  constructor(@Inject(ENGINE_CONFIG) config: EngineConfig) {
    const master = config.KIZUNA_SECRET_KEY
      ? Buffer.from(config.KIZUNA_SECRET_KEY, 'base64')
      : this.keyFile(config.KIZUNA_DATA_DIR);
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'kizuna:secrets', 32));
    this.linkKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'kizuna:links', 32));
  }

  seal(value: unknown): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): unknown {
    if (sealed[0] !== VERSION) throw new Error(`unknown secret format ${sealed[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return JSON.parse(
      Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8'),
    ) as unknown;
  }

  private keyFile(dataDir: string): Buffer {
    const file = path.join(dataDir, 'secret.key');
    if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    try {
      writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process started at the same moment and wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      throw error;
    }
    this.logger.warn(
      { file },
      'KIZUNA_SECRET_KEY is not set: generated a key file (set KIZUNA_SECRET_KEY in production)',
    );
    return key;
  }
}

@Global()
@Module({ providers: [SecretBox], exports: [SecretBox] })
export class SecretsModule {}
