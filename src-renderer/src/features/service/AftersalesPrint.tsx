import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../src-main/api/contract-aftersales';
import { formatYuan } from '../../../../src-main/lib/money';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';

/** A section heading on a paper form (the print CSS styles only the sheet's h1). */
export const PAPER_H2 = { fontSize: 14, margin: '12px 0 4px', fontWeight: 600 } as const;

/**
 * 售后处理单: one after-sales case on paper — the case, its order and buyer, the goods, the refund,
 * the warehouse's side and the status history, with signature lines for the handler and the
 * supervisor.
 */
export function AftersalesPrint({ c, onClose }: { c: Case; onClose(): void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const at = (iso: string | null | undefined) => (iso ? formatDateTime(iso, timeZone) : '');
  const wh = c.warehouse;
  return (
    <PrintSheet open onClose={onClose} title={t('aftersales.print.title')}>
      <h1>{t('aftersales.print.title')}</h1>
      <div className="paper-meta">
        <span>
          {t('aftersales.fields.caseNo')}：{c.caseNo}
        </span>
        <span>
          {t('aftersales.fields.type')}：{t(`aftersales.types.${c.type}`)}
        </span>
        <span>
          {t('aftersales.fields.status')}：{t(`aftersales.statuses.${c.status}`)}
        </span>
        <span>{t('aftersales.print.printedAt', { at: at(new Date().toISOString()) })}</span>
      </div>
      <table data-testid="as-sheet">
        <tbody>
          <tr>
            <th style={{ width: 90 }}>{t('aftersales.fields.orderNo')}</th>
            <td>{c.orderNo || '—'}</td>
            <th style={{ width: 90 }}>{t('aftersales.fields.buyer')}</th>
            <td>{c.memberName || '—'}</td>
          </tr>
          <tr>
            <th>{t('aftersales.fields.refundNo')}</th>
            <td>{c.refundNo ?? '—'}</td>
            <th>{t('aftersales.fields.source')}</th>
            <td>{t(`aftersales.sources.${c.source}`)}</td>
          </tr>
          <tr>
            <th>{t('aftersales.fields.openedAt')}</th>
            <td>{at(c.openedAt)}</td>
            <th>{t('aftersales.fields.dueAt')}</th>
            <td>{at(c.dueAt) || '—'}</td>
          </tr>
          <tr>
            <th>{t('aftersales.fields.paid')}</th>
            <td>{c.paidFen === null ? '—' : `¥${formatYuan(c.paidFen)}`}</td>
            <th>{t('aftersales.fields.refund')}</th>
            <td>¥{formatYuan(c.refundFen)}</td>
          </tr>
          <tr>
            <th>{t('aftersales.fields.agent')}</th>
            <td>{c.agentName ?? '—'}</td>
            <th>{t('aftersales.fields.returnParcel')}</th>
            <td>{c.returnCarrier || c.returnTracking ? `${c.returnCarrier} ${c.returnTracking}` : '—'}</td>
          </tr>
          <tr>
            <th>{t('aftersales.fields.reason')}</th>
            <td colSpan={3}>{c.reason || '—'}</td>
          </tr>
          <tr>
            <th>{t('aftersales.fields.note')}</th>
            <td colSpan={3}>{c.note || '—'}</td>
          </tr>
          {(wh.returnDoc || wh.outbound) && (
            <tr>
              <th>{t('aftersales.drawer.warehouse')}</th>
              <td colSpan={3}>
                {wh.returnDoc && (
                  <div>
                    {t('aftersales.drawer.returnDoc')}：{wh.returnDoc.number}
                    {' · '}
                    {wh.returnDoc.inspection
                      ? t('aftersales.drawer.inspected', {
                          good: wh.returnDoc.inspection.good,
                          defective: wh.returnDoc.inspection.defective,
                          scrapped: wh.returnDoc.inspection.scrapped,
                          at: at(wh.returnDoc.inspection.at),
                        })
                      : t('aftersales.drawer.awaitingInspection')}
                  </div>
                )}
                {wh.outbound && (
                  <div>
                    {t('aftersales.drawer.outbound')}：{wh.outbound.number}
                    {' · '}
                    {wh.outbound.shipment
                      ? t('aftersales.drawer.shipped', {
                          carrier: wh.outbound.shipment.carrier,
                          tracking: wh.outbound.shipment.trackingNo,
                          at: at(wh.outbound.shipment.shippedAt),
                        })
                      : t('aftersales.drawer.awaitingShipment')}
                  </div>
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>

      <h2 style={PAPER_H2}>{t('aftersales.drawer.goods')}</h2>
      <table>
        <thead>
          <tr>
            <th style={{ width: 36 }}>#</th>
            <th style={{ width: 130 }}>{t('aftersales.fields.skuCode')}</th>
            <th>{t('aftersales.fields.goods')}</th>
            <th className="num" style={{ width: 60 }}>
              {t('aftersales.fields.quantity')}
            </th>
          </tr>
        </thead>
        <tbody>
          {c.lines.length ? (
            c.lines.map((l) => (
              <tr key={l.lineNo}>
                <td className="num">{l.lineNo}</td>
                <td className="code">{l.skuCode}</td>
                <td>
                  {l.title}
                  {l.spec ? `（${l.spec}）` : ''}
                </td>
                <td className="num">{l.quantity}</td>
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={4}>{t('aftersales.drawer.noGoods')}</td>
            </tr>
          )}
        </tbody>
      </table>

      <h2 style={PAPER_H2}>{t('aftersales.drawer.history')}</h2>
      <table>
        <thead>
          <tr>
            <th style={{ width: 130 }}>{t('aftersales.print.when')}</th>
            <th style={{ width: 90 }}>{t('aftersales.fields.status')}</th>
            <th style={{ width: 90 }}>{t('aftersales.print.by')}</th>
            <th>{t('aftersales.fields.note')}</th>
          </tr>
        </thead>
        <tbody>
          {c.history.map((h, i) => (
            <tr key={i}>
              <td className="code">{at(h.at)}</td>
              <td>{t(`aftersales.statuses.${h.status}`)}</td>
              <td>{h.source === 'import' ? t('aftersales.sources.import') : (h.staffName ?? '')}</td>
              <td>{h.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="paper-sign">
        <span>{t('aftersales.print.signHandler')}</span>
        <span>{t('aftersales.print.signSupervisor')}</span>
        <span>{t('aftersales.print.signDate')}</span>
      </div>
    </PrintSheet>
  );
}
