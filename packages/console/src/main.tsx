import { PlugboardConsole } from '@plugboard/sdk';
import { PlugboardSession } from '@plugboard/sdk/session';
import { browserPopupHost } from '@plugboard/widget';
import { render } from 'preact';
import { App } from './app.js';
import type { ConsoleClient } from './console-client.js';
import type { ConsoleServices } from './services.js';
import './styles.css';

// The backend serves the console, so the API is on this same origin and the session cookie goes with every call.
const baseUrl = location.origin;
const client: ConsoleClient = new PlugboardConsole({ baseUrl });
const services: ConsoleServices = {
  client,
  sessionFor: (token) => new PlugboardSession({ baseUrl, token }),
  oauth: { popupHost: browserPopupHost, apiOrigin: baseUrl },
};

const root = document.getElementById('app');
if (root) render(<App services={services} />, root);
