import { App, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../../components/error-alert.tsx';
import { api } from '../../../lib/api.ts';

/**
 * After a 撞单 409 the later report is logged; its reporter may dispute the first report (two units claiming one
 * company). A manager with no stake settles it.
 */
export function DisputePrompt({ leadId, laterReportId }: { leadId: string; laterReportId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const raise = useMutation({ mutationFn: () => api.post(`/leads/${leadId}/disputes`, { claimReportId: laterReportId, reason: reason.trim() }) });
  return (
    <div style={{ marginTop: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('filing.laterLogged')}
      </Typography.Text>{' '}
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="dispute-open">
        {t('filing.raise')}
      </Button>
      <Modal
        open={open}
        title={t('filing.raiseTitle')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !reason.trim(), loading: raise.isPending }}
        onOk={() =>
          raise.mutate(undefined, {
            onSuccess: () => {
              void message.success(t('filing.raised'));
              setOpen(false);
            },
            onError: (error) => void message.error(errorText(error, t)),
          })
        }
      >
        <Typography.Paragraph type="secondary">{t('filing.raiseHelp')}</Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={1000} showCount value={reason} onChange={(e) => setReason(e.target.value)} data-testid="dispute-reason" />
      </Modal>
    </div>
  );
}
