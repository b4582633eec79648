import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../lib/api.ts';
import { useExportList } from '../lib/export-list.ts';

/**
 * 导出: the list as the user sees it (its current filter) as a finance-ready .xlsx. Shared UI rather than a feature's:
 * the list screens and the performance feature's saved pools both put it up, and features do not import each other.
 */
export function ExportButton({ path, params, fallbackName, style }: { path: string; params?: QueryParams; fallbackName: string; style?: CSSProperties }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exportList = useExportList();
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={exportList.isPending}
      style={style}
      onClick={() =>
        exportList.mutate(
          { path, params, fallbackName },
          { onSuccess: ({ filename }) => void message.success(t('dataExport.done', { filename })), onError: (error) => void message.error(error.message) },
        )
      }
      data-testid="export-list"
    >
      {t('dataExport.export')}
    </Button>
  );
}
