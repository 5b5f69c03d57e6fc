// 样品借出: the loans of samples to the art team. In the warehouse (all loans; requests waiting first;
// issue, receive back, write off) and in the art tab (a designer sees their own by default).
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Input, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOAN_VIEWS, type LoanRow, type LoanView } from '../../../../src-main/api/contract-samples';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { api, reportError } from '../../api';
import { useCan } from '../../stores/session';
import { LoanDrawer } from './LoanDrawer';
import { LoanStatusTags, linesSummary } from './common';
import { useSampleCounts } from './SamplesTabLabel';

export function SamplesPage({ mode }: { mode: 'warehouse' | 'art' }) {
  const { t } = useTranslation();
  const isReviewer = useCan('art.review');
  const [view, setView] = useState<LoanView>('open');
  const [q, setQ] = useState('');
  const [mine, setMine] = useState(mode === 'art' && !isReviewer);
  const [rows, setRows] = useState<LoanRow[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const counts = useSampleCounts((s) => s.counts);
  const pageSize = 50;

  const load = useCallback(() => {
    void useSampleCounts.getState().refresh();
    return api.samples
      .list({ filter: { view, q, mine }, offset: (page - 1) * pageSize, limit: pageSize })
      .then((r) => {
        setRows(r.rows);
        setTotal(r.total);
      }, reportError);
  }, [view, q, mine, page]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page" data-testid={`samples-page-${mode}`}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<LoanView>
          value={view}
          onChange={(v) => {
            setView(v);
            setPage(1);
          }}
          options={LOAN_VIEWS.map((v) => ({
            value: v,
            label: (
              <span data-testid={`samples-view-${v}`}>
                {t(`samples.views.${v}`)}
                {v === 'requested' && counts.requested > 0 && (
                  <Badge count={counts.requested} size="small" style={{ marginInlineStart: 4 }} />
                )}
                {v === 'overdue' && counts.overdue > 0 && (
                  <Badge count={counts.overdue} size="small" style={{ marginInlineStart: 4 }} />
                )}
              </span>
            ),
          }))}
        />
        <Input.Search
          allowClear
          placeholder={t('samples.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 280 }}
          data-testid="samples-search"
        />
        {mode === 'art' && (
          <Space>
            <Switch checked={mine} onChange={setMine} data-testid="samples-mine" />
            <span>{t('samples.onlyMine')}</span>
          </Space>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('samples.refresh')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="samples-export">
          {t('samples.exportCsv')}
        </Button>
      </Space>
      <Table<LoanRow>
        rowKey="id"
        size="middle"
        dataSource={rows}
        pagination={{ current: page, pageSize, total, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: t('samples.empty') }}
        onRow={(r) => ({
          onClick: () => setOpenId(r.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.id);
          },
          tabIndex: 0,
          style: { cursor: 'pointer' },
          'data-testid': `samples-row-${r.number}`,
        })}
        columns={[
          {
            title: t('samples.col.number'),
            dataIndex: 'number',
            width: 200,
            render: (v: string) => <span className="num">{v}</span>,
          },
          {
            title: t('samples.col.task'),
            render: (_, r) => (
              <span>
                <span className="num">{r.taskNumber}</span> {r.taskTitle}
              </span>
            ),
          },
          { title: t('samples.col.borrower'), dataIndex: 'borrowerName', width: 110 },
          {
            title: t('samples.col.lines'),
            render: (_, r) => <Typography.Text>{linesSummary(r)}</Typography.Text>,
          },
          { title: t('samples.col.dueDate'), dataIndex: 'dueDate', width: 120 },
          {
            title: t('samples.col.status'),
            width: 150,
            render: (_, r) => <LoanStatusTags loan={r} />,
          },
          {
            title: t('samples.col.out'),
            dataIndex: 'outQuantity',
            width: 80,
            align: 'right',
            render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : '0'),
          },
          {
            title: t('samples.col.outDocument'),
            dataIndex: 'outDocumentNumber',
            width: 210,
            render: (v: string | null) => <span className="num">{v ?? '—'}</span>,
          },
        ]}
      />
      {openId && <LoanDrawer loanId={openId} onClose={() => setOpenId(null)} onChanged={() => void load()} />}
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        title={t('samples.exportTitle')}
        body={t('samples.exportBody', { count: total })}
        run={(encoding) => api.samples.exportCsv({ filter: { view, q, mine }, encoding })}
      />
    </div>
  );
}
