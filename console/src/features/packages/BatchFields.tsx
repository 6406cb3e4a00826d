import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Switch, type FormInstance } from 'antd';
import { useI18n } from '../../i18n/I18n';
import type { Package } from './api';
import type { BatchValues, Instant } from './batchRequest';
import { DeviceSelect } from './DeviceSelect';
import { FromVersionsSelect } from './FromVersionsSelect';
import { MODES, SCOPES, STRATEGIES } from './labels';
import { devicesRule, fromVersionsRule, MAX_SCOPE_DEVICES, rangeRule, TAG } from './rules';

/**
 * The fields of a batch upgrade (spec §1.3), each checked as campaign-service documents it; a
 * scope's own field and the schedule's show only when chosen.
 */
export function BatchFields({ form, pkg }: { form: FormInstance<BatchValues>; pkg: Package }) {
  const { t } = useI18n();
  const scopeType = Form.useWatch('scope.type', form);
  const timing = Form.useWatch('timing', form);
  const retries = Form.useWatch('retry.count', form);
  const abortOn = Form.useWatch('abortOn', form);
  // a past day cannot be picked; today can (a start already past means now)
  const past = (current: Instant) => current.valueOf() < Date.now() - 24 * 3600 * 1000;

  return (
    <>
      <Form.Item
        name="fromVersions"
        label={t('packages.field.fromVersions')}
        required
        rules={[fromVersionsRule(t, () => pkg.targetVersion, () => true)]}
      >
        <FromVersionsSelect choices={pkg.fromVersions} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="strategy"
            label={t('packages.field.strategy')}
            dependencies={['scope.type']}
            extra={t('packages.strategy.hint')}
            rules={[
              {
                validator: async (_, value) => {
                  if (value === 'DYNAMIC' && form.getFieldValue('scope.type') === 'GROUP')
                    throw new Error(t('packages.rule.dynamicGroup'));
                },
              },
            ]}
          >
            <Radio.Group
              options={(['STATIC', 'DYNAMIC'] as const).map((s) => ({ value: s, label: t(STRATEGIES[s]) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="mode" label={t('packages.field.mode')}>
            <Radio.Group options={(['PUSH', 'PULL'] as const).map((m) => ({ value: m, label: t(MODES[m]) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="scope.type" label={t('packages.field.scope')}>
        <Radio.Group
          optionType="button"
          options={(['ALL', 'DEVICES', 'GROUP', 'SHARE'] as const).map((s) => ({ value: s, label: t(SCOPES[s]) }))}
        />
      </Form.Item>
      {scopeType === 'DEVICES' ? (
        <Form.Item
          name="scope.deviceNames"
          label={t('packages.batch.devices', { max: MAX_SCOPE_DEVICES })}
          required
          rules={[devicesRule(t, MAX_SCOPE_DEVICES)]}
        >
          <DeviceSelect productKey={pkg.productKey} module={pkg.module} />
        </Form.Item>
      ) : null}
      {scopeType === 'GROUP' ? (
        <Form.Item
          name="scope.tag"
          label={t('packages.batch.tag')}
          rules={[
            { required: true, whitespace: true, message: t('packages.rule.required') },
            { pattern: TAG, message: t('packages.rule.tag') },
          ]}
        >
          <Input placeholder="region:eu" style={{ maxWidth: 320 }} />
        </Form.Item>
      ) : null}
      {scopeType === 'SHARE' ? (
        <Form.Item
          name="scope.percent"
          label={t('packages.batch.percent')}
          extra={t('packages.batch.percentHint')}
          rules={[
            {
              validator: async (_, value?: number | null) => {
                if (value === undefined || value === null) throw new Error(t('packages.rule.required'));
                if (value < 0.1 || value > 100 || Math.round(value * 10) !== value * 10)
                  throw new Error(t('packages.rule.percent'));
              },
            },
          ]}
        >
          <InputNumber min={0.1} max={100} step={0.1} precision={1} suffix="%" style={{ width: 160 }} />
        </Form.Item>
      ) : null}
      <Form.Item name="timing" label={t('packages.field.time')}>
        <Radio.Group
          options={[
            { value: 'NOW', label: t('packages.time.now') },
            { value: 'SCHEDULED', label: t('packages.time.scheduled') },
          ]}
        />
      </Form.Item>
      <Row gutter={16}>
        {timing === 'SCHEDULED' ? (
          <Col span={12}>
            <Form.Item
              name="schedule.startAt"
              label={t('packages.field.startAt')}
              rules={[{ required: true, message: t('packages.rule.required') }]}
            >
              <DatePicker showTime disabledDate={past} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ) : null}
        <Col span={12}>
          <Form.Item
            name="schedule.endAt"
            label={t('packages.field.endAt')}
            dependencies={['schedule.startAt', 'timing']}
            extra={t('packages.time.endHint')}
            rules={[
              {
                validator: async (_, end?: Instant | null) => {
                  if (!end) return;
                  const start: Instant | undefined =
                    form.getFieldValue('timing') === 'SCHEDULED' ? form.getFieldValue('schedule.startAt') : undefined;
                  if (start && end.valueOf() <= start.valueOf()) throw new Error(t('packages.rule.endBeforeStart'));
                  if (end.valueOf() <= Date.now()) throw new Error(t('packages.rule.endInPast'));
                },
              },
            ]}
          >
            <DatePicker showTime disabledDate={past} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="retry.count" label={t('packages.field.retryCount')} rules={[rangeRule(t, 0, 5)]}>
            <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="retry.intervalSeconds"
            label={t('packages.field.retryInterval')}
            rules={[rangeRule(t, 10, 86_400)]}
          >
            <InputNumber
              min={10}
              max={86_400}
              precision={0}
              disabled={!retries}
              suffix={t('packages.unit.seconds')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="timeoutMinutes" label={t('packages.field.timeoutMinutes')} rules={[rangeRule(t, 1, 1440)]}>
            <InputNumber min={1} max={1440} precision={0} suffix={t('packages.unit.minutes')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="ratePerMinute"
            label={t('packages.field.ratePerMinute')}
            rules={[rangeRule(t, 1, 1_000_000)]}
          >
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="abortOn" label={t('packages.field.abort')} valuePropName="checked" extra={t('packages.abort.hint')}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      {abortOn ? (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="abort.failurePercent"
              label={t('packages.field.failurePercent')}
              rules={[rangeRule(t, 1, 100)]}
            >
              <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="abort.minFinished"
              label={t('packages.field.minFinished')}
              rules={[rangeRule(t, 1, 10_000_000)]}
            >
              <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </>
  );
}
