import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../domain/errors';
import type { InboxConfig } from '../config';

/**
 * The key under which DUP-01 compares people across units (docs/rules.md): HMAC-SHA-256 of a
 * normalised name + birth year (and of an ID number), so the comparison never needs a name in
 * clear and a leaked hash cannot be reversed by hashing a list of common names without the key.
 *
 * The key is derived (HKDF-SHA-256) from VR_INBOX_KEY when one is configured; otherwise from a
 * random 32-byte key kept in `<data>/inbox.key` with mode 0600, created by `vr inbox init` (or on
 * first use by an inbox made before it existed). Several inbox processes behind one proxy must
 * share VR_INBOX_KEY so that they hash alike.
 */
export const INBOX_KEY_FILE = 'inbox.key';
const HKDF_INFO = 'vn-ctt-registry DUP-01 v1';

export function inboxKeyPath(dataDir: string): string {
  return path.join(dataDir, INBOX_KEY_FILE);
}

/** Creates `<data>/inbox.key` (mode 0600) unless VR_INBOX_KEY is set or the file exists.
 *  Returns the path when it created one. */
export async function ensureInboxKey(config: Pick<InboxConfig, 'dataDir' | 'encryptionKey'>): Promise<string | null> {
  if (config.encryptionKey) return null;
  const file = inboxKeyPath(config.dataDir);
  await fsp.mkdir(config.dataDir, { recursive: true });
  try {
    // 'wx': never overwrite a key that hashes already depend on.
    await fsp.writeFile(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    return file;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
}

async function readKeyFile(file: string): Promise<Buffer> {
  const text = (await fsp.readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new UserError('corrupt', `Tệp khoá ${file} hỏng (cần 64 ký tự hex).`, `The key file ${file} is damaged (64 hex characters expected).`);
  }
  return Buffer.from(text, 'hex');
}

/** The HMAC key for DUP-01 (created on first use when the inbox has none). */
export async function loadMatchKey(config: Pick<InboxConfig, 'dataDir' | 'encryptionKey'>): Promise<Buffer> {
  let base = config.encryptionKey;
  if (!base) {
    await ensureInboxKey(config);
    base = await readKeyFile(inboxKeyPath(config.dataDir));
  }
  return Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), HKDF_INFO, 32));
}

export function keyedHash(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
}
