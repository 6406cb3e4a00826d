import { ApiError } from '../api/problem';
import { MESSAGES } from '../i18n/messages';
import { problemText } from './problemText';

const maybe = (key: string) => MESSAGES.en[key];
const t = (key: string) => maybe(key) ?? key;
const refused = (code: string) => new ApiError(422, code, 'Unprocessable', 'the service says');

describe('problemText', () => {
  it("takes a feature's own text for a code before the common one", () => {
    // packages defines problem.UNKNOWN_DEVICES (not in the product); for a transfer it means: not in it
    expect(problemText(refused('UNKNOWN_DEVICES'), t, maybe)).toBe(MESSAGES.en['problem.UNKNOWN_DEVICES']);
    expect(problemText(refused('UNKNOWN_DEVICES'), t, maybe, 'transfers')).toBe(
      MESSAGES.en['transfers.problem.UNKNOWN_DEVICES'],
    );
  });

  it("falls back to the common text, then to the service's detail", () => {
    expect(problemText(refused('NOT_VERIFIED'), t, maybe, 'transfers')).toBe(MESSAGES.en['problem.NOT_VERIFIED']);
    expect(problemText(refused('SOMETHING_NEW'), t, maybe, 'transfers')).toBe('the service says');
  });
});
