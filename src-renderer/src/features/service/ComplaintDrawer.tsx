import { PrinterOutlined } from '@ant-design/icons';
import {
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Radio,
  Rate,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../../src-main/api/contract-complaints';
import { api, reportError } from '../../api';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { SEVERITY_COLOR } from './ComplaintsPage';
import { useServiceUi } from './state';

/** One complaint: details, the handling timeline and the next step of the workflow. */
export function ComplaintDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('complaints.write');
  const canConfirm = useCan('complaints.confirm');
  const [c, setC] = useState<Complaint | null>(null);
  const [stepKind, setStepKind] = useState<'step' | 'investigation'>('step');
  const [stepText, setStepText] = useState('');
  const [result, setResult] = useState('');
  const [callbackAt, setCallbackAt] = useState<dayjs.Dayjs | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [satisfaction, setSatisfaction] = useState(5);
  const [comment, setComment] = useState('');
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    let live = true;
    api.complaints
      .get({ id })
      .then((x) => live && setC(x))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [id]);

  async function act(run: () => Promise<Complaint>) {
    try {
      setC(await run());
      onChanged();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  }

  const at = (v: string | null) => (v ? formatDateTime(v, timeZone) : '—');
  const active = c && c.status !== 'archived';
  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={c ? `${t('complaints.title')} ${c.complaintNo}` : t('complaints.title')}
      extra={
        <Button
          icon={<PrinterOutlined />}
          onClick={() => setPrinting(true)}
          data-testid="cmp-print"
          disabled={!c}
        >
          {t('complaints.print')}
        </Button>
      }
    >
      {c && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="cmp-drawer">
          <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('complaints.receivedAt')}>{at(c.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.channel')}>
              {t(`complaints.channels.${c.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.buyer')}>
              {c.buyerId ? (
                <Typography.Link
                  onClick={() => useServiceUi.getState().openBuyer(c.buyerId)}
                  data-testid="cmp-buyer-link"
                >
                  {c.memberName}
                </Typography.Link>
              ) : (
                c.memberName || '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.order')}>
              {c.orderId ? (
                <Typography.Link
                  className="num"
                  onClick={() => useServiceUi.getState().openOrder(c.orderId)}
                  data-testid="cmp-order-link"
                >
                  {c.orderNo}
                </Typography.Link>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.category')}>
              {t(`complaints.categories.${c.category}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.severity')}>
              <Tag color={SEVERITY_COLOR[c.severity]}>{t(`complaints.severities.${c.severity}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.responseDue')}>
              {at(c.responseDueAt)} {c.responseOverdue && <Tag color="red">{t('complaints.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.resolveDue')}>
              {at(c.resolveDueAt)} {c.resolveOverdue && <Tag color="red">{t('complaints.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.status')}>
              <span data-testid="cmp-status">{t(`complaints.statuses.${c.status}`)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.handler')}>{c.handlerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.product')} span={2}>
              {c.product || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.description')} span={2}>
              {c.description}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.result')} span={2}>
              {c.result || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.confirmedBy')}>
              {c.confirmedByName ? `${c.confirmedByName} ${at(c.confirmedAt)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.callback')}>
              {c.callbackAt
                ? `${at(c.callbackAt)} · ${t('complaints.satisfactionN', { n: c.satisfaction })}`
                : c.callbackDueAt
                  ? t('complaints.callbackDue', { at: at(c.callbackDueAt) })
                  : '—'}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5}>{t('complaints.timeline')}</Typography.Title>
          <Timeline
            data-testid="cmp-timeline"
            items={c.steps.map((s) => ({
              content: (
                <span>
                  <b>{t(`complaints.stepKinds.${s.kind}`)}</b> · {at(s.at)} · {s.staffName ?? ''}
                  {s.text && s.kind !== 'callback' && s.kind !== 'callbackScheduled' ? `：${s.text}` : ''}
                </span>
              ),
            }))}
          />

          {active && canWrite && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Radio.Group
                value={stepKind}
                onChange={(e) => setStepKind(e.target.value as 'step' | 'investigation')}
                optionType="button"
                size="small"
                options={[
                  { value: 'step', label: t('complaints.stepKinds.step') },
                  { value: 'investigation', label: t('complaints.stepKinds.investigation') },
                ]}
              />
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={stepText}
                  onChange={(e) => setStepText(e.target.value)}
                  maxLength={2000}
                  placeholder={t('complaints.stepPlaceholder')}
                  data-testid="cmp-step-text"
                />
                <Button
                  disabled={!stepText.trim()}
                  data-testid="cmp-step-add"
                  onClick={() =>
                    void act(() => api.complaints.addStep({ id, kind: stepKind, text: stepText })).then(
                      (ok) => ok && setStepText(''),
                    )
                  }
                >
                  {t('complaints.addStep')}
                </Button>
              </Space.Compact>
              {c.status === 'open' && (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    value={result}
                    onChange={(e) => setResult(e.target.value)}
                    maxLength={2000}
                    placeholder={t('complaints.resultPlaceholder')}
                    data-testid="cmp-result"
                  />
                  <Button
                    type="primary"
                    disabled={!result.trim()}
                    data-testid="cmp-resolve"
                    onClick={() => void act(() => api.complaints.resolve({ id, result }))}
                  >
                    {t('complaints.resolve')}
                  </Button>
                </Space.Compact>
              )}
              {!c.callbackAt && (
                <Space wrap>
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    value={callbackAt}
                    onChange={setCallbackAt}
                    placeholder={t('complaints.callbackWhen')}
                  />
                  <Button
                    disabled={!callbackAt}
                    onClick={() =>
                      callbackAt &&
                      void act(() => api.complaints.scheduleCallback({ id, at: callbackAt.toISOString() }))
                    }
                  >
                    {t('complaints.scheduleCallback')}
                  </Button>
                  <Button
                    disabled={c.status === 'open'}
                    onClick={() => setEvaluating(true)}
                    data-testid="cmp-callback"
                  >
                    {t('complaints.recordCallback')}
                  </Button>
                </Space>
              )}
            </Space>
          )}
          <Space wrap>
            {c.status === 'resolved' && canConfirm && (
              <Button
                type="primary"
                data-testid="cmp-confirm"
                onClick={() => void act(() => api.complaints.confirm({ id }))}
              >
                {t('complaints.confirm')}
              </Button>
            )}
            {active && canWrite && (
              <Button
                data-testid="cmp-archive"
                onClick={() => void act(() => api.complaints.archive({ id }))}
              >
                {t('complaints.archive')}
              </Button>
            )}
            {active && (c.status !== 'confirmed' || !c.callbackAt) && (
              <Typography.Text type="secondary">{t('complaints.archiveHint')}</Typography.Text>
            )}
          </Space>
        </Space>
      )}
      <Modal
        open={evaluating}
        title={t('complaints.evaluationForm')}
        onCancel={() => setEvaluating(false)}
        okText={t('complaints.saveEvaluation')}
        okButtonProps={{ 'data-testid': 'cmp-eval-save' } as Record<string, string>}
        onOk={() =>
          void act(() => api.complaints.callback({ id, satisfaction, comment })).then(
            (ok) => ok && setEvaluating(false),
          )
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('complaints.satisfaction')}</span>
          <Rate value={satisfaction} onChange={(v) => setSatisfaction(v || 1)} data-testid="cmp-rate" />
          <span>{t('complaints.comment')}</span>
          <Input.TextArea
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={1000}
            data-testid="cmp-comment"
          />
        </Space>
      </Modal>
      {c && printing && (
        <PrintSheet open onClose={() => setPrinting(false)} title={t('complaints.print')}>
          <h1>{t('complaints.formTitle')}</h1>
          <div className="paper-meta">
            <span>{t('complaints.formNo', { no: c.complaintNo })}</span>
            <span>{t('complaints.formDate', { at: at(c.receivedAt) })}</span>
          </div>
          <table data-testid="cmp-sheet">
            <tbody>
              <tr>
                <th style={{ width: 110 }}>{t('complaints.buyer')}</th>
                <td>{c.memberName}</td>
                <th style={{ width: 110 }}>{t('complaints.channel')}</th>
                <td>{t(`complaints.channels.${c.channel}`)}</td>
              </tr>
              <tr>
                <th>{t('complaints.order')}</th>
                <td>{c.orderNo ?? ''}</td>
                <th>{t('complaints.product')}</th>
                <td>{c.product}</td>
              </tr>
              <tr>
                <th>{t('complaints.category')}</th>
                <td>{t(`complaints.categories.${c.category}`)}</td>
                <th>{t('complaints.severity')}</th>
                <td>{t(`complaints.severities.${c.severity}`)}</td>
              </tr>
              <tr>
                <th>{t('complaints.description')}</th>
                <td colSpan={3}>{c.description}</td>
              </tr>
              <tr>
                <th>{t('complaints.timeline')}</th>
                <td colSpan={3}>
                  {c.steps
                    .filter((s) => s.kind === 'investigation' || s.kind === 'step')
                    .map((s) => (
                      <div key={s.id}>
                        {at(s.at)} {s.staffName ?? ''}：{s.text}
                      </div>
                    ))}
                </td>
              </tr>
              <tr>
                <th>{t('complaints.result')}</th>
                <td colSpan={3}>{c.result}</td>
              </tr>
              <tr>
                <th>{t('complaints.handler')}</th>
                <td>{c.handlerName ?? ''}</td>
                <th>{t('complaints.resolvedAt')}</th>
                <td>{c.resolvedAt ? at(c.resolvedAt) : ''}</td>
              </tr>
              <tr>
                <th>{t('complaints.callback')}</th>
                <td>{c.callbackAt ? at(c.callbackAt) : ''}</td>
                <th>{t('complaints.satisfaction')}</th>
                <td>{c.satisfaction ? t('complaints.satisfactionN', { n: c.satisfaction }) : ''}</td>
              </tr>
              <tr>
                <th>{t('complaints.comment')}</th>
                <td colSpan={3}>{c.evaluation}</td>
              </tr>
            </tbody>
          </table>
          <div className="paper-sign">
            <span>{t('complaints.signHandler')}________________</span>
            <span>{t('complaints.signSupervisor')}________________</span>
            <span>{t('complaints.signDate')}________________</span>
          </div>
        </PrintSheet>
      )}
    </Drawer>
  );
}
