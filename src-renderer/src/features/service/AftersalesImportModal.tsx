import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RefundImportPreview, RefundImportRow } from '../../../../src-main/api/contract-aftersales';
import { api } from '../../api';
import { ImportPreviewModal } from '../../components/ImportPreviewModal';
import { fileToBase64 } from '../catalog/ImportWizard';

/** 导入退款报表: choose the file (CSV or xls/xlsx) → check the preview → import all or nothing. */
export function AftersalesImportModal(props: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <ImportPreviewModal<RefundImportRow, RefundImportPreview>
      {...props}
      texts="aftersales.import"
      testId="as-import"
      fileTestId="as-import-file"
      maxFiles={1}
      preview={async ([file]) =>
        api.aftersales.importPreview({
          file: { fileName: file!.name, contentBase64: await fileToBase64(file!) },
        })
      }
      commit={async (preview, rejected) => {
        const r = await api.aftersales.importCommit({
          importId: preview.importId,
          excludeRefunds: rejected.map((row) => row.refundNo),
        });
        return t('aftersales.import.done', {
          created: r.created,
          updated: r.updated,
          unchanged: r.unchanged,
        });
      }}
      describe={(preview) => (
        <Tag>
          {preview.fileName} · {preview.encoding}
        </Tag>
      )}
      warning={(preview) =>
        preview.unknownOrders.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('aftersales.import.unknownOrders')}
            description={preview.unknownOrders.join('、')}
          />
        )
      }
      rowKey={(r) => String(r.rowNumber)}
      columns={[
        {
          key: 'row',
          title: t('aftersales.import.row'),
          width: 80,
          render: (_, r) => t('aftersales.import.rowOf', { row: r.rowNumber }),
        },
        {
          key: 'refundNo',
          title: t('aftersales.fields.refundNo'),
          width: 170,
          className: 'num',
          render: (_, r) => (r.refundNo.startsWith('#') ? '—' : r.refundNo),
        },
        {
          key: 'orderNo',
          dataIndex: 'orderNo',
          title: t('aftersales.fields.orderNo'),
          width: 170,
          className: 'num',
        },
        {
          key: 'member',
          dataIndex: 'memberName',
          title: t('aftersales.fields.buyer'),
          width: 120,
          ellipsis: true,
        },
      ]}
    />
  );
}
