// The task drawer's 样品 section: the task's loans (requested / out / returned / overdue, with the
// document numbers) and 申请样品 for the task's people and the art supervisor.
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../src-main/api/contract-art';
import type { LoanRow } from '../../../../src-main/api/contract-samples';
import { api, reportError, ui } from '../../api';
import { useCan, useSession } from '../../stores/session';
import { LoanDrawer } from './LoanDrawer';
import { LoanStatusTags, skuColumns } from './common';

export function TaskSamples({ task }: { task: Task }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.session!.staff);
  const canRead = useCan('samples.read');
  const canRequestPerm = useCan('samples.request');
  const isReviewer = useCan('art.review');
  const [loans, setLoans] = useState<LoanRow[]>([]);
  const [requesting, setRequesting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!canRead) return Promise.resolve();
    return api.samples
      .list({ filter: { view: 'all', taskId: task.id }, limit: 100 })
      .then((page) => setLoans(page.rows), reportError);
  }, [canRead, task.id]);
  useEffect(() => {
    void load();
  }, [load, task.version]);

  if (!canRead) return null;
  const mayRequest =
    canRequestPerm &&
    task.status !== 'done' &&
    (isReviewer || task.requesterId === me.id || task.assigneeId === me.id);
  const sum = (f: (l: LoanRow) => number) => loans.reduce((n, l) => n + f(l), 0);
  const requested = sum((l) => (l.status === 'requested' ? l.lines.reduce((n, x) => n + x.quantity, 0) : 0));
  const out = sum((l) => l.outQuantity);
  const returned = sum((l) => l.lines.reduce((n, x) => n + x.returnedGood + x.returnedDamaged, 0));
  const overdue = loans.filter((l) => l.overdue).length;

  return (
    <div data-testid="task-samples">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('samples.taskTitle')}
        {mayRequest && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            style={{ marginLeft: 12 }}
            onClick={() => setRequesting(true)}
            data-testid="task-samples-request"
          >
            {t('samples.request')}
          </Button>
        )}
      </Typography.Title>
      {loans.length ? (
        <>
          <Typography.Paragraph data-testid="task-samples-summary">
            {t('samples.taskSummary', { requested, out, returned })}
            {overdue > 0 && (
              <Typography.Text type="danger" strong>
                {' '}
                {t('samples.taskOverdue', { count: overdue })}
              </Typography.Text>
            )}
          </Typography.Paragraph>
          <Table<LoanRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={loans}
            onRow={(r) => ({
              onClick: () => setOpenId(r.id),
              style: { cursor: 'pointer' },
              'data-testid': `task-loan-${r.number}`,
            })}
            columns={[
              {
                title: t('samples.col.number'),
                dataIndex: 'number',
                render: (v: string) => (
                  <span className="num" style={{ whiteSpace: 'nowrap' }}>
                    {v}
                  </span>
                ),
              },
              { title: t('samples.col.status'), render: (_, r) => <LoanStatusTags loan={r} /> },
              {
                title: t('samples.col.lines'),
                render: (_, r) =>
                  r.lines
                    .map((l) =>
                      t('samples.taskLine', {
                        code: l.code,
                        quantity: l.quantity,
                        back: l.returnedGood + l.returnedDamaged,
                        out: l.out,
                      }),
                    )
                    .join('；'),
              },
              { title: t('samples.col.dueDate'), dataIndex: 'dueDate', width: 110 },
              {
                title: t('samples.documents'),
                render: (_, r) => (
                  <span className="num" style={{ whiteSpace: 'pre' }}>
                    {[r.outDocumentNumber, ...r.returnDocumentNumbers].filter(Boolean).join('\n') || '—'}
                  </span>
                ),
              },
            ]}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('samples.taskNone')} />
      )}
      {requesting && (
        <RequestModal
          task={task}
          onClose={() => setRequesting(false)}
          onDone={(number) => {
            setRequesting(false);
            ui().message.success(t('samples.requestedOk', { number }));
            void load();
          }}
        />
      )}
      {openId && <LoanDrawer loanId={openId} onClose={() => setOpenId(null)} onChanged={() => void load()} />}
    </div>
  );
}

/** 申请样品: the task's products with quantities (0 = not needed), the expected return date, a note. */
function RequestModal({
  task,
  onClose,
  onDone,
}: {
  task: Task;
  onClose(): void;
  onDone(number: string): void;
}) {
  const { t } = useTranslation();
  const [qty, setQty] = useState<Record<string, number>>(() =>
    Object.fromEntries(task.skus.map((s) => [s.id, 1])),
  );
  const [due, setDue] = useState<Dayjs | null>(() => {
    const d = task.dueDate ? dayjs(task.dueDate) : dayjs().add(7, 'day');
    return d.isBefore(dayjs(), 'day') ? dayjs().add(7, 'day') : d;
  });
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const lines = task.skus.filter((s) => (qty[s.id] ?? 0) > 0);
  async function submit() {
    if (!due) return;
    setBusy(true);
    try {
      const loan = await api.samples.request({
        taskId: task.id,
        dueDate: due.format('YYYY-MM-DD'),
        notes,
        lines: lines.map((s) => ({ skuId: s.id, quantity: qty[s.id]! })),
      });
      onDone(loan.number);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      width={680}
      title={t('samples.requestTitle', { number: task.number })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('samples.requestOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !lines.length || !due, 'data-testid': 'samples-request-ok' } as never}
    >
      {task.skus.length === 0 ? (
        <Empty description={t('samples.requestNoSkus')} />
      ) : (
        <>
          <Table<Task['skus'][number]>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={task.skus}
            columns={[
              ...skuColumns<Task['skus'][number]>(t),
              {
                title: t('samples.col.requestedQty'),
                width: 110,
                render: (_, s) => (
                  <InputNumber
                    min={0}
                    max={1000}
                    precision={0}
                    value={qty[s.id]}
                    onChange={(v) => setQty((q) => ({ ...q, [s.id]: v ?? 0 }))}
                    data-testid={`samples-qty-${s.code}`}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }} wrap>
            <span>{t('samples.col.dueDate')}</span>
            <DatePicker
              value={due}
              onChange={setDue}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              allowClear={false}
              data-testid="samples-request-due"
            />
            <Input
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              maxLength={500}
              placeholder={t('samples.requestNotes')}
              style={{ width: 300 }}
              data-testid="samples-request-notes"
            />
          </Space>
        </>
      )}
    </Modal>
  );
}
