import { useTranslation } from 'react-i18next';
import type { HandoverItem } from '../../../../src-main/api/contract';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';

/**
 * 交接本 on paper: one shop day's handover items grouped by shift in the order written, with who
 * wrote each, the shift it goes to, and who acknowledged it (an empty box to sign when nobody has).
 */
export function HandoverPrint({
  date,
  items,
  onClose,
}: {
  date: string;
  items: HandoverItem[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const at = (iso: string) => formatDateTime(iso, timeZone);
  const rows = [...items].sort(
    (a, b) => a.shiftName.localeCompare(b.shiftName, 'zh-CN') || a.createdAt.localeCompare(b.createdAt),
  );
  const waiting = rows.filter((i) => !i.ack).length;
  return (
    <PrintSheet open onClose={onClose} title={t('handover.print.title')}>
      <h1>{t('handover.print.title')}</h1>
      <div className="paper-meta">
        <span>{t('handover.print.date', { date })}</span>
        <span>{t('handover.print.count', { count: rows.length, waiting })}</span>
        <span>{t('handover.print.printedAt', { at: at(new Date().toISOString()) })}</span>
      </div>
      <table data-testid="handover-sheet">
        <thead>
          <tr>
            <th style={{ width: 28 }}>#</th>
            <th style={{ width: 56 }}>{t('handover.shift')}</th>
            <th style={{ width: 60 }}>{t('handover.kind')}</th>
            <th>{t('handover.text')}</th>
            <th style={{ width: 110 }}>{t('handover.print.writer')}</th>
            <th style={{ width: 150 }}>{t('handover.print.ack')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i, n) => (
            <tr key={i.id}>
              <td className="num">{n + 1}</td>
              <td>{i.shiftName}</td>
              <td>{t(`handover.kinds.${i.kind}`)}</td>
              <td>
                <div>{i.text}</div>
                {(i.buyerName || i.orderNo || i.skuLabel || i.callbackAt) && (
                  <div style={{ color: '#444' }}>
                    {[
                      i.buyerName ? `${t('handover.buyer')}：${i.buyerName}` : '',
                      i.orderNo ? t('handover.order', { no: i.orderNo }) : '',
                      i.skuLabel ? `${t('handover.sku')}：${i.skuLabel}` : '',
                      i.callbackAt ? t('handover.callbackTime', { time: at(i.callbackAt) }) : '',
                    ]
                      .filter(Boolean)
                      .join('　')}
                  </div>
                )}
              </td>
              <td>
                <div>{i.createdByName}</div>
                <div style={{ color: '#444' }}>{at(i.createdAt)}</div>
                <div style={{ color: '#444' }}>
                  {t('handover.print.to', { date: i.nextDate, shift: i.nextShiftName })}
                </div>
              </td>
              <td className={i.ack ? undefined : 'blank'}>
                {i.ack ? (
                  <>
                    <div>{i.ack.staffName}</div>
                    <div style={{ color: '#444' }}>{at(i.ack.at)}</div>
                    {i.ack.note && <div>{i.ack.note}</div>}
                  </>
                ) : (
                  <div style={{ color: '#444' }}>{t('handover.print.signHere')}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="paper-sign">
        <span>{t('handover.print.signOut')}</span>
        <span>{t('handover.print.signIn')}</span>
        <span>{t('handover.print.signSupervisor')}</span>
      </div>
    </PrintSheet>
  );
}
