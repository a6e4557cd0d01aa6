import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { formatLocale } from '../../shared/strings';
import './styles.css';

// Screen readers, hyphenation and spelling follow the language the catalogue speaks.
document.documentElement.lang = formatLocale();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
