import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stocktake, StocktakeLine } from '../../../../src-main/api/contract';
import { api, reportError } from '../../api';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { useScopeText } from './StocktakePage';

/**
 * 盘点表 for paper: every line in bin walk order with a blank 实盘数 column to write in. The book
 * quantity is printed only for an open (not blind) count and only for people allowed to see it.
 */
export function StocktakeSheet({ onClose, stocktake: st }: { onClose(): void; stocktake: Stocktake }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const scopeText = useScopeText();
  const [lines, setLines] = useState<StocktakeLine[] | null>(null);

  useEffect(() => {
    let live = true;
    api.stocktake
      .lines({ id: st.id, filter: 'all', offset: 0, limit: 20_000 })
      .then((p) => live && setLines(p.rows))
      .catch((e) => {
        reportError(e);
        onClose();
      });
    return () => {
      live = false;
    };
  }, [st.id, onClose]);

  const withBook = st.seesBook && !st.blind;
  return (
    <PrintSheet open onClose={onClose} title={t('stocktake.detail.print')}>
      <h1>
        {t('stocktake.sheet.title')} · {t(`stocktake.kinds.${st.kind}`)}
      </h1>
      <div className="paper-meta">
        <span>{t('stocktake.sheet.number', { number: st.number })}</span>
        <span>{t('stocktake.sheet.scope', { scope: scopeText(st) })}</span>
        <span>{t('stocktake.sheet.date', { date: formatDateTime(st.startedAt, timeZone) })}</span>
        {st.blind && <span>{t('stocktake.sheet.blind')}</span>}
      </div>
      {lines === null ? (
        <Spin />
      ) : (
        <table data-testid="stk-sheet">
          <thead>
            <tr>
              <th className="num" style={{ width: 36 }}>
                {t('stocktake.sheet.no')}
              </th>
              <th style={{ width: 80 }}>{t('stocktake.sheet.bin')}</th>
              <th style={{ width: 130 }}>{t('stocktake.sheet.code')}</th>
              <th>{t('stocktake.sheet.name')}</th>
              {withBook && (
                <th className="num" style={{ width: 56 }}>
                  {t('stocktake.sheet.book')}
                </th>
              )}
              <th className="num" style={{ width: 64 }}>
                {t('stocktake.sheet.counted')}
              </th>
              <th style={{ width: 90 }}>{t('stocktake.sheet.note')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={`${l.skuId}|${l.binId}`}>
                <td className="num">{i + 1}</td>
                <td className="code">{l.binCode}</td>
                <td className="code">{l.code}</td>
                <td>
                  {l.title}
                  {l.spec ? ` · ${l.spec}` : ''}
                </td>
                {withBook && <td className="num">{l.bookQty}</td>}
                <td className="blank" />
                <td className="blank" />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="paper-sign">
        <span>{t('stocktake.sheet.counter')}________________</span>
        <span>{t('stocktake.sheet.checker')}________________</span>
        <span>{t('stocktake.sheet.signDate')}________________</span>
      </div>
    </PrintSheet>
  );
}
