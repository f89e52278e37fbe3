// Linq downloads a card's photo from the address the console gives it, so that address must be
// reachable from the internet over HTTPS. Pure: decides from the address alone.

export type PublicUrlProblem = 'not_https' | 'private_host';

const PRIVATE_HOST =
  /^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f]*:.*\])$/i;

export function publicUrlProblems(baseUrl: string): PublicUrlProblem[] {
  const url = new URL(baseUrl);
  const problems: PublicUrlProblem[] = [];
  if (url.protocol !== 'https:') problems.push('not_https');
  if (PRIVATE_HOST.test(url.hostname)) problems.push('private_host');
  return problems;
}

export function photoUrl(baseUrl: string, hash: string): string {
  return `${baseUrl}/photos/${hash}.jpg`;
}
