import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n/I18n';
import { DEVICE_STATES, type Transfer } from './api';
import { stateLabel } from './labels';

/** The bar's colour of each state (the tags' preset colours, as plain colours). */
const COLORS: Record<string, string> = {
  AWAITING_REVIEW: '#faad14',
  PENDING: '#91caff',
  UPGRADING: '#1677ff',
  SUCCEEDED: '#52c41a',
  FAILED: '#ff4d4f',
  REJECTED: '#fa8c16',
  CANCELED: '#bfbfbf',
};

/**
 * A transfer's devices by state, compact enough for a list row: how many devices, how many of
 * them await review (what an operator acts on), and a bar of the states whose tooltip and
 * accessible name say every count in words.
 */
export function StateCounts({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  const present = DEVICE_STATES.filter((state) => (transfer.counts[state] ?? 0) > 0);
  const total = present.reduce((sum, state) => sum + (transfer.counts[state] ?? 0), 0);
  const words = present.map((state) => `${stateLabel(state, t).text} ${transfer.counts[state]}`);
  const awaiting = transfer.counts.AWAITING_REVIEW ?? 0;

  return (
    <Flex vertical gap={4}>
      <Flex gap={8} align="center">
        <Typography.Text>{t('transfers.counts.devices', { count: transfer.devices })}</Typography.Text>
        {awaiting > 0 ? (
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            {stateLabel('AWAITING_REVIEW', t).text} {awaiting}
          </Tag>
        ) : null}
      </Flex>
      {total > 0 ? (
        <Tooltip title={words.map((line) => <div key={line}>{line}</div>)}>
          <div
            role="img"
            aria-label={words.join(', ')}
            style={{ display: 'flex', height: 6, borderRadius: 3, overflow: 'hidden', background: '#f0f0f0', maxWidth: 180 }}
          >
            {present.map((state) => (
              <span
                key={state}
                style={{ width: `${((transfer.counts[state] ?? 0) / total) * 100}%`, background: COLORS[state] }}
              />
            ))}
          </div>
        </Tooltip>
      ) : null}
    </Flex>
  );
}
