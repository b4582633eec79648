import { Card, Col, Row, Statistic, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen, formatFenLarge } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';

function Amount({ label, fen, hint, color, testId, strong }: { label: string; fen: number; hint?: string; color?: string; testId: string; strong?: boolean }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={label}
        value={formatFen(fen)}
        styles={{ content: { color, fontWeight: strong ? 600 : undefined, fontVariantNumeric: 'tabular-nums' } }}
        data-testid={testId}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-hint`}>
        {hint ?? formatFenLarge(fen)}
      </Typography.Text>
    </Card>
  );
}

type FrozenLedger = { paidFen?: number; payments?: { payeeKey: string; payeeName: string; fen: number }[] };
/** The ledger as it stood when the calculation was made (calculations made before the ledger have none). */
export const ledgerOf = (calculation: Calculation): FrozenLedger | null => {
  const inputs = calculation.inputs as { ledger?: FrozenLedger } | null;
  return inputs && typeof inputs === 'object' && inputs.ledger ? inputs.ledger : null;
};

/**
 * Total, already paid under the policy (to anyone: one ledger per project and policy), due now and — when the
 * figure fell — the overpayment to recover (never a negative payout).
 */
export function CalculationAmounts({ calculation: c }: { calculation: Calculation }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const ledger = ledgerOf(c);
  const alreadyPaid = ledger?.paidFen ?? c.lines.reduce((sum, line) => sum + line.alreadyPaidFen, 0);
  const earlier = (ledger?.payments ?? []).filter((p) => p.fen > 0);
  const paidHint =
    earlier.length > 0
      ? earlier.map((p) => t('finance.calc.paidTo', { name: p.payeeName, amount: formatFen(p.fen) })).join('；')
      : t('finance.calc.alreadyPaidHint');
  // A service fee is one period's fee: nothing is trued up against earlier payments.
  const isFee = c.kind === 'service_fee';
  const span = 24 / ((isFee ? 2 : 3) + (c.overpaymentFen > 0 ? 1 : 0));
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} md={span}>
        <Amount label={t('finance.calc.total')} fen={c.totalFen} hint={t(isFee ? 'finance.calc.totalHintFee' : 'finance.calc.totalHint')} testId="calc-total" />
      </Col>
      {isFee ? null : (
        <Col xs={24} md={span}>
          <Amount label={t('finance.calc.alreadyPaid')} fen={alreadyPaid} hint={paidHint} testId="calc-already-paid" />
        </Col>
      )}
      <Col xs={24} md={span}>
        <Amount
          label={t('finance.calc.due')}
          fen={c.dueFen}
          hint={t(isFee ? 'finance.calc.dueHintFee' : 'finance.calc.dueHint')}
          color={token.colorPrimary}
          strong
          testId="calc-due"
        />
      </Col>
      {c.overpaymentFen > 0 ? (
        <Col xs={24} md={span}>
          <Amount
            label={t('finance.calc.overpayment')}
            fen={c.overpaymentFen}
            hint={t('finance.calc.overpaymentHint')}
            color={token.colorError}
            strong
            testId="calc-overpayment"
          />
        </Col>
      ) : null}
    </Row>
  );
}
