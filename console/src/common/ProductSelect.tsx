import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { http, type Page } from '../api/http';
import { useI18n } from '../i18n/I18n';

/** A product as inventory-service lists it. */
export interface Product {
  productKey: string;
  name: string;
  description?: string;
  modules: { name: string; description?: string }[];
}

/**
 * Picks a product by name or key, searched on the server (products can be many); shows the name
 * with the key, and answers the key.
 */
export function ProductSelect({
  value,
  onChange,
  allowClear = true,
  style,
  id,
  onProduct,
}: {
  value?: string;
  onChange?: (productKey: string | undefined) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  /** Also told the whole product chosen, e.g. for its modules. */
  onProduct?: (product: Product | undefined) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [products, setProducts] = useState<Product[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      http
        .get<Page<Product>>('/api/v1/products', { name: search, size: 50 })
        .then((page) => live && setProducts(page.items))
        .catch(() => live && setProducts([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      loading={loading}
      value={value}
      placeholder={t('common.productPlaceholder')}
      style={{ minWidth: 220, ...style }}
      onChange={(key) => {
        onChange?.(key);
        onProduct?.(products.find((p) => p.productKey === key));
      }}
      options={products.map((p) => ({ value: p.productKey, label: `${p.name} (${p.productKey})` }))}
      notFoundContent={loading ? t('common.loading') : t('common.empty')}
    />
  );
}
