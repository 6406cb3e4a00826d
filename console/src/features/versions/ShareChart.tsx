import { Flex, Typography } from 'antd';
import { percent } from '../../common/format';
import { useI18n } from '../../i18n/I18n';
import type { VersionShare } from './api';

const COLORS = ['#1677ff', '#52c41a', '#faad14', '#eb2f96', '#13c2c2', '#722ed1', '#fa541c', '#2f54eb', '#a0d911'];
const OTHERS_COLOR = '#bfbfbf';
const RADIUS = 60;
const STROKE = 22;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

interface Slice {
  key: string;
  label: string;
  count: number;
  share: number;
  color: string;
}

/**
 * A donut of the versions' shares with its legend. A fleet can run dozens of versions: past the
 * ninth the rest are one grey slice, so that the colours stay tellable apart (the table beside it
 * lists them all).
 */
export function ShareChart({ versions, total, title }: { versions: VersionShare[]; total: number; title: string }) {
  const { t } = useI18n();
  const slices: Slice[] = versions.slice(0, COLORS.length).map((v, i) => ({
    key: v.version,
    label: v.version,
    count: v.deviceCount,
    share: v.share,
    color: COLORS[i],
  }));
  const rest = versions.slice(COLORS.length);
  if (rest.length > 0) {
    slices.push({
      key: '\u0000others',
      label: t('versions.chart.others', { count: rest.length }),
      count: rest.reduce((sum, v) => sum + v.deviceCount, 0),
      share: rest.reduce((sum, v) => sum + v.share, 0),
      color: OTHERS_COLOR,
    });
  }
  let offset = 0;
  const size = 2 * (RADIUS + STROKE / 2);

  return (
    <Flex gap={24} align="center" wrap>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={title}>
        <g transform={`rotate(-90 ${size / 2} ${size / 2})`}>
          <circle cx={size / 2} cy={size / 2} r={RADIUS} fill="none" stroke="#f0f0f0" strokeWidth={STROKE} />
          {slices.map((slice) => {
            const length = (slice.share / 100) * CIRCUMFERENCE;
            const circle = (
              <circle
                key={slice.key}
                cx={size / 2}
                cy={size / 2}
                r={RADIUS}
                fill="none"
                stroke={slice.color}
                strokeWidth={STROKE}
                strokeDasharray={`${length} ${CIRCUMFERENCE - length}`}
                strokeDashoffset={-offset}
              >
                <title>{`${slice.label}: ${slice.count} (${percent(slice.share / 100)})`}</title>
              </circle>
            );
            offset += length;
            return circle;
          })}
        </g>
        <text x="50%" y="47%" textAnchor="middle" fontSize={20} fontWeight={600}>
          {total}
        </text>
        <text x="50%" y="62%" textAnchor="middle" fontSize={12} fill="#8c8c8c">
          {t('versions.chart.devices')}
        </text>
      </svg>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        {slices.map((slice) => (
          <Flex key={slice.key} gap={8} align="center">
            <span style={{ width: 10, height: 10, borderRadius: 2, background: slice.color, flex: 'none' }} />
            <Typography.Text ellipsis style={{ maxWidth: 160 }}>
              {slice.label}
            </Typography.Text>
            <Typography.Text type="secondary">{percent(slice.share / 100)}</Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}
