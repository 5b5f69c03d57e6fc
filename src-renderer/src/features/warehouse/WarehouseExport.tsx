// 导出 CSV for the document list and the balances: a button and the shared CsvExportDialog.
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../../src-main/api/contract';
import { CsvExportDialog, type CsvEncoding } from '../../components/CsvExportDialog';

export function WarehouseExportButton({
  testId,
  body,
  run,
}: {
  testId: string;
  body: string;
  run(encoding: CsvEncoding): Promise<ExportResult>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)} data-testid={testId}>
        {t('docPrint.exportCsv')}
      </Button>
      <CsvExportDialog open={open} onClose={() => setOpen(false)} body={body} run={run} />
    </>
  );
}
