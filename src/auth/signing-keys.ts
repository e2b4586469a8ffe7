import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import type { PrismaClient } from '../db/client.js';
import { databaseClockMs } from '../db/timestamps.js';
import { CHANNEL } from './invalidation.js';

export const JWT_ALGORITHM = 'EdDSA';
/** An exchanged JWT lives at most this long; a retired key verifies for this long after. */
export const JWT_MAX_LIFETIME_MS = 12 * 3_600_000;
const RETIREMENT_MARGIN_MS = 10 * 60_000;
// Any advisory lock number will do as long as it is ours alone.
const ROTATION_LOCK = 0x5c09e;
const KID = /^[A-Za-z0-9_-]{1,64}$/;

/** What a sealed value is for: each purpose has its own key, derived from the one secret. */
export type SealPurpose = 'signing-key-encryption' | 'webhook-secret-encryption';

function aesKey(secret: string, purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'scopegate', purpose, 32));
}

/** Encrypts a value kept at rest (AES-256-GCM, a key derived from SCOPEGATE_KEY_SECRET). */
export function seal(secret: string, plaintext: string, purpose: SealPurpose = 'signing-key-encryption'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The inverse of `seal`; throws when the secret or the purpose is not the one it was sealed with. */
export function unseal(secret: string, sealed: string, purpose: SealPurpose = 'signing-key-encryption'): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', aesKey(secret, purpose), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey;
  retiredAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
  sealedPrivateKey: string;
}

/** The newest unretired key: the one to sign with. */
function activeKey(keys: Map<string, LoadedKey>): LoadedKey | undefined {
  let newest: LoadedKey | undefined;
  for (const key of keys.values()) {
    if (key.retiredAt) continue;
    if (!newest || key.createdAt > newest.createdAt) newest = key;
  }
  return newest;
}

/**
 * The signing keys, loaded from the database. Every process verifies with every key that has not
 * expired, signs with the newest unretired one, and reloads when it meets a key id it does not know
 * (at most once a second, so forged key ids cannot hammer the database) or is told keys changed.
 */
export class KeyStore {
  private keys = new Map<string, LoadedKey>();
  private signer: { kid: string; privateKey: CryptoKey } | undefined;
  private lastReload = 0;
  private reloadsStarted = 0;
  private reloadApplied = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly secret: string,
    private readonly rotationDays: number,
  ) {}

  /** Loads the keys, making the first one (or a due rotation) if needed; true if it rotated. */
  async init(now = new Date()): Promise<boolean> {
    await this.reload();
    if (!this.rotationDue(now)) return false;
    return (await this.rotateIfDue(now)) !== undefined;
  }

  rotationDue(now = new Date()): boolean {
    const active = this.activeKey();
    return !active || now.getTime() - active.createdAt.getTime() > this.rotationDays * 86_400_000;
  }

  async reload(): Promise<void> {
    // Reloads overlap (a NOTIFY, a reconnect, an unknown kid): one that read the keys before a
    // rotation committed must not finish last and put the retired key back as the signer.
    const started = ++this.reloadsStarted;
    const rows = await this.prisma.signingKey.findMany({ where: { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
    const keys = new Map<string, LoadedKey>();
    for (const row of rows) {
      const publicJwk = row.publicJwk as JWK;
      keys.set(row.kid, {
        kid: row.kid,
        publicJwk,
        publicKey: (await importJWK(publicJwk, JWT_ALGORITHM)) as CryptoKey,
        retiredAt: row.retiredAt,
        expiresAt: row.expiresAt,
        createdAt: row.createdAt,
        sealedPrivateKey: row.privateKey,
      });
    }
    const active = activeKey(keys);
    let signer = this.signer;
    let undecryptable: Error | undefined;
    if (active && active.kid !== signer?.kid) {
      let pem: string | undefined;
      try {
        pem = unseal(this.secret, active.sealedPrivateKey);
      } catch {
        undecryptable = new Error(
          `cannot decrypt signing key ${active.kid}: every gateway on this database needs the same SCOPEGATE_KEY_SECRET`,
        );
      }
      if (pem !== undefined) signer = { kid: active.kid, privateKey: await importPKCS8(pem, JWT_ALGORITHM) };
    }
    if (started > this.reloadApplied) {
      this.reloadApplied = started;
      this.keys = keys;
      this.signer = signer;
      this.lastReload = Date.now();
    }
    if (undecryptable) throw undecryptable;
  }

  private activeKey(): LoadedKey | undefined {
    return activeKey(this.keys);
  }

  /**
   * Makes a new signing key; the old one keeps verifying for one JWT lifetime, so no JWT it
   * signed dies early. An advisory lock keeps two processes from rotating at once.
   */
  async rotate(now = new Date()): Promise<string> {
    return (await this.makeKey(now, false))!;
  }

  /**
   * Rotates unless another process already did: gateways (or a cluster's workers) that start
   * together on a fresh database, or notice the same due rotation, make one key between them.
   * The new key's id, or undefined when none was due.
   */
  async rotateIfDue(now = new Date()): Promise<string | undefined> {
    return this.makeKey(now, true);
  }

  private async makeKey(now: Date, onlyIfDue: boolean): Promise<string | undefined> {
    const { publicKey, privateKey } = await generateKeyPair(JWT_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const kid = randomBytes(12).toString('base64url');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: JWT_ALGORITHM, use: 'sig' };
    const sealed = seal(this.secret, await exportPKCS8(privateKey));
    const made = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROTATION_LOCK})`;
      // A process's clock against the database's: by the earlier, a clock ahead neither finds a
      // rotation due early nor stamps a key with a time that puts off the next; by the later, a
      // clock behind does not end the retired key before JWTs the others signed with it.
      const databaseMs = await databaseClockMs(tx);
      const at = new Date(Math.min(now.getTime(), databaseMs));
      const retiredFrom = Math.max(now.getTime(), databaseMs);
      if (onlyIfDue) {
        const active = await tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
        if (active && at.getTime() - active.createdAt.getTime() <= this.rotationDays * 86_400_000) return false;
      }
      // Everyone is told at commit, so they reload and sign with the new key.
      await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, 'keys')`;
      await tx.signingKey.updateMany({
        where: { retiredAt: null },
        data: { retiredAt: at, expiresAt: new Date(retiredFrom + JWT_MAX_LIFETIME_MS + RETIREMENT_MARGIN_MS) },
      });
      await tx.signingKey.create({ data: { kid, publicJwk, privateKey: sealed, createdAt: at } });
      return true;
    });
    await this.reload();
    return made ? kid : undefined;
  }

  signingKey(): { kid: string; privateKey: CryptoKey } {
    if (!this.signer) throw new Error('no signing key: KeyStore.init() has not run');
    return this.signer;
  }

  /** The public key for a JWT's `kid`; undefined for an id that is malformed or not ours. */
  async verificationKey(kid: unknown): Promise<CryptoKey | undefined> {
    if (typeof kid !== 'string' || !KID.test(kid)) return undefined;
    let key = this.keys.get(kid);
    if (!key && Date.now() - this.lastReload > 1000) {
      await this.reload();
      key = this.keys.get(kid);
    }
    if (!key || (key.expiresAt && key.expiresAt <= new Date())) return undefined;
    return key.publicKey;
  }

  /** The JSON Web Key Set published at /.well-known/jwks.json. */
  jwks(): { keys: JWK[] } {
    const now = new Date();
    return { keys: [...this.keys.values()].filter((k) => !k.expiresAt || k.expiresAt > now).map((k) => k.publicJwk) };
  }
}
