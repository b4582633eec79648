import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { App, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useExportAll, type ExportFormat } from '../api/export-all.ts';

/** The full export for an administrator (the server refuses everyone else): .xlsx with a sheet per entity, or JSON. */
export function ExportAllButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exportAll = useExportAll({
    mutationConfig: {
      onSuccess: ({ filename }) => void message.success(t('dataExport.done', { filename })),
      onError: (error) => void message.error(error.message),
    },
  });
  const start = (format: ExportFormat) => exportAll.mutate(format);
  return (
    <Dropdown.Button
      icon={<DownOutlined />}
      loading={exportAll.isPending}
      onClick={() => start('xlsx')}
      menu={{ items: [{ key: 'json', label: t('dataExport.json'), onClick: () => start('json') }] }}
      data-testid="export-all"
    >
      <DownloadOutlined /> {t('dataExport.xlsx')}
    </Dropdown.Button>
  );
}
