import { parseConfig } from '../../src/config/load';
import { emailProblem, MAX_EMAIL_LENGTH } from '../../src/config/email-address';
import { minimalConfigLines } from '../support/config';

/** The config's error lines for one `securityTopic.emails` list. */
function errorsFor(emails: string): string[] {
  const text = minimalConfigLines({ securityTopic: `{ accountId: "222222222222", emails: ${emails} }` }).join('\n');
  try {
    parseConfig(text, 'c.yaml');
    return [];
  } catch (err) {
    return (err as Error).message.split('\n');
  }
}

describe('email addresses in securityTopic.emails', () => {
  test.each([
    ['security@example.com'],
    ['security-team+root@alerts.example.com'],
    ["o'brien@example.com"],
    [`${'a'.repeat(64)}@example.com`],
  ])('accepts %s', (address) => {
    expect(emailProblem(address)).toBeUndefined();
  });

  test.each([
    ['security@example.com ', /has a trailing space, which is not part of an address \(write "security@example\.com"\)/],
    [' security@example.com', /has a leading space/],
    ['Security Team <security@example.com>', /is a name and an address \(write the address alone: "security@example\.com"\)/],
    ['mailto:security@example.com', /is a link, not an address \(write "security@example\.com"\)/],
    ['security@example.com, ops@example.com', /contains a space|contains a comma/],
    ['security@example.com;ops@example.com', /contains a semicolon \(list each address as its own entry\)/],
    ['security.example.com', /has no @/],
    ['security@@example.com', /has more than one @/],
    ['@example.com', /has nothing before the @/],
    ['security@', /has no domain after the @/],
    ['security@localhost', /the domain "localhost" has no dot/],
    [`${'a'.repeat(65)}@example.com`, /the part before the @ has 65 characters \(at most 64: RFC 5321\)/],
    [`security@${'b'.repeat(64)}.com`, /a part of the domain is longer than 63 characters/],
    ['secu rity@example.com', /contains a space/],
    ['security@exa_mple.com', /is not an email address SNS can subscribe/],
  ])('says why %j is not an address', (address, why) => {
    expect(emailProblem(address)).toMatch(why);
  });

  test('a trailing space is reported at the entry, with the reason and the fix', () => {
    expect(errorsFor('["security@example.com "]')).toEqual([
      'c.yaml:4:54: securityTopic.emails[0]: "security@example.com " has a trailing space, which is not part of an address (write "security@example.com")',
    ]);
  });

  test('a 10 MB address is one line that gives its length, not the value', () => {
    const huge = `${'a'.repeat(10 * 1024 * 1024)}@example.com`;
    const errors = errorsFor(`["${huge}"]`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^c\\.yaml:4:54: securityTopic\\.emails\\[0\\]: "a{40}…" \\(10,485,772 characters\\) is longer than an email address can be \\(at most ${MAX_EMAIL_LENGTH} characters`));
    expect(errors[0].length).toBeLessThan(300);
  });
});
