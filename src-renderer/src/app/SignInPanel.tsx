import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Empty, Skeleton, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session, StaffPublic } from '../../../src-main/api/contract';
import { api, ApiFailure, errorText, problemText } from '../api';
import { PinInput } from '../components/PinInput';
import { initialOf, roleColor } from '../lib/roles';

interface Props {
  /** Called after a successful sign-in with the new session. */
  onSignedIn(session: Session): void;
  /** In the quick-switch dialog: the person signed in now (marked, not hidden). */
  currentStaffId?: string;
}

/**
 * Pick yourself, type your PIN, press Enter. Works without a mouse: Tab to a name, Enter, type
 * the PIN, Enter. Errors (wrong PIN with tries left, locked until a time) appear in place.
 */
export function SignInPanel({ onSignedIn, currentStaffId }: Props) {
  const { t } = useTranslation();
  const [roster, setRoster] = useState<StaffPublic[] | null>(null);
  const [rosterError, setRosterError] = useState<string | null>(null);
  const [picked, setPicked] = useState<StaffPublic | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<InputRef>(null);
  const pickedButton = useRef<string | null>(null);

  useEffect(() => {
    let alive = true;
    api.auth
      .roster({})
      .then((r) => {
        if (!alive) return;
        // Names in pinyin order, as people expect in a Chinese list.
        const sorted = [...r].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
        setRoster(sorted);
        if (sorted.length === 1) setPicked(sorted[0]!);
      })
      .catch((e: unknown) => alive && setRosterError(errorText(e)));
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    if (picked) pinRef.current?.focus();
  }, [picked]);

  function pick(p: StaffPublic) {
    pickedButton.current = p.id;
    setPicked(p);
    setPin('');
    setError(null);
  }

  function back() {
    const id = picked?.id;
    setPicked(null);
    setPin('');
    setError(null);
    // Return focus to the person's button for keyboard users.
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-staff-id="${id}"]`)?.focus(),
    );
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!picked || busy) return;
    if (!/^\d{4,8}$/.test(pin)) {
      setError({ text: t('pin.format'), locked: false });
      pinRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.auth.signIn({ staffId: picked.id, pin });
      onSignedIn(session);
    } catch (err) {
      setPin('');
      const locked = err instanceof ApiFailure && err.code === 'LOCKED';
      setError({ text: err instanceof ApiFailure ? problemText(err.error) : errorText(err), locked });
      requestAnimationFrame(() => pinRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  if (rosterError)
    return <Alert type="error" showIcon title={t('signin.rosterFailed')} description={rosterError} />;
  if (!roster) return <Skeleton active avatar paragraph={{ rows: 3 }} />;
  if (!roster.length) return <Empty description={t('signin.emptyRoster')} />;

  if (!picked) {
    return (
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }} id="signin-pick-label">
          {t('signin.pickYourself')}
        </Typography.Title>
        <div className="roster" role="list" aria-labelledby="signin-pick-label">
          {roster.map((p) => (
            <div role="listitem" key={p.id}>
              <button
                type="button"
                className="roster__person"
                data-testid={`signin-person-${p.name}`}
                data-staff-id={p.id}
                onClick={() => pick(p)}
              >
                <Avatar size={40} style={{ backgroundColor: roleColor(p.role), flex: 'none' }} aria-hidden>
                  {initialOf(p.name)}
                </Avatar>
                <span className="roster__text">
                  <span className="roster__name">{p.name}</span>
                  <span className="roster__role">
                    {t(`roles.${p.role}`)}
                    {p.id === currentStaffId ? ` · ${t('common.current')}` : ''}
                  </span>
                </span>
              </button>
            </div>
          ))}
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="signin-pin" aria-describedby={error ? 'signin-error' : undefined}>
      <div className="signin-pin__who">
        <Avatar size={56} style={{ backgroundColor: roleColor(picked.role), fontSize: 24 }} aria-hidden>
          {initialOf(picked.name)}
        </Avatar>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="signin-picked">
            {picked.name}
          </Typography.Title>
          <Typography.Text type="secondary">{t(`roles.${picked.role}`)}</Typography.Text>
        </div>
      </div>
      <label htmlFor="signin-pin" className="signin-pin__label">
        {t('signin.pinFor', { name: picked.name })}
      </label>
      <PinInput
        id="signin-pin"
        ref={pinRef}
        size="large"
        data-testid="signin-pin"
        placeholder={t('pin.placeholder')}
        prefix={<LockOutlined aria-hidden />}
        value={pin}
        onChange={(e) => {
          setPin(e.target.value);
          if (error && !error.locked) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && roster.length > 1) {
            e.preventDefault();
            e.stopPropagation();
            back();
          }
        }}
        status={error ? 'error' : undefined}
        aria-invalid={!!error}
      />
      {error && (
        <Alert
          id="signin-error"
          data-testid="signin-error"
          role="alert"
          type={error.locked ? 'warning' : 'error'}
          showIcon
          title={error.locked ? t('signin.lockedTitle') : error.text}
          description={error.locked ? error.text : undefined}
          style={{ marginTop: 12 }}
        />
      )}
      <div className="signin-pin__actions">
        {roster.length > 1 && (
          <Button icon={<ArrowLeftOutlined />} size="large" onClick={back} data-testid="signin-back">
            {t('signin.change')}
          </Button>
        )}
        <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="signin-submit">
          {t('signin.submit')}
        </Button>
      </div>
    </form>
  );
}
