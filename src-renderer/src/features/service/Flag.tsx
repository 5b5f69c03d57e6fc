import { FlagFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrderFlag } from '../../../../src-main/api/contract';
import { FLAG_COLOR } from './state';

/** A seller-note flag as 千牛 shows it: a coloured flag (nothing for none). */
export function Flag({ flag }: { flag: OrderFlag }) {
  const { t } = useTranslation();
  if (flag === 'none') return null;
  return (
    <FlagFilled
      style={{ color: FLAG_COLOR[flag], marginRight: 4 }}
      aria-label={t(`orders.flags.${flag}`)}
      title={t(`orders.flags.${flag}`)}
      data-testid={`flag-${flag}`}
    />
  );
}
