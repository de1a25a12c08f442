/**
 * What a redaction removed, in words (`3 emails, 2 IPs`): the CLI's output and the hypothesis
 * panel's egress indicator say it the same way. Keys are the redactor's classes.
 */
const WORDS: Record<string, readonly [string, string]> = {
  email: ['email', 'emails'],
  ipv4: ['IP', 'IPs'],
  ipv6: ['IPv6 address', 'IPv6 addresses'],
  user_id: ['user id', 'user ids'],
  api_key: ['API key', 'API keys'],
  secret: ['secret', 'secrets'],
  jwt: ['token', 'tokens'],
  bearer: ['bearer token', 'bearer tokens'],
  password: ['password', 'passwords'],
  private_key: ['private key', 'private keys'],
  marker: ['look-alike placeholder', 'look-alike placeholders'],
};

/** `3 emails, 2 IPs` (most first), or `nothing` when nothing was redacted. */
export function redactionWords(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([cls, n]) => {
      const w = WORDS[cls] ?? [cls.replace(/_/g, ' '), cls.replace(/_/g, ' ')];
      return `${n} ${n === 1 ? w[0] : w[1]}`;
    });
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}
