import { SearchOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useI18n } from '../i18n/I18n';

/** 搜索 and 重置 of a filter form: the form submits the search; `onReset` clears the filter. */
export function SearchButtons({ onReset }: { onReset: () => void }) {
  const { t } = useI18n();
  return (
    <Space>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
        {t('common.search')}
      </Button>
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Space>
  );
}
