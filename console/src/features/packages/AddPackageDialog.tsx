import { UploadOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Modal, Progress, Radio, Row, Select, Upload, type UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, type FieldProblem } from '../../api/problem';
import { ProblemAlert } from '../../common/ProblemAlert';
import { ProductSelect, type Product } from '../../common/ProductSelect';
import { problemText } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';
import { AddPackageResult } from './AddPackageResult';
import { packagesApi, type NewPackage, type Package, type PackageType } from './api';
import { FromVersionsSelect } from './FromVersionsSelect';
import { PACKAGE_TYPES } from './labels';
import { showProblemOnFields } from './problems';
import { fromVersionsRule, MODULE, requiredText, versionRule } from './rules';

interface Values {
  type: PackageType;
  name: string;
  productKey: string;
  module: string;
  targetVersion: string;
  fromVersions: string[];
  description?: string;
  file: UploadFile[];
}

/** The metadata fields as package-service names them, for its field problems. */
const FIELDS = ['type', 'name', 'productKey', 'module', 'targetVersion', 'fromVersions', 'description'];
/** Problems about the file part, shown on the file field. */
const FILE_PROBLEMS = ['FILE_REQUIRED', 'EMPTY_FILE', 'PACKAGE_TOO_LARGE', 'CHECKSUM_MISMATCH'];

/**
 * Adds a package (spec §1.1): the metadata checked here as package-service documents it, then
 * one multipart upload with its progress; the stored package (digests, signature) is the result.
 */
export function AddPackageDialog({
  onClose,
  onAdded,
  onOpen,
}: {
  onClose: () => void;
  /** Told the stored package as soon as it exists, so that the list can show it. */
  onAdded: (pkg: Package) => void;
  /** Opens the stored package's details. */
  onOpen: (pkg: Package) => void;
}) {
  const { t, maybe } = useI18n();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const [modules, setModules] = useState<Product['modules']>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [left, setLeft] = useState<FieldProblem[]>([]);
  const [result, setResult] = useState<Package | null>(null);
  const abort = useRef<AbortController | null>(null);

  // closing the dialog mid-upload stops the upload; the service then stores nothing
  useEffect(() => () => abort.current?.abort(), []);

  const submit = async (values: Values) => {
    const file = values.file[0].originFileObj as File;
    const metadata: NewPackage = {
      name: values.name.trim(),
      type: values.type,
      productKey: values.productKey,
      module: values.module || 'default',
      targetVersion: values.targetVersion,
      fromVersions: values.fromVersions ?? [],
      ...(values.description?.trim() ? { description: values.description } : {}),
    };
    setError(null);
    setLeft([]);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const pkg = await packagesApi.upload(metadata, file, setProgress, abort.current.signal);
      setResult(pkg);
      onAdded(pkg);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ABORTED') return;
      if (e instanceof ApiError && FILE_PROBLEMS.includes(e.code)) {
        form.setFields([{ name: 'file', errors: [problemText(e, t, maybe)] }]);
        return;
      }
      setLeft(showProblemOnFields(form, e, maybe, FIELDS));
      setError(e);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const uploading = progress !== null;
  const moduleOptions = (modules.length ? modules : [{ name: 'default' }]).map((m) => ({
    value: m.name,
    label: m.name === 'default' ? `${t('packages.module.default')} (default)` : m.description ? `${m.name} (${m.description})` : m.name,
  }));

  return (
    <Modal
      open
      width={720}
      title={t('packages.add.title')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        result
          ? [
              <Button key="again" onClick={() => (setResult(null), form.resetFields())}>
                {t('packages.add.another')}
              </Button>,
              <Button key="open" onClick={() => onOpen(result)}>
                {t('packages.action.details')}
              </Button>,
              <Button key="close" type="primary" onClick={onClose}>
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="submit" type="primary" loading={uploading} onClick={() => form.submit()}>
                {t('packages.add.submit')}
              </Button>,
            ]
      }
    >
      {result ? (
        <AddPackageResult pkg={result} />
      ) : (
        <Form<Values>
          form={form}
          name="addPackage"
          layout="vertical"
          disabled={uploading}
          initialValues={{ type: 'FULL', module: 'default', fromVersions: [], file: [] }}
          onFinish={submit}
          onValuesChange={(changed) => {
            // a from-version rule depends on the type and the target: check it again when they change
            if ('type' in changed || 'targetVersion' in changed) {
              const shown = form.getFieldError('fromVersions').length > 0;
              if (shown || (form.getFieldValue('fromVersions') ?? []).length)
                form.validateFields(['fromVersions']).catch(() => {});
            }
          }}
        >
          <ProblemAlert error={error} fields={left} />
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="type" label={t('packages.field.type')} rules={[{ required: true, message: t('packages.rule.required') }]}>
                <Radio.Group
                  optionType="button"
                  options={(['FULL', 'DIFF'] as const).map((v) => ({ value: v, label: t(PACKAGE_TYPES[v]) }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="name" label={t('packages.field.name')} rules={requiredText(t, 64)}>
                <Input maxLength={80} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="productKey" label={t('common.product')} rules={[{ required: true, message: t('packages.rule.required') }]}>
                <ProductSelect
                  style={{ width: '100%' }}
                  onProduct={(product) => {
                    setModules(product?.modules ?? []);
                    form.setFieldValue('module', 'default');
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="module"
                label={t('packages.field.module')}
                rules={[
                  { required: true, message: t('packages.rule.required') },
                  { pattern: MODULE, message: t('packages.rule.module') },
                ]}
              >
                <Select options={moduleOptions} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="targetVersion"
                label={t('packages.field.targetVersion')}
                rules={[{ required: true, message: t('packages.rule.required') }, versionRule(t)]}
              >
                <Input placeholder="2.0.0" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="fromVersions"
                label={t('packages.field.fromVersions')}
                required={type === 'DIFF'}
                extra={type === 'DIFF' ? t('packages.fromVersions.diffHint') : t('packages.fromVersions.fullHint')}
                rules={[fromVersionsRule(t, () => form.getFieldValue('targetVersion'), () => form.getFieldValue('type') === 'DIFF')]}
              >
                <FromVersionsSelect />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="description"
            label={t('packages.field.description')}
            rules={[{ max: 1000, message: t('packages.rule.tooLong', { max: 1000 }) }]}
          >
            <Input.TextArea rows={2} showCount maxLength={1000} />
          </Form.Item>
          <Form.Item
            name="file"
            label={t('packages.field.file')}
            required
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
            rules={[
              {
                validator: async (_, files?: UploadFile[]) => {
                  const file = files?.[0]?.originFileObj;
                  if (!file) throw new Error(t('packages.rule.fileRequired'));
                  if (file.size === 0) throw new Error(t('packages.rule.fileEmpty'));
                },
              },
            ]}
          >
            <Upload beforeUpload={() => false} maxCount={1}>
              <Button icon={<UploadOutlined />}>{t('packages.add.chooseFile')}</Button>
            </Upload>
          </Form.Item>
          {uploading ? (
            <Progress percent={progress} status="active" aria-label={t('packages.add.uploading')} />
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
