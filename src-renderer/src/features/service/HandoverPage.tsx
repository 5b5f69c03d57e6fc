import { CheckOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverItem, HandoverKind } from '../../../../src-main/api/contract';
import { api, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { useHandover } from './HandoverStore';
import { HandoverPrint } from './HandoverPrint';
import { HandoverWriteModal } from './HandoverWriteModal';

const KIND_COLOR: Record<HandoverKind, string> = {
  buyer: 'blue',
  callback: 'orange',
  stock: 'red',
  other: 'default',
};

function ItemRow({ item, onAck }: { item: HandoverItem; onAck?: (i: HandoverItem) => void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const links = [
    item.buyerName,
    item.orderNo ? t('handover.order', { no: item.orderNo }) : null,
    item.skuLabel,
    item.callbackAt ? t('handover.callbackTime', { time: formatDateTime(item.callbackAt, timeZone) }) : null,
  ].filter(Boolean);
  return (
    <List.Item
      data-testid={`handover-row-${item.id}`}
      className="handover-row"
      actions={
        item.ack
          ? []
          : onAck && item.canAck
            ? [
                <Button
                  key="ack"
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => onAck(item)}
                  data-testid="handover-ack"
                >
                  {t('handover.ack')}
                </Button>,
              ]
            : [<Tag key="w">{t('handover.waiting')}</Tag>]
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag color={KIND_COLOR[item.kind]}>{t(`handover.kinds.${item.kind}`)}</Tag>
            <span data-testid="handover-row-text">{item.text}</span>
          </Space>
        }
        description={
          <Space direction="vertical" size={0}>
            {links.length > 0 && <Typography.Text>{links.join(' · ')}</Typography.Text>}
            <Typography.Text type="secondary">
              {t('handover.writtenBy', {
                date: item.date,
                shift: item.shiftName,
                name: item.createdByName,
                time: formatDateTime(item.createdAt, timeZone),
              })}
              {' · '}
              {t('handover.nextShift', { date: item.nextDate, shift: item.nextShiftName })}
            </Typography.Text>
            {item.ack && (
              <Typography.Text type="success" data-testid="handover-row-acked">
                {t('handover.acked', {
                  name: item.ack.staffName,
                  time: formatDateTime(item.ack.at, timeZone),
                })}
                {item.ack.note ? `：${item.ack.note}` : ''}
              </Typography.Text>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

/** 交接本: open items (acknowledged by the next shift), writing a handover, and the history. */
export function HandoverPage() {
  const { t } = useTranslation();
  const canWrite = useCan('handover.write');
  const open = useHandover((s) => s.open);
  const [writing, setWriting] = useState(false);
  const [acking, setAcking] = useState<HandoverItem | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // The history shows the last seven days of the shop's calendar (its today comes from main).
  const [picked, setPicked] = useState<[string, string] | null>(null);
  const today = open?.today;
  const range: [string, string] | null =
    picked ?? (today ? [dayjs(today).subtract(6, 'day').format('YYYY-MM-DD'), today] : null);
  const [history, setHistory] = useState<HandoverItem[] | null>(null);
  const [printDate, setPrintDate] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    void useHandover.getState().refresh();
  }, [version]);
  const from = range?.[0];
  const to = range?.[1];
  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    api.handover
      .history({ from, to })
      .then((h) => {
        if (live) setHistory(h);
      })
      .catch((e: unknown) => reportError(e));
    return () => {
      live = false;
    };
  }, [from, to, version]);

  async function ack() {
    if (!acking) return;
    setBusy(true);
    try {
      await api.handover.ack({ itemId: acking.id, note });
      ui().message.success(t('handover.ackDone'));
      setAcking(null);
      setNote('');
      load();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  const byDate = new Map<string, HandoverItem[]>();
  for (const i of history ?? []) byDate.set(i.date, [...(byDate.get(i.date) ?? []), i]);

  return (
    <div className="page" data-testid="handover-page">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('handover.title')}
        </Typography.Title>
        {canWrite && open && (
          <Button
            type="primary"
            icon={<EditOutlined />}
            onClick={() => setWriting(true)}
            data-testid="handover-write"
          >
            {t('handover.write')}
          </Button>
        )}
      </Space>
      {open && open.forMe > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('handover.banner', { count: open.forMe })}
          data-testid="handover-banner"
        />
      )}
      <Card title={`${t('handover.open')}（${open?.items.length ?? 0}）`} style={{ marginBottom: 16 }}>
        {open && open.items.length > 0 ? (
          <List
            data-testid="handover-open"
            dataSource={open.items}
            renderItem={(i) => <ItemRow item={i} onAck={canWrite ? setAcking : undefined} />}
          />
        ) : (
          <Empty description={t('handover.openEmpty')} data-testid="handover-open-empty" />
        )}
      </Card>
      <Card
        title={t('handover.history')}
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPicked([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
            }}
            data-testid="handover-range"
          />
        }
      >
        {byDate.size === 0 ? (
          <Empty description={t('handover.historyEmpty')} />
        ) : (
          [...byDate.entries()].map(([date, items]) => (
            <div key={date} data-testid={`handover-day-${date}`}>
              <Space style={{ marginBottom: 8 }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {date}
                </Typography.Title>
                <Button
                  size="small"
                  icon={<PrinterOutlined />}
                  onClick={() => setPrintDate(date)}
                  data-testid={`handover-print-${date}`}
                >
                  {t('handover.print.button')}
                </Button>
              </Space>
              <List dataSource={items} renderItem={(i) => <ItemRow item={i} />} />
            </div>
          ))
        )}
      </Card>
      {printDate && (
        <HandoverPrint
          date={printDate}
          items={byDate.get(printDate) ?? []}
          onClose={() => setPrintDate(null)}
        />
      )}
      {open && (
        <HandoverWriteModal
          open={writing}
          context={open}
          onClose={() => setWriting(false)}
          onDone={() => {
            setWriting(false);
            load();
          }}
        />
      )}
      <Modal
        open={!!acking}
        title={t('handover.ackTitle')}
        onCancel={() => setAcking(null)}
        onOk={ack}
        okText={t('handover.ack')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'handover-ack-ok' }}
        destroyOnHidden
      >
        {acking && (
          <Typography.Paragraph>
            <Tag color={KIND_COLOR[acking.kind]}>{t(`handover.kinds.${acking.kind}`)}</Tag>
            {acking.text}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          rows={2}
          maxLength={300}
          placeholder={t('handover.ackNote')}
          aria-label={t('handover.ackNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="handover-ack-note"
        />
      </Modal>
    </div>
  );
}
