import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

/**
 * A printable paper form (document, pick list, count sheet, register…). On screen it shows in a
 * modal as a preview with a 打印 button; for the printer the same markup is rendered into a
 * portal directly under <body>, and the print CSS (styles.css, `@media print`) hides the app and
 * shows only that portal, A4 with margins. So what is previewed is exactly what prints, and the
 * print CSS is checked by rendering to PDF in Chromium (tests/e2e).
 *
 * Children are plain HTML styled with the `.paper*` classes in styles.css (no antd tables: their
 * sticky headers and scroll wrappers do not paginate).
 */
export function PrintSheet({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose(): void;
  /** The modal's title; the sheet carries its own heading. */
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (!open) return null;
  return (
    <>
      <Modal
        open
        title={title}
        onCancel={onClose}
        width={900}
        destroyOnHidden
        footer={[
          <Button key="close" onClick={onClose}>
            {t('common.close')}
          </Button>,
          <Button
            key="print"
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="print-now"
          >
            {t('print.print')}
          </Button>,
        ]}
      >
        <div className="paper-preview">
          <div className="paper">{children}</div>
        </div>
      </Modal>
      {createPortal(
        <div className="print-root" data-testid="print-root">
          <div className="paper">{children}</div>
        </div>,
        document.body,
      )}
    </>
  );
}
