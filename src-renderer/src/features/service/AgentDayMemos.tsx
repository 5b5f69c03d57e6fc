import { BellOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Empty, Input, List, Space, Switch, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoList } from '../../../../src-main/api/contract-agentday';
import { api, errorText, reportError, ui } from '../../api';
import { formatDateTime, startOfDayInZone } from '../../lib/time';
import { useSession } from '../../stores/session';
import { useAgentDay } from './AgentDayStore';
import { useServiceUi } from './state';

/** A picked wall-clock time (shown in the shop's zone) → UTC ISO. */
function toUtc(d: Dayjs, timeZone: string): string {
  const start = startOfDayInZone(d.year(), d.month() + 1, d.date(), timeZone).getTime();
  return new Date(start + (d.hour() * 60 + d.minute()) * 60_000).toISOString();
}

/** 备忘录: quick notes, an optional reminder time and order link; done / not done. */
export function AgentDayMemos() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const version = useAgentDay((s) => s.version);
  const { openOrder, openBuyer } = useServiceUi.getState();
  const [list, setList] = useState<MemoList | null>(null);
  const [showDone, setShowDone] = useState(false);
  const [text, setText] = useState('');
  const [remind, setRemind] = useState<Dayjs | null>(null);
  const [orderNo, setOrderNo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setList(await api.agentDay.memos({ includeDone: showDone }));
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [showDone]);
  useEffect(() => {
    void load();
  }, [load, version]);

  async function add() {
    if (!text.trim()) return;
    setBusy(true);
    try {
      let orderId: string | null = null;
      let buyerId: string | null = null;
      const no = orderNo.trim();
      if (no) {
        const found = await api.orders.list({ filter: { q: no }, limit: 5 });
        const o = found.rows.find((r) => r.orderNo.toUpperCase() === no.toUpperCase());
        if (!o) {
          ui().message.error(t('agentDay.memoOrderNotFound', { orderNo: no }));
          return;
        }
        orderId = o.id;
        buyerId = o.buyerId;
      }
      await api.agentDay.memoSave({
        text,
        remindAt: remind ? toUtc(remind, timeZone) : null,
        orderId,
        buyerId,
      });
      setText('');
      setRemind(null);
      setOrderNo('');
      ui().message.success(t('agentDay.memoAdded'));
      useAgentDay.getState().changed();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  async function toggle(id: string, version: string, done: boolean) {
    try {
      await api.agentDay.memoDone({ id, expectedVersion: version, done });
      useAgentDay.getState().changed();
    } catch (e) {
      reportError(e);
    }
  }

  return (
    <div data-testid="agentday-memos">
      <div className="agentday-memo-form">
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={add}
          placeholder={t('agentDay.memoPlaceholder')}
          maxLength={1000}
          aria-label={t('agentDay.memos')}
          data-testid="agentday-memo-text"
        />
        <Space wrap>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={remind}
            onChange={(v) => setRemind(v)}
            placeholder={t('agentDay.memoRemind')}
            aria-label={t('agentDay.memoRemind')}
            style={{ width: 200 }}
            data-testid="agentday-memo-remind"
          />
          <Input
            value={orderNo}
            onChange={(e) => setOrderNo(e.target.value)}
            placeholder={t('agentDay.memoOrder')}
            aria-label={t('agentDay.memoOrder')}
            style={{ width: 200 }}
            data-testid="agentday-memo-order"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={busy}
            disabled={!text.trim()}
            onClick={add}
            data-testid="agentday-memo-add"
          >
            {t('agentDay.memoAdd')}
          </Button>
        </Space>
      </div>
      <Space style={{ margin: '12px 0 4px' }}>
        <Switch
          size="small"
          checked={showDone}
          onChange={setShowDone}
          aria-label={t('agentDay.memoShowDone')}
        />
        <Typography.Text type="secondary">{t('agentDay.memoShowDone')}</Typography.Text>
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <List
        size="small"
        dataSource={list?.rows ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agentDay.memoEmpty')} />,
        }}
        renderItem={(m) => (
          <List.Item
            data-testid={`agentday-memo-${m.text}`}
            className={m.doneAt ? 'agentday-memo--done' : undefined}
          >
            <Checkbox
              checked={m.doneAt !== null}
              onChange={(e) => toggle(m.id, m.version, e.target.checked)}
              aria-label={t('agentDay.memoDoneToggle')}
              data-testid={`agentday-memo-done-${m.text}`}
            />
            <div className="agentday-memo-body">
              <div className="agentday-memo-text">{m.text}</div>
              {(m.remindAt || m.orderNo || m.buyerName) && (
                <Space size={6} wrap>
                  {m.remindAt && (
                    <Typography.Text type="secondary" className="num">
                      <BellOutlined />{' '}
                      {t('agentDay.memoRemindAt', { at: formatDateTime(m.remindAt, timeZone) })}
                    </Typography.Text>
                  )}
                  {m.due && (
                    <Tag color="red" data-testid="agentday-memo-due">
                      {t('agentDay.memoDue')}
                    </Tag>
                  )}
                  {m.orderNo && (
                    <a onClick={() => openOrder(m.orderId)}>
                      {t('agentDay.memoOrderNo', { orderNo: m.orderNo })}
                    </a>
                  )}
                  {m.buyerName && (
                    <a onClick={() => openBuyer(m.buyerId)}>
                      {t('agentDay.memoBuyer', { name: m.buyerName })}
                    </a>
                  )}
                </Space>
              )}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
