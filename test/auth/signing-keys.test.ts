import { afterAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/auth/signing-keys.js';
import { createPrisma } from '../../src/db/client.js';
import { isolatedDatabase } from '../helpers/gateway.js';

// A database of its own: the tests count every signing key in it.
const prisma = createPrisma(await isolatedDatabase());
afterAll(() => prisma.$disconnect());

const SECRET = 's'.repeat(32);
const DAY = 86_400_000;

describe('signing keys', () => {
  it('gateways starting together on a fresh database make one key between them, and each signs with it', async () => {
    await prisma.signingKey.deleteMany();
    const stores = Array.from({ length: 4 }, () => new KeyStore(prisma, SECRET, 90));
    const now = new Date();
    const rotated = await Promise.all(stores.map((store) => store.init(now)));
    expect(rotated.filter(Boolean)).toHaveLength(1);
    const keys = await prisma.signingKey.findMany();
    expect(keys).toHaveLength(1);
    // Those that found the key made already have loaded it, not a key of their own.
    for (const store of stores) expect(store.signingKey().kid).toBe(keys[0]!.kid);
  });

  it('a rotation that comes due is made once however many notice it; an explicit rotate always makes a key', async () => {
    await prisma.signingKey.deleteMany();
    const first = new KeyStore(prisma, SECRET, 90);
    const start = new Date(Date.now() - 91 * DAY);
    await first.init(start);
    const noticed = new Date(start.getTime() + 91 * DAY);
    const stores = [first, new KeyStore(prisma, SECRET, 90), new KeyStore(prisma, SECRET, 90)];
    const made = await Promise.all(stores.map((store) => store.rotateIfDue(noticed)));
    expect(made.filter((kid) => kid !== undefined)).toHaveLength(1);
    expect(await prisma.signingKey.count({ where: { retiredAt: null } })).toBe(1);
    expect(await prisma.signingKey.count()).toBe(2);
    // Not due any more: nothing is made.
    expect(await first.rotateIfDue(new Date(noticed.getTime() + DAY))).toBeUndefined();
    // The operator's rotation (`npm run keys:rotate`) does not ask whether one is due.
    const forced = await first.rotate(new Date(noticed.getTime() + DAY));
    expect(await prisma.signingKey.findFirst({ where: { retiredAt: null } })).toMatchObject({ kid: forced });
    expect(await prisma.signingKey.count()).toBe(3);
  });
});
