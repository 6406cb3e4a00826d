import { tokenIsValid, urlProblem } from './validation';

describe('urlProblem', () => {
  it.each([
    ['https://hooks.example.com/upgrades', null],
    ['  http://example.com:8443/a?b=c  ', null],
    ['ftp://example.com/x', 'UNSUPPORTED_SCHEME'],
    ['hooks.example.com/upgrades', 'UNSUPPORTED_SCHEME'],
    ['javascript:alert(1)', 'UNSUPPORTED_SCHEME'],
    ['http:/example.com', 'INVALID_URL'],
    ['https://exa mple.com', 'INVALID_URL'],
    ['https://user:pw@example.com/x', 'USER_INFO_NOT_ALLOWED'],
    ['https://user@example.com/x', 'USER_INFO_NOT_ALLOWED'],
    [`https://example.com/${'a'.repeat(2048)}`, 'TOO_LONG'],
  ])('%s → %s', (url, problem) => {
    expect(urlProblem(url)).toBe(problem);
  });
});

describe('tokenIsValid', () => {
  it.each([
    ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5q3Bo0kqTXk=', true],
    [`whsec_${btoa('x'.repeat(24))}`, true],
    [`whsec_${btoa('x'.repeat(23))}`, false],
    ['whsec_not*base64', false],
    ['a-plain-secret-of-32-characters!', true],
    ['a-plain-secret-of-31-characters', false],
    ['a plain secret with spaces in it, long enough', false],
    ['x'.repeat(257), false],
  ])('%s → %s', (token, valid) => {
    expect(tokenIsValid(token)).toBe(valid);
  });
});
