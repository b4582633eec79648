import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDemoStatus } from '../api/indicators.ts';

/** 示例数据: while the demo is loaded every screen says so, and what in it is the policy's and what is made up. */
export function DemoBanner() {
  const { t } = useTranslation();
  const demo = useDemoStatus();
  if (!demo.data?.loaded) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="demo-banner"
      style={{ marginBottom: 12 }}
      message={t('indicators.demoBanner')}
      description={demo.data.note}
    />
  );
}
