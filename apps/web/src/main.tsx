import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupApiClient } from './api/api-client';
import { App } from './app/App';
import './styles.css';

setupApiClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
