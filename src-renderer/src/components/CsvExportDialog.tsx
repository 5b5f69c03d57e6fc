import { Modal, Radio, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../src-main/api/contract';
import { reportError, ui } from '../api';

export type CsvEncoding = 'utf8bom' | 'gbk';

/**
 * The one dialog every CSV export uses: says what will be exported, lets the person pick the
 * encoding (UTF-8 with BOM, or GBK for old Excel), runs the export (main asks where to save) and
 * reports where the file went.
 */
export function CsvExportDialog({
  open,
  onClose,
  title,
  body,
  run,
}: {
  open: boolean;
  onClose(): void;
  /** Defaults to 导出 CSV. */
  title?: string;
  /** What will be exported, e.g. "按当前筛选条件导出，共 120 行。" */
  body: ReactNode;
  run(encoding: CsvEncoding): Promise<ExportResult>;
}) {
  const { t } = useTranslation();
  const [encoding, setEncoding] = useState<CsvEncoding>('utf8bom');
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    try {
      const r = await run(encoding);
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
      title={title ?? t('export.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('export.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'export-confirm' }}
      width={480}
      destroyOnHidden
    >
      <Typography.Paragraph>{body}</Typography.Paragraph>
      <Typography.Paragraph strong style={{ marginBottom: 8 }} id="export-encoding-label">
        {t('export.encoding')}
      </Typography.Paragraph>
      <Radio.Group
        value={encoding}
        onChange={(e) => setEncoding(e.target.value as CsvEncoding)}
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
