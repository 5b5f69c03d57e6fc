import { Input, type InputRef } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { forwardRef, type ComponentProps } from 'react';

type Props = Omit<ComponentProps<typeof Input.Password>, 'type'>;

/** A masked PIN field: digits only, 4–8 long, no browser autofill on a shared PC. */
export const PinInput = forwardRef<InputRef, Props>(function PinInput(props, ref) {
  return (
    <Input.Password
      ref={ref}
      inputMode="numeric"
      autoComplete="off"
      maxLength={8}
      visibilityToggle={false}
      {...props}
      onChange={(e) => {
        // Only digits: a PIN typed on a numeric keypad with Num Lock off should not be garbage.
        const clean = e.target.value.replace(/\D/g, '');
        if (clean !== e.target.value) e.target.value = clean;
        props.onChange?.(e);
      }}
    />
  );
});

export function pinRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('pin.required') },
    { pattern: /^\d{4,8}$/, message: t('pin.format') },
  ];
}

/** Rules for "enter the PIN again": must equal the field `other`. */
export function pinAgainRules(t: TFunction, other: string): Rule[] {
  return [
    { required: true, message: t('pin.required') },
    ({ getFieldValue }) => ({
      validator(_, value: string | undefined) {
        if (!value || getFieldValue(other) === value) return Promise.resolve();
        return Promise.reject(new Error(t('pin.mismatch')));
      },
    }),
  ];
}
