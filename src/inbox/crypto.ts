import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UserError } from '../domain/errors';

/**
 * Files at rest (docs/data-protection.md: "stores files encrypted at rest when a key is configured").
 * Layout: MAGIC (4) | IV (12, random per file) | auth tag (16) | AES-256-GCM ciphertext.
 * GCM's tag makes any tampering or a wrong key fail loudly instead of returning garbage.
 */
const MAGIC = Buffer.from('VRE1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = MAGIC.length + IV_BYTES + TAG_BYTES;

export function encrypt(plain: Buffer, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

export function isEncrypted(stored: Buffer): boolean {
  return stored.length >= HEADER && stored.subarray(0, MAGIC.length).equals(MAGIC);
}

export function decrypt(stored: Buffer, key: Buffer | null): Buffer {
  if (!isEncrypted(stored)) return stored; // written while no key was configured
  if (!key) {
    throw new UserError(
      'encrypted',
      'Tệp lưu trữ đã được mã hoá nhưng máy chủ chưa cấu hình khoá VR_INBOX_KEY.',
      'The stored file is encrypted but the server has no VR_INBOX_KEY configured.',
    );
  }
  const iv = stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = stored.subarray(MAGIC.length + IV_BYTES, HEADER);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(stored.subarray(HEADER)), decipher.final()]);
  } catch {
    throw new UserError(
      'corrupt',
      'Không giải mã được tệp lưu trữ: sai khoá VR_INBOX_KEY hoặc tệp đã bị thay đổi.',
      'Cannot decrypt the stored file: wrong VR_INBOX_KEY or the file was altered.',
    );
  }
}
