import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderImportPreview, OrderImportRow } from '../../../../src-main/api/contract';
import { api, errorText, problemText, ui } from '../../api';
import { tDynamic } from '../../i18n';
import { fileToBase64 } from '../catalog/ImportWizard';

const STATUS_COLOR = { new: 'blue', changed: 'gold', unchanged: 'default', rejected: 'red' } as const;

/** 导入订单: choose the export pair (or an xlsx) → check the preview → import all or nothing. */
export function OrderImportModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<OrderImportPreview | null>(null);
  const [skipRejected, setSkipRejected] = useState(true);

  function reset() {
    setFiles([]);
    setPreview(null);
    setError(null);
    if (input.current) input.current.value = '';
  }
  function close() {
    reset();
    onClose();
  }

  async function check(chosen: File[]) {
    setFiles(chosen);
    setPreview(null);
    setError(null);
    if (!chosen.length) return;
    setBusy(true);
    try {
      const payload = await Promise.all(
        chosen.slice(0, 2).map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) })),
      );
      setPreview(await api.orders.importPreview({ files: payload }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!preview) return;
    setBusy(true);
    try {
      const excludeOrders = skipRejected
        ? preview.rows.filter((r) => r.status === 'rejected').map((r) => r.orderNo)
        : [];
      const r = await api.orders.importCommit({ importId: preview.importId, excludeOrders });
      ui().message.success(
        t('orderImport.done', {
          created: r.created,
          updated: r.updated,
          unchanged: r.unchanged,
          buyers: r.buyersCreated,
        }),
      );
      onDone();
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const c = preview?.counts;
  const nothing = !!c && c.new + c.changed === 0;
  const blocked = !!c && c.rejected > 0 && !skipRejected;

  return (
    <Modal
      open={open}
      title={t('orderImport.title')}
      onCancel={close}
      width={900}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {preview && (
            <Button onClick={reset} data-testid="order-import-back">
              {t('orderImport.back')}
            </Button>
          )}
          <Button
            type="primary"
            disabled={!preview || nothing || blocked}
            loading={busy && !!preview}
            onClick={commit}
            data-testid="order-import-commit"
          >
            {t('orderImport.commit')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('orderImport.hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<InboxOutlined />} onClick={() => input.current?.click()} loading={busy && !preview}>
          {t('orderImport.choose')}
        </Button>
        {files.length > 0 && (
          <Typography.Text>
            {t('orderImport.chosen', { names: files.map((f) => f.name).join('、') })}
          </Typography.Text>
        )}
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.xlsx,.xls"
          hidden
          data-testid="order-import-files"
          onChange={(e) => void check([...(e.target.files ?? [])])}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {preview && c && (
        <div data-testid="order-import-preview">
          <Typography.Paragraph>
            {preview.files.map((f) => (
              <Tag key={f.fileName}>
                {f.fileName} · {t(`orderImport.kinds.${f.kind}`)} · {f.encoding}
              </Tag>
            ))}
          </Typography.Paragraph>
          <Space size={32} style={{ marginBottom: 12 }} wrap>
            {(['new', 'changed', 'unchanged', 'rejected'] as const).map((k) => (
              <Statistic
                key={k}
                title={t(`orderImport.counts.${k}`)}
                value={c[k]}
                data-testid={`order-import-count-${k}`}
                styles={{ content: { color: k === 'rejected' && c[k] ? '#cf1322' : undefined } }}
              />
            ))}
            <Typography.Text type="secondary">
              {t('orderImport.newBuyers', { count: preview.newBuyers })} ·{' '}
              {t('orderImport.lineCount', { count: preview.lineCount })}
            </Typography.Text>
          </Space>
          {preview.unknownCodes.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="order-import-unknown"
              title={t('orderImport.unknownCodes')}
              description={preview.unknownCodes.join('、')}
            />
          )}
          {nothing && (
            <Alert type="info" showIcon title={t('orderImport.nothingToDo')} style={{ marginBottom: 12 }} />
          )}
          {c.rejected > 0 && (
            <Checkbox
              checked={skipRejected}
              onChange={(e) => setSkipRejected(e.target.checked)}
              style={{ marginBottom: 8 }}
            >
              {t('orderImport.excludeRejected')}
            </Checkbox>
          )}
          {preview.rows.length > 0 && (
            <Table<OrderImportRow>
              size="small"
              rowKey={(r) => `${r.sheet}-${r.rowNumber}`}
              dataSource={preview.rows}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                {
                  key: 'status',
                  title: t('orders.status'),
                  width: 90,
                  render: (_, r) => (
                    <Tag color={STATUS_COLOR[r.status]}>{t(`orderImport.counts.${r.status}`)}</Tag>
                  ),
                },
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
                {
                  key: 'member',
                  dataIndex: 'memberName',
                  title: t('orders.buyer'),
                  width: 130,
                  ellipsis: true,
                },
                {
                  key: 'what',
                  title: t('orderImport.what'),
                  render: (_, r) =>
                    r.errors.length ? (
                      <Typography.Text type="danger">
                        {r.errors.map((e) => `${e.field}：${problemText(e)}`).join('；')}
                      </Typography.Text>
                    ) : r.changes.length ? (
                      t('orderImport.changes', {
                        fields: r.changes.map((f) => tDynamic(`orderImport.fields.${f}`, {}, f)).join('、'),
                      })
                    ) : (
                      ''
                    ),
                },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
