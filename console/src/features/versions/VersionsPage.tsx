import { Empty, Flex, Spin, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../common/ProblemAlert';
import { ProductSelect } from '../../common/ProductSelect';
import { useI18n } from '../../i18n/I18n';
import { versionsApi } from './api';
import { DeviceList } from './DeviceList';
import { useLoad } from '../../common/useLoad';
import { VersionShare } from './VersionShare';

type View = 'share' | 'devices';

/**
 * 版本分布 (spec §3): a product's version share and its device list. The product and the view
 * are kept in the URL (`?product=…&view=devices`), so a reload or a shared link shows the same.
 */
export function VersionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const productKey = params.get('product') ?? undefined;
  const view: View = params.get('view') === 'devices' ? 'devices' : 'share';
  const [firstError, setFirstError] = useState<unknown>(null);
  const [noProducts, setNoProducts] = useState(false);

  // the page is never blank: with no product chosen, it opens on the newest one
  useEffect(() => {
    if (productKey) return;
    let live = true;
    versionsApi
      .firstProduct()
      .then((first) => {
        if (!live) return;
        if (first) choose({ product: first.productKey }, true);
        else setNoProducts(true);
      })
      .catch((e) => live && setFirstError(e));
    return () => {
      live = false;
    };
  }, [productKey]);

  const product = useLoad(
    () => (productKey ? versionsApi.product(productKey) : Promise.resolve(undefined)),
    [productKey],
  );

  function choose(change: Partial<Record<'product' | 'view', string>>, replace = false) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        Object.entries(change).forEach(([name, value]) => (value ? next.set(name, value) : next.delete(name)));
        return next;
      },
      { replace },
    );
  }

  const chosen = product.data && product.data.productKey === productKey ? product.data : undefined;

  return (
    <>
      <Flex className="toolbar" align="center" gap={8}>
        <Flex align="center" gap={8}>
          <label htmlFor="versions-product">{t('versions.product')}</label>
          <ProductSelect
            id="versions-product"
            allowClear={false}
            value={productKey}
            onChange={(key) => key && choose({ product: key })}
            style={{ width: 320 }}
          />
        </Flex>
      </Flex>
      {firstError ? <ProblemAlert error={firstError} /> : null}
      {product.error ? <ProblemAlert feature="versions" error={product.error} onRetry={product.reload} /> : null}
      {noProducts && !productKey ? <Empty description={t('versions.noProducts')} /> : null}
      {!chosen && !product.error && !noProducts && !firstError ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : null}
      {chosen ? (
        <Tabs
          key={chosen.productKey}
          activeKey={view}
          onChange={(key) => choose({ view: key === 'devices' ? key : undefined })}
          items={[
            { key: 'share', label: t('versions.tab.share'), children: <VersionShare product={chosen} /> },
            { key: 'devices', label: t('versions.tab.devices'), children: <DeviceList product={chosen} /> },
          ]}
        />
      ) : null}
    </>
  );
}
