import { Alert, Descriptions, Empty, Modal, Spin, Table, Tabs, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StocktakeLine, StocktakeReport } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';

const signed = (v: number) => (v > 0 ? `+${v}` : String(v));
const signedYuan = (v: number) => (v > 0 ? `+${formatYuan(v)}` : formatYuan(v));
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const cls = (v: number) => `num${v > 0 ? ' wh-qty-in' : v < 0 ? ' wh-qty-out' : ''}`;

/** 差异报告: totals, shrinkage rate, the largest variances, and by SKU / bin / counter. */
export function StocktakeReportModal({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const [rep, setRep] = useState<StocktakeReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.stocktake
      .report({ id })
      .then(setRep)
      .catch((e) => setError(errorText(e)));
  }, [id]);

  const tot = rep?.totals;
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={960}
      title={
        rep ? t('stocktake.report.title', { number: rep.stocktake.number }) : t('stocktake.detail.report')
      }
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {!rep && !error && <Spin />}
      {rep && tot && (
        <div data-testid="stk-report-body">
          <Descriptions
            size="small"
            bordered
            column={4}
            items={[
              { key: 'lines', label: t('stocktake.report.lines'), children: tot.lines },
              { key: 'uncounted', label: t('stocktake.report.uncounted'), children: tot.uncounted },
              { key: 'variance', label: t('stocktake.report.varianceLines'), children: tot.varianceLines },
              {
                key: 'book',
                label: t('stocktake.report.bookValue'),
                children: <span className="num">{formatYuan(tot.bookValueFen)}</span>,
              },
              {
                key: 'gain',
                label: t('stocktake.report.gain'),
                children: (
                  <span className="num wh-qty-in">
                    {t('stocktake.report.pieces', { n: tot.gainQty })} · {formatYuan(tot.gainFen)}
                  </span>
                ),
              },
              {
                key: 'loss',
                label: t('stocktake.report.loss'),
                children: (
                  <span className="num wh-qty-out">
                    {t('stocktake.report.pieces', { n: tot.lossQty })} · {formatYuan(tot.lossFen)}
                  </span>
                ),
              },
              {
                key: 'net',
                label: t('stocktake.report.netLoss'),
                children: <span className="num">{formatYuan(tot.netLossFen)}</span>,
              },
              {
                key: 'shrinkage',
                label: (
                  <Tooltip title={t('stocktake.report.shrinkageHint')}>
                    <span>{t('stocktake.report.shrinkage')}</span>
                  </Tooltip>
                ),
                children: (
                  <span className="num" data-testid="stk-report-shrinkage">
                    {percent(tot.shrinkageRate)}
                  </span>
                ),
              },
            ]}
          />
          <Tabs
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'largest',
                label: t('stocktake.report.largest'),
                children: (
                  <Table<StocktakeLine>
                    size="small"
                    rowKey={(r) => `${r.skuId}|${r.binId}`}
                    dataSource={rep.lines}
                    pagination={false}
                    scroll={{ y: 320 }}
                    locale={{ emptyText: <Empty description={t('stocktake.report.noVariance')} /> }}
                    columns={[
                      { key: 'bin', dataIndex: 'binCode', title: t('stocktake.count.binCode'), width: 90 },
                      { key: 'code', dataIndex: 'code', title: t('stocktake.count.code'), width: 140 },
                      {
                        key: 'title',
                        title: t('stocktake.count.title'),
                        ellipsis: true,
                        render: (_, r) => `${r.title}${r.spec ? ` · ${r.spec}` : ''}`,
                      },
                      {
                        key: 'expected',
                        dataIndex: 'expectedQty',
                        title: t('stocktake.count.expected'),
                        width: 70,
                        align: 'right',
                      },
                      {
                        key: 'counted',
                        dataIndex: 'countedQty',
                        title: t('stocktake.count.counted'),
                        width: 70,
                        align: 'right',
                      },
                      {
                        key: 'variance',
                        title: t('stocktake.count.variance'),
                        width: 70,
                        align: 'right',
                        render: (_, r) => (
                          <span className={cls(r.variance ?? 0)}>{signed(r.variance ?? 0)}</span>
                        ),
                      },
                      {
                        key: 'value',
                        title: t('stocktake.count.varianceValue'),
                        width: 110,
                        align: 'right',
                        render: (_, r) => (
                          <span className={cls(r.varianceFen ?? 0)}>{signedYuan(r.varianceFen ?? 0)}</span>
                        ),
                      },
                      {
                        key: 'by',
                        dataIndex: 'lastByName',
                        title: t('stocktake.count.countedBy'),
                        width: 100,
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'sku',
                label: t('stocktake.report.bySku'),
                children: (
                  <Table
                    size="small"
                    rowKey="skuId"
                    dataSource={rep.bySku}
                    pagination={false}
                    scroll={{ y: 320 }}
                    columns={[
                      { key: 'code', dataIndex: 'code', title: t('stocktake.count.code'), width: 150 },
                      {
                        key: 'title',
                        title: t('stocktake.count.title'),
                        ellipsis: true,
                        render: (_, r) => `${r.title}${r.spec ? ` · ${r.spec}` : ''}`,
                      },
                      {
                        key: 'qty',
                        title: t('stocktake.report.qty'),
                        width: 90,
                        align: 'right',
                        render: (_, r) => <span className={cls(r.varianceQty)}>{signed(r.varianceQty)}</span>,
                      },
                      {
                        key: 'value',
                        title: t('stocktake.report.value'),
                        width: 120,
                        align: 'right',
                        render: (_, r) => (
                          <span className={cls(r.varianceFen)}>{signedYuan(r.varianceFen)}</span>
                        ),
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'bin',
                label: t('stocktake.report.byBin'),
                children: (
                  <Table
                    size="small"
                    rowKey="binId"
                    dataSource={rep.byBin}
                    pagination={false}
                    scroll={{ y: 320 }}
                    columns={[
                      { key: 'bin', dataIndex: 'binCode', title: t('stocktake.count.binCode') },
                      {
                        key: 'lines',
                        dataIndex: 'lines',
                        title: t('stocktake.report.varianceLines'),
                        width: 100,
                        align: 'right',
                      },
                      {
                        key: 'qty',
                        title: t('stocktake.report.qty'),
                        width: 90,
                        align: 'right',
                        render: (_, r) => <span className={cls(r.varianceQty)}>{signed(r.varianceQty)}</span>,
                      },
                      {
                        key: 'gain',
                        title: t('stocktake.report.gainValue'),
                        width: 120,
                        align: 'right',
                        render: (_, r) => <span className="num">{formatYuan(r.gainFen)}</span>,
                      },
                      {
                        key: 'loss',
                        title: t('stocktake.report.lossValue'),
                        width: 120,
                        align: 'right',
                        render: (_, r) => <span className="num">{formatYuan(r.lossFen)}</span>,
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'counter',
                label: t('stocktake.report.byCounter'),
                children: (
                  <Table
                    size="small"
                    rowKey="staffId"
                    dataSource={rep.byCounter}
                    pagination={false}
                    columns={[
                      { key: 'name', dataIndex: 'name', title: t('stocktake.report.counter') },
                      {
                        key: 'lines',
                        dataIndex: 'lines',
                        title: t('stocktake.report.firstLines'),
                        width: 110,
                        align: 'right',
                      },
                      {
                        key: 'exact',
                        dataIndex: 'exact',
                        title: t('stocktake.report.exact'),
                        width: 110,
                        align: 'right',
                      },
                      {
                        key: 'accuracy',
                        title: (
                          <Tooltip title={t('stocktake.report.accuracyHint')}>
                            <span>{t('stocktake.report.accuracy')}</span>
                          </Tooltip>
                        ),
                        width: 110,
                        align: 'right',
                        render: (_, r) => <span className="num">{percent(r.accuracy)}</span>,
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
