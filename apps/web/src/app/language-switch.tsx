import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../lib/i18n/index.ts';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const value: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      value={value}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
      data-testid="language-switch"
    />
  );
}
