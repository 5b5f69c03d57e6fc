// Pickers the pre-sales screens share: a member-name box that suggests known buyers (any name may
// be typed: main links it or creates the buyer), and a select of one buyer's orders.
import { AutoComplete, Select, type AutoCompleteProps, type SelectProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../../src-main/api/contract';
import { api } from '../../api';

type MemberInputProps = Omit<AutoCompleteProps, 'options' | 'onSearch'>;

/** 买家旺旺: free text with suggestions from the buyer search (member name, initials, phone). */
export function MemberInput(props: MemberInputProps) {
  const [options, setOptions] = useState<{ value: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  function search(q: string) {
    if (timer.current) clearTimeout(timer.current);
    if (!q.trim()) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(async () => {
      try {
        const page = await api.buyers.search({ q: q.trim(), limit: 8 });
        setOptions(page.rows.map((r) => ({ value: r.memberName })));
      } catch {
        setOptions([]);
      }
    }, 200);
  }
  return <AutoComplete {...props} options={options} onSearch={search} />;
}

/** The orders of the buyer with this member name (newest first), as a select. */
export function BuyerOrderSelect({
  memberName,
  onOrders,
  ...rest
}: Omit<SelectProps<string>, 'options'> & { memberName: string; onOrders?(rows: OrderRow[]): void }) {
  const { t } = useTranslation();
  const [orders, setOrders] = useState<OrderRow[]>([]);
  useEffect(() => {
    let live = true;
    const name = memberName.trim();
    if (!name) return;
    void api.orders
      .list({ filter: { q: name }, limit: 30 })
      .then((page) => {
        if (!live) return;
        const mine = page.rows.filter((r) => r.memberName === name);
        setOrders(mine);
        onOrders?.(mine);
      })
      .catch(() => live && setOrders([]));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the buyer changes
  }, [memberName]);
  return (
    <Select<string>
      allowClear
      {...rest}
      notFoundContent={t('presales.noOrders')}
      options={(memberName.trim() ? orders : []).map((o) => ({
        value: o.id,
        label: <span className="num">{o.orderNo}</span>,
      }))}
    />
  );
}
