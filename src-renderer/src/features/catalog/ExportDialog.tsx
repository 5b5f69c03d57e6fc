import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import type { CatalogQuery } from '../../stores/catalog';

/** Export the catalog rows matching the current filter; main asks where to save. */
export function ExportDialog({
  open,
  onClose,
  filter,
  total,
}: {
  open: boolean;
  onClose(): void;
  filter: CatalogQuery;
  total: number;
}) {
  const { t } = useTranslation();
  return (
    <CsvExportDialog
      open={open}
      onClose={onClose}
      body={t('export.body', { count: total })}
      run={(encoding) => Promise.resolve(api.catalog.exportCsv({ filter, encoding }))}
    />
  );
}
