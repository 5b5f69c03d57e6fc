import { Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reportError, ui } from '../../api';
import type { CatalogQuery } from '../../stores/catalog';

type Encoding = 'utf8bom' | 'gbk';

/** Export the catalog rows matching the current filter; main asks where to save. */
export function ExportDialog({
  open,
  onClose,
  filter,
  total,
}: {
  open: boolean;
  onClose(): void;
  filter: CatalogQuery;
  total: number;
}) {
  const { t } = useTranslation();
  const [encoding, setEncoding] = useState<Encoding>('utf8bom');
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    try {
      const r = await api.catalog.exportCsv({ filter, encoding });
      onClose();
      if (!r.cancelled) {
        ui().notification.success({
          title: t('export.doneTitle'),
          description: t('export.done', { rows: r.rows, path: r.path }),
          duration: 8,
          props: { 'data-testid': 'export-result' },
        });
      }
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('export.title')}
      onCancel={onClose}
      onOk={run}
      okText={t('export.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'export-confirm' }}
      width={480}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('export.body', { count: total })}</Typography.Paragraph>
      <Typography.Paragraph strong style={{ marginBottom: 8 }} id="export-encoding-label">
        {t('export.encoding')}
      </Typography.Paragraph>
      <Radio.Group
        value={encoding}
        onChange={(e) => setEncoding(e.target.value as Encoding)}
        aria-labelledby="export-encoding-label"
      >
        <Space orientation="vertical">
          <Radio value="utf8bom" data-testid="export-utf8">
            {t('export.utf8')}
            <Typography.Text type="secondary" className="radio-hint">
              {t('export.utf8Hint')}
            </Typography.Text>
          </Radio>
          <Radio value="gbk" data-testid="export-gbk">
            {t('export.gbk')}
            <Typography.Text type="secondary" className="radio-hint">
              {t('export.gbkHint')}
            </Typography.Text>
          </Radio>
        </Space>
      </Radio.Group>
    </Modal>
  );
}
