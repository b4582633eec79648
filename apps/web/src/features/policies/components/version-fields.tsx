import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { multiplierConditions, rewardBases, rewardMilestones, serviceFeePeriods, tierModes } from '@crm/shared';
import { Button, Col, DatePicker, Divider, Flex, Form, Input, Radio, Row, Select, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bpToPercentInput } from '../../../lib/format.ts';
import { percentBpOf, percentRule, wanAmountRule, yuanAmountRule } from '../../../lib/money-rules.ts';
import type { RewardKind } from '../../../lib/types.ts';
import { factorToBp, type InstallmentValues, type VersionValues } from './version-values.ts';

const factorRule = (message: string) => ({
  validator: (_: unknown, value: unknown) => {
    const bp = factorToBp(typeof value === 'string' ? value : '');
    return bp !== null && bp > 0 && bp <= 100000 ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

/** The sum of the installment shares as typed, in basis points (shown live: it must be exactly 100%). */
function useShareSum(): number {
  const installments = Form.useWatch<InstallmentValues[] | undefined>('installments');
  return (installments ?? []).reduce((sum, i) => sum + (percentBpOf(i?.share) ?? 0), 0);
}

/** A rule about the whole list (outside any Form.Item, so antd would not colour it as an error). */
function ListErrors({ errors, testId }: { errors: ReactNode[]; testId?: string }) {
  const { token } = theme.useToken();
  return (
    <div data-testid={testId} style={{ color: token.colorError, marginBottom: errors.length > 0 ? 8 : 0 }}>
      <Form.ErrorList errors={errors} />
    </div>
  );
}

function ShareSum() {
  const { t } = useTranslation();
  const sum = useShareSum();
  const ok = sum === 10000;
  return (
    <Typography.Text type={ok ? 'success' : 'warning'} data-testid="version-share-sum" data-sum-bp={sum}>
      {t('policies.form.shareSum', { sum: `${bpToPercentInput(sum)}%` })}
    </Typography.Text>
  );
}

/**
 * The fields of a policy version, inside the caller's Form: dates; for a reward, basis, mode, threshold, cap,
 * tiers, multipliers and installments; for a service fee, the fee per period. Amounts in 万元 (fees in 元),
 * rates and shares in %, multipliers as ×.
 */
export function VersionFields({ kind }: { kind: RewardKind }) {
  const { t } = useTranslation();
  const wan = t('leads.wan');
  const selectRequired = (label: string) => ({ required: true, message: t('validation.select', { label }) });

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item<VersionValues>
            name="effectiveFrom"
            label={t('policies.form.effectiveFrom')}
            rules={[selectRequired(t('policies.form.effectiveFrom'))]}
            extra={t('policies.form.effectiveFromHelp')}
          >
            <DatePicker style={{ width: '100%' }} data-testid="version-effectiveFrom" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item<VersionValues> name="effectiveTo" label={t('policies.form.effectiveTo')} extra={t('policies.form.effectiveToHelp')}>
            <DatePicker style={{ width: '100%' }} allowClear data-testid="version-effectiveTo" />
          </Form.Item>
        </Col>
      </Row>

      {kind === 'service_fee' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item<VersionValues> name="fee" label={t('policies.fee')} required rules={[yuanAmountRule(t, { required: true, label: t('policies.fee') })]}>
              <Input inputMode="decimal" suffix={t('finance.yuan')} data-testid="version-fee" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item<VersionValues> name="period" label={t('policies.period')} rules={[selectRequired(t('policies.period'))]}>
              <Radio.Group options={serviceFeePeriods.map((p) => ({ value: p, label: t(`policies.periodKind.${p}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item<VersionValues> name="basis" label={t('policies.basis')} rules={[selectRequired(t('policies.basis'))]}>
                <Select options={rewardBases.map((b) => ({ value: b, label: t(`policies.basisKind.${b}`) }))} data-testid="version-basis" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item<VersionValues> name="mode" label={t('policies.mode')} rules={[selectRequired(t('policies.mode'))]} extra={<ModeHint />}>
                <Radio.Group
                  optionType="button"
                  options={tierModes.map((m) => ({ value: m, label: t(`policies.modeKind.${m}`) }))}
                  data-testid="version-mode"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item<VersionValues>
                name="threshold"
                label={t('policies.threshold')}
                required
                rules={[wanAmountRule(t, { required: true, label: t('policies.threshold') })]}
                extra={t('policies.form.thresholdHelp')}
              >
                <Input inputMode="decimal" suffix={wan} data-testid="version-threshold" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item<VersionValues> name="cap" label={t('policies.cap')} rules={[wanAmountRule(t)]} extra={t('policies.form.capHelp')}>
                <Input inputMode="decimal" suffix={wan} placeholder={t('policies.noCap')} data-testid="version-cap" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {t('policies.form.tiers')}
          </Divider>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('policies.form.tiersHelp')}
          </Typography.Paragraph>
          <Form.List name="tiers">
            {(fields, { add, remove }, { errors }) => (
              <div data-testid="version-tiers">
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={12} align="flex-start">
                    <Typography.Text style={{ width: 56, lineHeight: '32px', flex: 'none' }}>{t('policies.tierNo', { n: index + 1 })}</Typography.Text>
                    <Form.Item name={[field.name, 'upTo']} rules={[wanAmountRule(t)]} style={{ flex: 1 }}>
                      <Input
                        inputMode="decimal"
                        prefix={t('policies.form.upTo')}
                        suffix={wan}
                        placeholder={t('policies.form.noLimit')}
                        data-testid={`version-tier-upTo-${index}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'rate']} rules={[percentRule(t, { required: true, label: t('policies.rate') })]} style={{ width: 180 }}>
                      <Input inputMode="decimal" prefix={t('policies.rate')} suffix="%" data-testid={`version-tier-rate-${index}`} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.remove')}
                    />
                  </Flex>
                ))}
                <ListErrors errors={errors} testId="version-tiers-errors" />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ upTo: '', rate: '' })}
                  style={{ marginBottom: 16 }}
                  data-testid="version-tier-add"
                >
                  {t('policies.form.addTier')}
                </Button>
              </div>
            )}
          </Form.List>

          <Divider titlePlacement="start">{t('policies.multipliers')}</Divider>
          <Form.List name="multipliers">
            {(fields, { add, remove }, { errors }) => (
              <div data-testid="version-multipliers">
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={12} align="flex-start">
                    <Form.Item name={[field.name, 'when']} rules={[selectRequired(t('policies.form.condition'))]} style={{ flex: 1 }}>
                      <Select
                        options={multiplierConditions.map((c) => ({ value: c, label: t(`policies.condition.${c}`) }))}
                        data-testid={`version-multiplier-when-${index}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'factor']} rules={[factorRule(t('policies.form.factorInvalid'))]} style={{ width: 180 }}>
                      <Input inputMode="decimal" prefix="×" data-testid={`version-multiplier-factor-${index}`} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Flex>
                ))}
                <ListErrors errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= multiplierConditions.length}
                  onClick={() => add({ factor: '1.2' })}
                  style={{ marginBottom: 16 }}
                >
                  {t('policies.form.addMultiplier')}
                </Button>
              </div>
            )}
          </Form.List>

          <Divider titlePlacement="start">{t('policies.installments')}</Divider>
          <Form.List name="installments">
            {(fields, { add, remove }, { errors }) => (
              <div data-testid="version-installments-form">
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={12} align="flex-start">
                    <Form.Item name={[field.name, 'milestone']} rules={[selectRequired(t('policies.form.milestone'))]} style={{ flex: 1 }}>
                      <Select
                        options={rewardMilestones.map((m) => ({ value: m, label: t(`milestone.${m}`) }))}
                        data-testid={`version-installment-milestone-${index}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'share']}
                      rules={[percentRule(t, { required: true, positive: true, label: t('policies.form.share') })]}
                      style={{ width: 180 }}
                    >
                      <Input inputMode="decimal" prefix={t('policies.form.share')} suffix="%" data-testid={`version-installment-share-${index}`} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.remove')}
                    />
                  </Flex>
                ))}
                <ListErrors errors={errors} testId="version-installments-errors" />
                <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
                  <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= rewardMilestones.length} onClick={() => add({ share: '' })}>
                    {t('policies.form.addInstallment')}
                  </Button>
                  <ShareSum />
                </Flex>
              </div>
            )}
          </Form.List>
        </>
      )}

      <Form.Item<VersionValues> name="note" label={t('policies.form.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('policies.form.notePlaceholder')} data-testid="version-note" />
      </Form.Item>
    </>
  );
}

function ModeHint() {
  const { t } = useTranslation();
  const mode = Form.useWatch<VersionValues['mode']>('mode');
  return mode ? t(`policies.modeHint.${mode}`) : null;
}
