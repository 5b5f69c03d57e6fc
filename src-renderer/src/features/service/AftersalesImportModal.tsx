import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundImportPreview, RefundImportRow } from '../../../../src-main/api/contract-aftersales';
import { api, errorText, problemText, ui } from '../../api';
import { tDynamic } from '../../i18n';
import { fileToBase64 } from '../catalog/ImportWizard';

const STATUS_COLOR = { new: 'blue', changed: 'gold', unchanged: 'default', rejected: 'red' } as const;

/** 导入退款报表: choose the file (CSV or xls/xlsx) → check the preview → import all or nothing. */
export function AftersalesImportModal({
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
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RefundImportPreview | null>(null);
  const [skipRejected, setSkipRejected] = useState(true);

  function reset() {
    setFile(null);
    setPreview(null);
    setError(null);
    if (input.current) input.current.value = '';
  }
  function close() {
    reset();
    onClose();
  }

  async function check(chosen: File | undefined) {
    setFile(chosen ?? null);
    setPreview(null);
    setError(null);
    if (!chosen) return;
    setBusy(true);
    try {
      setPreview(
        await api.aftersales.importPreview({
          file: { fileName: chosen.name, contentBase64: await fileToBase64(chosen) },
        }),
      );
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
      const excludeRefunds = skipRejected
        ? preview.rows.filter((r) => r.status === 'rejected').map((r) => r.refundNo)
        : [];
      const r = await api.aftersales.importCommit({ importId: preview.importId, excludeRefunds });
      ui().message.success(
        t('aftersales.import.done', { created: r.created, updated: r.updated, unchanged: r.unchanged }),
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
      title={t('aftersales.import.title')}
      onCancel={close}
      width={900}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {preview && <Button onClick={reset}>{t('aftersales.import.back')}</Button>}
          <Button
            type="primary"
            disabled={!preview || nothing || blocked}
            loading={busy && !!preview}
            onClick={() => void commit()}
            data-testid="as-import-commit"
          >
            {t('aftersales.import.commit')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('aftersales.import.hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<InboxOutlined />} onClick={() => input.current?.click()} loading={busy && !preview}>
          {t('aftersales.import.choose')}
        </Button>
        {file && <Typography.Text>{t('aftersales.import.chosen', { name: file.name })}</Typography.Text>}
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,.xls"
          hidden
          data-testid="as-import-file"
          onChange={(e) => void check(e.target.files?.[0])}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {preview && c && (
        <div data-testid="as-import-preview">
          <Typography.Paragraph>
            <Tag>
              {preview.fileName} · {preview.encoding}
            </Tag>
          </Typography.Paragraph>
          <Space size={32} style={{ marginBottom: 12 }} wrap>
            {(['new', 'changed', 'unchanged', 'rejected'] as const).map((k) => (
              <Statistic
                key={k}
                title={t(`aftersales.import.counts.${k}`)}
                value={c[k]}
                data-testid={`as-import-count-${k}`}
                styles={{ content: { color: k === 'rejected' && c[k] ? '#cf1322' : undefined } }}
              />
            ))}
          </Space>
          {preview.unknownOrders.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('aftersales.import.unknownOrders')}
              description={preview.unknownOrders.join('、')}
            />
          )}
          {nothing && (
            <Alert
              type="info"
              showIcon
              title={t('aftersales.import.nothingToDo')}
              style={{ marginBottom: 12 }}
            />
          )}
          {c.rejected > 0 && (
            <Checkbox
              checked={skipRejected}
              onChange={(e) => setSkipRejected(e.target.checked)}
              style={{ marginBottom: 8 }}
            >
              {t('aftersales.import.excludeRejected')}
            </Checkbox>
          )}
          {preview.rows.length > 0 && (
            <Table<RefundImportRow>
              size="small"
              rowKey="rowNumber"
              dataSource={preview.rows}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                {
                  key: 'status',
                  title: t('aftersales.fields.status'),
                  width: 90,
                  render: (_, r) => (
                    <Tag color={STATUS_COLOR[r.status]}>{t(`aftersales.import.counts.${r.status}`)}</Tag>
                  ),
                },
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
                {
                  key: 'what',
                  title: t('aftersales.import.what'),
                  render: (_, r) =>
                    r.errors.length ? (
                      <Typography.Text type="danger">
                        {r.errors.map((e) => `${e.field}：${problemText(e)}`).join('；')}
                      </Typography.Text>
                    ) : r.changes.length ? (
                      t('aftersales.import.changes', {
                        fields: r.changes
                          .map((f) => tDynamic(`aftersales.import.fields.${f}`, {}, f))
                          .join('、'),
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
