import { Tag, Typography, Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderImportPreview, OrderImportRow } from '../../../../src-main/api/contract';
import { api } from '../../api';
import { ImportPreviewModal } from '../../components/ImportPreviewModal';
import { fileToBase64 } from '../catalog/ImportWizard';

/** 导入订单: choose the export pair (or an xlsx) → check the preview → import all or nothing. */
export function OrderImportModal(props: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <ImportPreviewModal<OrderImportRow, OrderImportPreview>
      {...props}
      texts="orderImport"
      testId="order-import"
      fileTestId="order-import-files"
      maxFiles={2}
      preview={async (files) =>
        api.orders.importPreview({
          files: await Promise.all(
            files.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) })),
          ),
        })
      }
      commit={async (preview, rejected) => {
        const r = await api.orders.importCommit({
          importId: preview.importId,
          excludeOrders: rejected.map((row) => row.orderNo),
        });
        return t('orderImport.done', {
          created: r.created,
          updated: r.updated,
          unchanged: r.unchanged,
          buyers: r.buyersCreated,
        });
      }}
      describe={(preview) =>
        preview.files.map((f) => (
          <Tag key={f.fileName}>
            {f.fileName} · {t(`orderImport.kinds.${f.kind}`)} · {f.encoding}
          </Tag>
        ))
      }
      extra={(preview) => (
        <Typography.Text type="secondary">
          {t('orderImport.newBuyers', { count: preview.newBuyers })} ·{' '}
          {t('orderImport.lineCount', { count: preview.lineCount })}
        </Typography.Text>
      )}
      warning={(preview) =>
        preview.unknownCodes.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="order-import-unknown"
            title={t('orderImport.unknownCodes')}
            description={preview.unknownCodes.join('、')}
          />
        )
      }
      rowKey={(r) => `${r.sheet}-${r.rowNumber}`}
      columns={[
        {
          key: 'row',
          title: t('orderImport.row'),
          width: 130,
          render: (_, r) =>
            t('orderImport.rowOf', { sheet: t(`orderImport.sheet.${r.sheet}`), row: r.rowNumber }),
        },
        {
          key: 'no',
          title: t('orders.orderNo'),
          width: 190,
          className: 'num',
          // Rows without an order id are keyed by their row number (#5): show a dash.
          render: (_, r) => (r.orderNo.startsWith('#') ? '—' : r.orderNo),
        },
        { key: 'member', dataIndex: 'memberName', title: t('orders.buyer'), width: 130, ellipsis: true },
      ]}
    />
  );
}
