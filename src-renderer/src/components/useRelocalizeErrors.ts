import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * When the interface language changes, check again the fields that show an error, so the
 * messages appear in the new language (antd keeps the old strings until the next validation).
 */
export function useRelocalizeErrors(form: FormInstance): void {
  const { i18n } = useTranslation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const withErrors = form
      .getFieldsError()
      .filter((f) => f.errors.length)
      .map((f) => f.name);
    if (withErrors.length) form.validateFields(withErrors).catch(() => {});
  }, [i18n.language, form]);
}
