import { App } from 'antd';
import { useEffect } from 'react';
import { bindFeedback } from '../api';

/** Hands antd's context-aware message/notification/modal to the helpers in api.ts. */
export function FeedbackBridge() {
  const app = App.useApp();
  useEffect(() => bindFeedback(app), [app]);
  bindFeedback(app);
  return null;
}
