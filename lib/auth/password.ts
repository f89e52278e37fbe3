import bcrypt from 'bcryptjs';

// Cost 12 takes ~250 ms here: slow for guessing, still quick enough for a sign-in.
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so that a wrong email and a wrong password
// take the same time and the response does not reveal which accounts exist.
const UNKNOWN_ACCOUNT_HASH = bcrypt.hashSync('no-such-account', COST);

export async function verifyPasswordOrDummy(password: string, hash: string | undefined): Promise<boolean> {
  const matches = await verifyPassword(password, hash ?? UNKNOWN_ACCOUNT_HASH);
  return hash !== undefined && matches;
}
