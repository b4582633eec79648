import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleLedger, type LedgerPayment } from './ledger.ts';
import { rewardMilestones } from './types.ts';
import { workedExampleVersion } from './worked-example.ts';

const version = workedExampleVersion();
const leading = { leading: true, emerging: false };
// 40/60 installments, ×1.2 → a total of ¥850,000.00 needs 850,000 / 1.2 = 708,333.33 of tiers: a basis of
// ¥91,666,666.67 gives 500,000 + 208,333.33335 = 708,333.33335 → ×1.2 = 850,000.00002 → ¥850,000.00.
const basisFen = 9_166_666_667n;
const linPaid: LedgerPayment = { payeeKey: 'agent:a', payeeName: '林建国', fen: 34_000_000n };

describe('settleLedger: one ledger per project and policy', () => {
  it('after a change of agent, what was paid stays paid and the new agent gets only the remaining entitlement', () => {
    const s = settleLedger({ version, basisFen, industryFlags: leading, milestone: 'in_production', paid: [linPaid], payee: { key: 'agent:b' } });
    expect(s.totalFen).toBe(85_000_000n);
    expect(s.dueFen).toBe(51_000_000n);
    expect(s.recoveryFen).toBe(0n);
    expect(s.trace).toContain('already paid to 林建国 ¥340,000.00 已支付 (an earlier payee: what was paid stays paid)');
    expect(s.trace.at(-1)).toBe('cumulative share 100% due ¥850,000.00 − ¥340,000.00 paid = ¥510,000.00');
  });

  it('a later milestone owes nothing when an earlier installment paid more than the entitlement, and flags the excess', () => {
    const paid = [{ payeeKey: 'agent:a', payeeName: '林建国', fen: 148_272_000n }];
    const s = settleLedger({ version, basisFen, industryFlags: leading, milestone: 'construction_started', paid, payee: { key: 'agent:a' } });
    expect(s.dueFen).toBe(0n);
    expect(s.entitledFen).toBe(34_000_000n);
    expect(s.recoveryFen).toBe(148_272_000n - 34_000_000n);
  });

  it('a payee who may not be paid gets nothing; only what they themselves were paid (and others’ excess) is recovered', () => {
    const gov = { key: 'agent:g', eligibility: { isGovernmentUnit: true } };
    const after = settleLedger({ version, basisFen, industryFlags: leading, milestone: 'in_production', paid: [linPaid], payee: gov });
    expect([after.dueFen, after.recoveryFen, after.entitledFen]).toEqual([0n, 0n, 85_000_000n]);
    const paidToGov = settleLedger({
      version,
      basisFen,
      industryFlags: leading,
      milestone: 'in_production',
      paid: [{ payeeKey: 'agent:g', payeeName: '服务中心', fen: 100n }],
      payee: gov,
    });
    expect([paidToGov.dueFen, paidToGov.recoveryFen]).toEqual([0n, 100n]);
    const fell = settleLedger({ version, basisFen: 1_500_000_000n, industryFlags: leading, milestone: 'in_production', paid: [linPaid], payee: gov });
    expect(fell.recoveryFen).toBe(34_000_000n - fell.entitledFen);
    expect(fell.trace.at(-1)).toMatch(/flagged for recovery 待追回/);
  });

  it('a pool (staff incentive) counts every payment to anyone', () => {
    const paid = [
      { payeeKey: 'staff:1', payeeName: '张伟', fen: 10_000_000n },
      { payeeKey: 'staff:2', payeeName: '李娜', fen: 24_000_000n },
    ];
    const s = settleLedger({ version, basisFen, industryFlags: leading, milestone: 'in_production', paid, payee: null });
    expect(s.dueFen).toBe(51_000_000n);
    expect(s.trace).toContain('already paid to 张伟 ¥100,000.00 已支付');
  });

  it('property: whatever was paid to whom, paid + due − recovery is the entitlement, and due and recovery never both', () => {
    const payment = fc.record({
      payeeKey: fc.constantFrom('agent:a', 'agent:b', 'agent:c'),
      payeeName: fc.constant('x'),
      fen: fc.bigInt({ min: 0n, max: 200_000_000n }),
    });
    fc.assert(
      fc.property(
        fc.array(payment, { maxLength: 5 }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.constantFrom(...rewardMilestones),
        fc.constantFrom('agent:a', 'agent:b'),
        fc.boolean(),
        (paid, basis, milestone, key, gov) => {
          const s = settleLedger({
            version,
            basisFen: basis,
            industryFlags: leading,
            milestone,
            paid,
            payee: { key, ...(gov ? { eligibility: { isGovernmentUnit: true } } : {}) },
          });
          expect(s.dueFen >= 0n && s.recoveryFen >= 0n).toBe(true);
          expect(s.dueFen === 0n || s.recoveryFen === 0n).toBe(true);
          if (!gov) expect(s.paidFen + s.dueFen - s.recoveryFen).toBe(s.entitledFen);
          // Paying what is due never takes the ledger above the entitlement.
          expect(s.paidFen + s.dueFen <= (s.entitledFen > s.paidFen ? s.entitledFen : s.paidFen)).toBe(true);
        },
      ),
    );
  });
});
