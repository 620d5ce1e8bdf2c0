import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App.js';
import { installHttpBridge } from './bridge/httpBridge.js';
import { createI18n } from './i18n/i18n.js';
import './styles/base.css';
import './styles/home.css';
import './styles/article.css';
import './styles/fault.css';

// zod probes `new Function` to decide whether to compile validators; the CSP forbids it, and the
// refused probe shows up as a CSP violation report at every start.
z.config({ jitless: true });

// Electron's preload has already exposed the bridge; the Chromium shell leaves it to us.
const bridge = window.newsboard ?? installHttpBridge();

// A long press must not open a context menu (copy, inspect, save image…) on a public screen.
document.addEventListener('contextmenu', (event) => event.preventDefault());

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lost its #root element');
createRoot(root).render(
  <StrictMode>
    <App bridge={bridge} i18n={createI18n()} />
  </StrictMode>,
);
