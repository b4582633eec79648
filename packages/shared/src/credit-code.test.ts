import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './credit-code.ts';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each([
    ['9144030071526726XG', true],
    ['9144030071526726XA', false],
    ['9144030071526726X', false],
    ['9144030071526726XGG', false],
    ['9144030071526726IG', false],
    ['9144030071526726xg', false],
  ])('%s valid: %s', (code, valid) => {
    expect(isValidCreditCode(code)).toBe(valid);
  });

  it('names the expected check character when it is wrong', () => {
    expect(creditCodeProblem('9144030071526726XA')).toContain('expected "G"');
    expect(creditCodeProblem('123')).toContain('18 characters');
    expect(creditCodeProblem('9144030071526726OG')).toContain('"O"');
  });

  it('treats a check value of 31 as 0', () => {
    // Find a 17-character body whose weighted sum is 0 mod 31: its check character must be "0".
    const body = '00000000000000000';
    expect(creditCodeCheckChar(body)).toBe('0');
  });

  it('uses the standard’s 31 characters in value order: digits, then capitals without I, O, S, V, Z', () => {
    const capitals = [...Array(26)].map((_, i) => String.fromCharCode(65 + i)).filter((c) => !'IOSVZ'.includes(c));
    expect(CREDIT_CODE_ALPHABET).toBe(`0123456789${capitals.join('')}`);
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
  });

  it('accepts every body with its computed check character, and rejects every other check character', () => {
    const alphabet = CREDIT_CODE_ALPHABET;
    const body = fc.array(fc.constantFrom(...alphabet.split('')), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(body, fc.constantFrom(...alphabet.split('')), (b, other) => {
        const check = creditCodeCheckChar(b);
        expect(check).not.toBeNull();
        expect(isValidCreditCode(`${b}${check}`)).toBe(true);
        if (other !== check) expect(isValidCreditCode(`${b}${other}`)).toBe(false);
      }),
    );
  });
});
