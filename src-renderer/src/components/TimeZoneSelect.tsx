import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { tDynamic } from '../i18n';
import { isValidTimeZone, offsetLabel } from '../lib/time';

/** Common zones for a Chinese online shop, Beijing time first. */
export const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
] as const;

interface Props {
  value?: string;
  onChange?: (tz: string) => void;
  id?: string;
  'data-testid'?: string;
}

/** A select of common time zones, labelled with the zone's name and UTC offset. */
export function TimeZoneSelect({ value, onChange, id, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => {
    const zones: string[] = [...COMMON_TIME_ZONES];
    if (value && !zones.includes(value) && isValidTimeZone(value)) zones.unshift(value);
    return zones.map((tz) => {
      const name = tDynamic(`timeZones.${tz}`, undefined, tz);
      const label = t('timeZones.optionLabel', { name, offset: offsetLabel(tz) });
      return { value: tz, label, search: `${label} ${tz}`.toLowerCase() };
    });
    // i18n.language: labels follow the interface language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, t, i18n.language]);
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: (input, opt) => !!opt?.search.includes(input.toLowerCase()) }}
    />
  );
}
