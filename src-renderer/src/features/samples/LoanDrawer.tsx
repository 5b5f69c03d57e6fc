// One sample loan: what was asked for, what went out (the 其他出库) and came back (the 其他入库 documents),
// what is still out; the warehouse issues, receives back and writes off here; the loan slip prints.
import { PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bin } from '../../../../src-main/api/contract';
import type { Loan, LoanLine } from '../../../../src-main/api/contract-samples';
import { api, reportError, ui } from '../../api';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { BinSelect } from '../warehouse/pickers';
import { LoanStatusTags, skuColumns } from './common';
import { useSampleCounts } from './SamplesTabLabel';

export function LoanDrawer({
  loanId,
  onClose,
  onChanged,
}: {
  loanId: string;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canIssue = useCan('samples.issue');
  const canOverride = useCan('warehouse.override');
  const canWriteOff = useCan('samples.writeOff');
  const canRequest = useCan('samples.request');
  const [loan, setLoan] = useState<Loan | null>(null);
  const [busy, setBusy] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [returning, setReturning] = useState(false);
  const [writingOff, setWritingOff] = useState(false);
  const [printing, setPrinting] = useState(false);

  const load = useCallback(() => api.samples.get({ id: loanId }).then(setLoan, reportError), [loanId]);
  useEffect(() => {
    void load();
  }, [load]);

  function changed(next: Loan) {
    setLoan(next);
    onChanged();
    void useSampleCounts.getState().refresh();
  }

  async function issue() {
    if (!loan) return;
    setBusy(true);
    try {
      const next = await api.samples.issue({
        id: loan.id,
        expectedVersion: loan.version,
        ...(overrideReason.trim() ? { overrideReason: overrideReason.trim() } : {}),
      });
      setIssuing(false);
      setOverrideReason('');
      ui().message.success(t('samples.issued', { number: next.outDocumentNumber ?? '' }));
      changed(next);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    if (!loan) return;
    ui().modal.confirm({
      title: t('samples.cancelTitle', { number: loan.number }),
      content: t('samples.cancelBody'),
      okText: t('samples.cancelOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'samples-cancel-ok' } as never,
      onOk: async () => {
        try {
          changed(await api.samples.cancel({ id: loan.id, expectedVersion: loan.version }));
        } catch (e) {
          reportError(e);
        }
      },
    });
  }

  const out = loan?.status === 'out';
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      data-testid="samples-drawer"
      title={
        loan ? (
          <Space>
            <span className="num">{loan.number}</span>
            <LoanStatusTags loan={loan} />
          </Space>
        ) : (
          t('common.loading')
        )
      }
      extra={
        loan && (
          <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="samples-print">
            {t('samples.printSlip')}
          </Button>
        )
      }
    >
      {loan && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            {canIssue && loan.status === 'requested' && (
              <Button type="primary" onClick={() => setIssuing(true)} data-testid="samples-issue">
                {t('samples.issue')}
              </Button>
            )}
            {canIssue && out && (
              <Button type="primary" onClick={() => setReturning(true)} data-testid="samples-return">
                {t('samples.receive')}
              </Button>
            )}
            {canWriteOff && out && (
              <Button danger onClick={() => setWritingOff(true)} data-testid="samples-writeoff">
                {t('samples.writeOff')}
              </Button>
            )}
            {(canIssue || canRequest) && loan.status === 'requested' && (
              <Button onClick={cancel} data-testid="samples-cancel">
                {t('samples.cancelRequest')}
              </Button>
            )}
          </Space>
          {loan.overdue && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('samples.overdueNote', { date: loan.dueDate, count: loan.outQuantity })}
              data-testid="samples-overdue-note"
            />
          )}
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('samples.col.task')}>
              <span className="num">{loan.taskNumber}</span> {loan.taskTitle}
            </Descriptions.Item>
            <Descriptions.Item label={t('samples.col.borrower')}>{loan.borrowerName}</Descriptions.Item>
            <Descriptions.Item label={t('samples.col.dueDate')}>{loan.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('samples.requested')}>
              {loan.requestedByName} · {formatDateTime(loan.requestedAt, timeZone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('samples.col.outDocument')}>
              <span className="num" data-testid="samples-out-doc">
                {loan.outDocumentNumber ?? '—'}
              </span>
              {loan.issuedAt && (
                <Typography.Text type="secondary">
                  {' '}
                  · {loan.issuedByName} · {formatDateTime(loan.issuedAt, timeZone)}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('samples.returnDocuments')}>
              <span className="num" data-testid="samples-return-docs">
                {loan.returnDocumentNumbers.join('、') || '—'}
              </span>
            </Descriptions.Item>
            {loan.notes && (
              <Descriptions.Item label={t('samples.notes')} span={2}>
                {loan.notes}
              </Descriptions.Item>
            )}
          </Descriptions>
          <LinesTable loan={loan} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('samples.history')}
          </Typography.Title>
          <Timeline
            data-testid="samples-history"
            items={loan.events.map((e) => ({
              color: e.kind === 'writtenOff' ? 'red' : e.kind === 'returned' ? 'green' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{e.staffName ?? '—'}</Typography.Text>{' '}
                  {t(`samples.event.${e.kind}`)}
                  {e.documentNumber && <span className="num"> {e.documentNumber}</span>}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {formatDateTime(e.at, timeZone)}
                  </Typography.Text>
                  <div>
                    {e.lines
                      .map((l) =>
                        l.good !== undefined
                          ? t('samples.eventReturnLine', {
                              code: l.code,
                              good: l.good,
                              damaged: l.damaged ?? 0,
                            })
                          : `${l.code} ×${l.quantity ?? 0}`,
                      )
                      .join('、')}
                  </div>
                  {e.reason && <div className="art-comment">{e.reason}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={issuing}
        title={t('samples.issueTitle', { number: loan?.number ?? '' })}
        onCancel={() => setIssuing(false)}
        onOk={() => void issue()}
        okText={t('samples.issueOk')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'samples-issue-ok' } as never}
        destroyOnHidden
      >
        <p>{t('samples.issueBody')}</p>
        {canOverride && (
          <Input
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
            maxLength={200}
            placeholder={t('samples.overridePlaceholder')}
            data-testid="samples-issue-override"
          />
        )}
      </Modal>
      {returning && loan && (
        <ReturnModal
          loan={loan}
          onClose={() => setReturning(false)}
          onDone={(next) => {
            setReturning(false);
            ui().message.success(t('samples.returned', { number: next.returnDocumentNumbers.at(-1) ?? '' }));
            changed(next);
          }}
        />
      )}
      {writingOff && loan && (
        <WriteOffModal
          loan={loan}
          onClose={() => setWritingOff(false)}
          onDone={(next) => {
            setWritingOff(false);
            changed(next);
          }}
        />
      )}
      {loan && (
        <PrintSheet
          open={printing}
          onClose={() => setPrinting(false)}
          title={t('samples.slipPreview', { number: loan.number })}
        >
          <LoanSlip loan={loan} />
        </PrintSheet>
      )}
    </Drawer>
  );
}

function LinesTable({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  return (
    <Table<LoanLine>
      rowKey="skuId"
      size="small"
      pagination={false}
      dataSource={loan.lines}
      data-testid="samples-lines"
      columns={[
        ...skuColumns<LoanLine>(t),
        { title: t('samples.col.requestedQty'), dataIndex: 'quantity', align: 'right', width: 64 },
        { title: t('samples.col.issued'), dataIndex: 'issued', align: 'right', width: 64 },
        { title: t('samples.col.good'), dataIndex: 'returnedGood', align: 'right', width: 72 },
        { title: t('samples.col.damaged'), dataIndex: 'returnedDamaged', align: 'right', width: 72 },
        { title: t('samples.col.writtenOff'), dataIndex: 'writtenOff', align: 'right', width: 64 },
        {
          title: t('samples.col.out'),
          dataIndex: 'out',
          align: 'right',
          width: 72,
          render: (v: number, l) => (
            <Typography.Text
              strong={v > 0}
              type={v > 0 ? 'warning' : undefined}
              data-testid={`samples-out-${l.code}`}
            >
              {v}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function useBins(): Bin[] {
  const [bins, setBins] = useState<Bin[]>([]);
  useEffect(() => {
    api.warehouse
      .listBins({})
      .then(setBins)
      .catch((e: unknown) => reportError(e));
  }, []);
  return bins;
}

/** Per line still out: good (→ a normal bin, default where it came from) and damaged (→ 次品区). */
function ReturnModal({ loan, onClose, onDone }: { loan: Loan; onClose(): void; onDone(l: Loan): void }) {
  const { t } = useTranslation();
  const bins = useBins();
  const lines = loan.lines.filter((l) => l.out > 0);
  const [qty, setQty] = useState<Record<string, { good: number; damaged: number; binId?: string }>>(() =>
    Object.fromEntries(lines.map((l) => [l.skuId, { good: l.out, damaged: 0 }])),
  );
  const [defectsBinId, setDefectsBinId] = useState<string | undefined>();
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const normal = bins.filter((b) => b.kind === 'normal' && !b.retired);
  const defects = bins.filter((b) => b.kind === 'defects' && !b.retired);
  const chosen = lines.filter((l) => (qty[l.skuId]?.good ?? 0) + (qty[l.skuId]?.damaged ?? 0) > 0);
  const set = (skuId: string, patch: Partial<{ good: number; damaged: number; binId?: string }>) =>
    setQty((q) => ({ ...q, [skuId]: { ...q[skuId]!, ...patch } }));

  async function submit() {
    setBusy(true);
    try {
      onDone(
        await api.samples.return({
          id: loan.id,
          expectedVersion: loan.version,
          lines: chosen.map((l) => ({
            skuId: l.skuId,
            good: qty[l.skuId]!.good,
            damaged: qty[l.skuId]!.damaged,
            ...(qty[l.skuId]!.binId ? { goodBinId: qty[l.skuId]!.binId } : {}),
          })),
          ...(defectsBinId ? { defectsBinId } : {}),
          notes,
        }),
      );
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={860}
      title={t('samples.receiveTitle', { number: loan.number })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('samples.receiveOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !chosen.length, 'data-testid': 'samples-return-ok' } as never}
    >
      <p>{t('samples.receiveBody')}</p>
      <Table
        rowKey="skuId"
        size="small"
        pagination={false}
        dataSource={lines}
        columns={[
          ...skuColumns<LoanLine>(t).slice(0, 1),
          { title: t('samples.col.out'), dataIndex: 'out', align: 'right', width: 70 },
          ...(['good', 'damaged'] as const).map((kind) => ({
            title: t(`samples.col.${kind}`),
            width: 100,
            render: (_: unknown, l: LoanLine) => (
              <InputNumber
                min={0}
                max={l.out}
                precision={0}
                value={qty[l.skuId]?.[kind]}
                onChange={(v) => set(l.skuId, { [kind]: v ?? 0 })}
                data-testid={`samples-${kind}-${l.code}`}
              />
            ),
          })),
          {
            title: t('samples.goodBin'),
            width: 200,
            render: (_, l) => (
              <BinSelect
                bins={normal}
                allowClear
                placeholder={t('samples.sameBin')}
                value={qty[l.skuId]?.binId}
                onChange={(v) => set(l.skuId, { binId: v })}
                style={{ width: '100%' }}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <span>{t('samples.defectsBin')}</span>
        <BinSelect
          bins={defects}
          allowClear
          placeholder={t('samples.firstDefectsBin')}
          value={defectsBinId}
          onChange={setDefectsBinId}
          style={{ width: 200 }}
        />
        <Input
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          maxLength={500}
          placeholder={t('samples.returnNotes')}
          style={{ width: 300 }}
        />
      </Space>
    </Modal>
  );
}

/** 仓储主管: samples that will not come back, with a reason (no stock movement: they left on the outbound). */
function WriteOffModal({ loan, onClose, onDone }: { loan: Loan; onClose(): void; onDone(l: Loan): void }) {
  const { t } = useTranslation();
  const lines = loan.lines.filter((l) => l.out > 0);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = lines.filter((l) => (qty[l.skuId] ?? 0) > 0);
  async function submit() {
    setBusy(true);
    try {
      onDone(
        await api.samples.writeOff({
          id: loan.id,
          expectedVersion: loan.version,
          lines: chosen.map((l) => ({ skuId: l.skuId, quantity: qty[l.skuId]! })),
          reason: reason.trim(),
        }),
      );
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('samples.writeOffTitle', { number: loan.number })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('samples.writeOffOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={
        {
          danger: true,
          disabled: !chosen.length || !reason.trim(),
          'data-testid': 'samples-writeoff-ok',
        } as never
      }
    >
      <p>{t('samples.writeOffBody')}</p>
      {lines.map((l) => (
        <Space key={l.skuId} style={{ display: 'flex', marginBottom: 8 }}>
          <span className="num" style={{ minWidth: 140, display: 'inline-block' }}>
            {l.code}
          </span>
          <span>{t('samples.stillOut', { count: l.out })}</span>
          <InputNumber
            min={0}
            max={l.out}
            precision={0}
            value={qty[l.skuId] ?? 0}
            onChange={(v) => setQty((q) => ({ ...q, [l.skuId]: v ?? 0 }))}
            data-testid={`samples-writeoff-${l.code}`}
          />
        </Space>
      ))}
      <Input.TextArea
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={200}
        placeholder={t('samples.writeOffReason')}
        data-testid="samples-writeoff-reason"
      />
    </Modal>
  );
}

/** 样品借用单: the paper the designer signs when taking samples and the warehouse signs when they come back. */
export function LoanSlip({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const shopName = useSession((s) => s.shopName);
  const binsOf = (skuId: string) =>
    loan.issuedFrom
      .filter((f) => f.skuId === skuId)
      .map((f) => `${f.binCode}×${f.quantity}`)
      .join(' ');
  return (
    <div data-testid="samples-slip">
      <h1>
        {shopName ? `${shopName} · ` : ''}
        {t('samples.slip.heading')}
      </h1>
      <div className="paper-meta">
        <span className="num">{t('samples.slip.number', { v: loan.number })}</span>
        <span>{t('samples.slip.borrower', { v: loan.borrowerName })}</span>
        <span>{t('samples.slip.task', { v: `${loan.taskNumber} ${loan.taskTitle}` })}</span>
        <span>{t('samples.slip.requestedAt', { v: formatDateTime(loan.requestedAt, timeZone) })}</span>
        <span>{t('samples.slip.dueDate', { v: loan.dueDate })}</span>
        {loan.outDocumentNumber && (
          <span className="num">{t('samples.slip.outDocument', { v: loan.outDocumentNumber })}</span>
        )}
      </div>
      <table>
        <thead>
          <tr>
            <th className="num">{t('samples.slip.seq')}</th>
            <th>{t('samples.col.code')}</th>
            <th>{t('samples.col.product')}</th>
            <th>{t('samples.slip.bins')}</th>
            <th className="num">{t('samples.col.issued')}</th>
            <th className="num">{t('samples.col.good')}</th>
            <th className="num">{t('samples.col.damaged')}</th>
            <th className="num">{t('samples.col.writtenOff')}</th>
            <th className="num">{t('samples.col.out')}</th>
          </tr>
        </thead>
        <tbody>
          {loan.lines.map((l, i) => (
            <tr key={l.skuId}>
              <td className="num">{i + 1}</td>
              <td className="code">{l.code}</td>
              <td>
                {l.title}
                {l.spec ? ` · ${l.spec}` : ''}
              </td>
              <td className="code">{binsOf(l.skuId)}</td>
              <td className="num">{l.issued || l.quantity}</td>
              <td className="num">{l.returnedGood || ''}</td>
              <td className="num">{l.returnedDamaged || ''}</td>
              <td className="num">{l.writtenOff || ''}</td>
              <td className="num">{l.issued ? l.out : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loan.returnDocumentNumbers.length > 0 && (
        <p>{t('samples.slip.returnDocuments', { v: loan.returnDocumentNumbers.join('、') })}</p>
      )}
      {loan.notes && <p>{t('samples.slip.notes', { v: loan.notes })}</p>}
      <p>{t('samples.slip.rule')}</p>
      <div className="paper-sign">
        <span>{t('samples.slip.signBorrower')}</span>
        <span>{t('samples.slip.signIssuer')}</span>
        <span>{t('samples.slip.signReceiver')}</span>
      </div>
    </div>
  );
}
