// The printed stock document (出入库单): header, lines, totals and the signature row
// (制单 / 审核 / 仓管), through PrintSheet. Any document, draft or posted, as last saved.
import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockDocument } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';

export function DocumentPrintView({ doc }: { doc: StockDocument }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const shopName = useSession((s) => s.shopName);
  const transfer = doc.type === 'transfer';
  const totalQty = doc.lines.reduce((n, l) => n + l.quantity, 0);
  const totalFen = doc.lines.reduce((n, l) => n + l.amountFen, 0);
  return (
    <div data-testid="doc-print">
      <h1>
        {shopName ? `${shopName} · ` : ''}
        {t('docPrint.heading', { type: t(`warehouse.types.${doc.type}`) })}
      </h1>
      <div className="paper-meta">
        <span className="num">{t('docPrint.number', { v: doc.number })}</span>
        <span>{t('docPrint.date', { v: doc.docDate })}</span>
        <span>{t('docPrint.status', { v: t(`warehouse.statuses.${doc.status}`) })}</span>
        {doc.counterpart && <span>{t('docPrint.counterpart', { v: doc.counterpart })}</span>}
        {doc.orderRef && <span className="num">{t('docPrint.orderRef', { v: doc.orderRef })}</span>}
        {doc.reason && <span>{t('docPrint.reason', { v: doc.reason })}</span>}
      </div>
      <table>
        <thead>
          <tr>
            <th className="num">{t('docPrint.seq')}</th>
            <th>{t('docPrint.code')}</th>
            <th>{t('docPrint.title')}</th>
            <th>{t('docPrint.spec')}</th>
            <th>{t('docPrint.bin')}</th>
            {transfer && <th>{t('docPrint.toBin')}</th>}
            <th className="num">{t('docPrint.qty')}</th>
            <th className="num">{t('docPrint.unitCost')}</th>
            <th className="num">{t('docPrint.amount')}</th>
            <th>{t('docPrint.lineNote')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.id}>
              <td className="num">{l.lineNo}</td>
              <td className="code">{l.skuCode}</td>
              <td>{l.title}</td>
              <td>{l.spec}</td>
              <td className="code">{l.binCode}</td>
              {transfer && <td className="code">{l.toBinCode}</td>}
              <td className="num">{l.quantity}</td>
              <td className="num">{formatYuan(l.unitCostFen)}</td>
              <td className="num">{formatYuan(l.amountFen)}</td>
              <td>{l.note}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={transfer ? 6 : 5}>
              <strong>{t('docPrint.total')}</strong>
            </td>
            <td className="num">
              <strong>{totalQty}</strong>
            </td>
            <td />
            <td className="num">
              <strong>{formatYuan(totalFen)}</strong>
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      {doc.notes && <p>{t('docPrint.notes', { v: doc.notes })}</p>}
      <div className="paper-sign">
        <span>{t('docPrint.maker', { name: doc.createdByName ?? '' })}</span>
        <span>{t('docPrint.checker')}</span>
        <span>{t('docPrint.keeper')}</span>
        {doc.postedAt && (
          <span>
            {t('docPrint.posted', {
              name: doc.postedByName ?? '',
              time: formatDateTime(doc.postedAt, timeZone),
            })}
          </span>
        )}
      </div>
    </div>
  );
}

/** A 打印 button that opens the document's print preview. */
export function DocumentPrintButton({ doc }: { doc: StockDocument }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="wh-doc-print">
        {t('docPrint.print')}
      </Button>
      <PrintSheet
        open={open}
        onClose={() => setOpen(false)}
        title={t('docPrint.previewTitle', { number: doc.number })}
      >
        <DocumentPrintView doc={doc} />
      </PrintSheet>
    </>
  );
}
