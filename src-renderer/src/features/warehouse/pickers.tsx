// Shared choices for the warehouse pages: a SKU picker that searches the catalog as you type
// (商家编码, barcode, title, pinyin initials), and a bin select.
import { Select, type SelectProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bin, DocType, SkuRow } from '../../../../src-main/api/contract';
import { api } from '../../api';
import { activeBins } from '../../stores/warehouse';

/** A tag colour per document type: receipts green-ish, issues warm, transfers blue. */
export const TYPE_COLOR: Record<DocType, string> = {
  purchase_in: 'green',
  return_in: 'cyan',
  other_in: 'lime',
  sales_out: 'volcano',
  other_out: 'orange',
  transfer: 'blue',
};

/** What a picker needs to show a SKU it has not searched for (e.g. a saved document's line). */
export interface SkuBrief {
  skuId: string;
  code: string;
  barcode?: string;
  title: string;
  spec: string;
  costFen?: number;
}

/** SKUs seen in this session, so a chosen value keeps its label between searches. */
const known = new Map<string, SkuBrief>();
export function rememberSku(s: SkuBrief): void {
  known.set(s.skuId, { ...known.get(s.skuId), ...s });
}
export function knownSku(skuId: string | undefined): SkuBrief | undefined {
  return skuId ? known.get(skuId) : undefined;
}
export function briefOf(r: SkuRow): SkuBrief {
  return {
    skuId: r.skuId,
    code: r.code,
    barcode: r.barcode,
    title: r.title,
    spec: r.spec,
    costFen: r.costFen,
  };
}

/**
 * The SKU a scanner's code names: an exact barcode or 商家编码 among active SKUs (main looks it up
 * by index); null when none.
 */
export async function findSkuByCode(code: string): Promise<SkuBrief | null> {
  const q = code.trim();
  if (!q) return null;
  const hit = await api.catalog.lookup({ code: q });
  if (!hit) return null;
  const b = briefOf(hit);
  rememberSku(b);
  return b;
}

function optionOf(s: SkuBrief) {
  return {
    value: s.skuId,
    label: (
      <span className="wh-sku-option" title={`${s.code} ${s.title} ${s.spec}`}>
        <span className="wh-sku-option__code num">{s.code}</span>
        <span className="wh-sku-option__rest">
          {s.title}
          {s.spec ? ` · ${s.spec}` : ''}
        </span>
      </span>
    ),
  };
}

type SkuSelectProps = Omit<SelectProps<string>, 'options' | 'onSearch' | 'onChange' | 'showSearch'> & {
  onChange?: (skuId: string | undefined, sku: SkuBrief | undefined) => void;
};

/** A searchable SKU select (the catalog's search, debounced). */
export function SkuSelect({ onChange, value, ...rest }: SkuSelectProps) {
  const { t } = useTranslation();
  const [results, setResults] = useState<SkuBrief[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);

  function search(q: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setSearching(true);
      try {
        const page = await api.catalog.list({
          filter: { q: q.trim(), listed: 'all', status: 'active', category: '' },
          sort: { field: 'code', order: 'asc' },
          limit: 30,
        });
        if (mine !== seq.current) return;
        const found = page.rows.map(briefOf);
        found.forEach(rememberSku);
        setResults(found);
      } catch {
        if (mine === seq.current) setResults([]);
      } finally {
        if (mine === seq.current) setSearching(false);
      }
    }, 200);
  }

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const current = typeof value === 'string' ? known.get(value) : undefined;
  const options = [
    ...(current && !results.some((r) => r.skuId === current.skuId) ? [current] : []),
    ...results,
  ].map(optionOf);

  return (
    <Select<string>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: search }}
      loading={searching}
      placeholder={rest.placeholder ?? t('warehouse.doc.skuPlaceholder')}
      notFoundContent={searching ? t('common.loading') : null}
      options={options}
      onOpenChange={(open) => {
        if (open && !results.length) search('');
      }}
      onChange={(v) => onChange?.(v, v ? known.get(v) : undefined)}
    />
  );
}

/** A bin select: active bins in walk order (a retired bin still shows when it is the value). */
export function BinSelect({ bins, value, ...rest }: Omit<SelectProps<string>, 'options'> & { bins: Bin[] }) {
  const { t } = useTranslation();
  const choices = activeBins(bins);
  const retiredValue = bins.find((b) => b.id === value && b.retired);
  const options = [...(retiredValue ? [retiredValue] : []), ...choices].map((b) => ({
    value: b.id,
    label: b.code,
    title: b.zone ? `${b.code}（${b.zone}）` : b.code,
    kind: b.kind,
  }));
  return (
    <Select<string>
      {...rest}
      value={value}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={rest.placeholder ?? t('warehouse.doc.pickBin')}
      options={options}
      optionRender={(o) => (
        <span>
          <span className="num">{o.label}</span>
          {o.data.kind === 'defects' && (
            <span style={{ color: '#d46b08', marginLeft: 6, fontSize: 12 }}>
              {t('warehouse.kinds.defects')}
            </span>
          )}
        </span>
      )}
      popupMatchSelectWidth={false}
    />
  );
}
