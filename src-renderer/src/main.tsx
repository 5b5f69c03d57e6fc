// First: React Fast Refresh's preamble as a module (empty in production builds), because the
// strict CSP blocks the inline script the React plugin would otherwise add in development.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
