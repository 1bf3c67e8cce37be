import { generatePassword, hashPassword, verifyPassword } from './password-hashing';

// A low cost keeps the unit test fast; the parameters are read back from the hash, as in production.
const CHEAP = { log2N: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', CHEAP);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toMatchObject({ matches: true });
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toMatchObject({ matches: false });
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password!', CHEAP)).not.toBe(await hashPassword('same password!', CHEAP));
  });

  it('asks for a new hash when the stored one is cheaper than today', async () => {
    const hash = await hashPassword('correct horse battery', CHEAP);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toEqual({ matches: true, needsRehash: true });
  });

  it('treats full-width input as the same password (NFKC), as Japanese IMEs type it', async () => {
    const hash = await hashPassword('Password1234', CHEAP);
    await expect(verifyPassword('Ｐａｓｓｗｏｒｄ１２３４', hash)).resolves.toMatchObject({ matches: true });
  });

  it('refuses malformed or absurd stored hashes instead of throwing', async () => {
    for (const stored of ['', 'bcrypt$x', 'scrypt$40$8$1$c2FsdA$a2V5', 'scrypt$x$8$1$c2FsdA$a2V5']) {
      await expect(verifyPassword('anything at all', stored)).resolves.toMatchObject({ matches: false });
    }
  });

  it('generates long random passwords', () => {
    const password = generatePassword();
    expect(password).toHaveLength(20);
    expect(generatePassword()).not.toBe(password);
  });
});
