import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { installDropAndPaste } from './drop-and-paste.js';
import { installKeyboard } from './keyboard.js';
import { connect } from './store/connection.js';
import { detectTransport } from './transport/detect-transport.js';
import './styles.css';

connect(detectTransport());
installDropAndPaste(window);
installKeyboard(window);
const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
