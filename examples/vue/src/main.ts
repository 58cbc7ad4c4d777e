import '@plugboard/widget/define';
import type { PlugboardConnectEventMap } from '@plugboard/widget';
import { createApp, defineComponent, ref } from 'vue';

/** Where your Plugboard backend runs. */
const plugboardUrl = import.meta.env.VITE_PLUGBOARD_URL ?? 'http://localhost:4400';

/** Your backend mints the connect session; the browser only ever sees its token. */
async function fetchSessionToken(): Promise<string> {
  const response = await fetch('/api/plugboard-session', { method: 'POST' });
  if (!response.ok) throw new Error(`Could not start a connect session (${response.status})`);
  return (await response.json()).token;
}

const Integrations = defineComponent({
  setup() {
    const connected = ref<string[]>([]);
    const onConnected = (event: PlugboardConnectEventMap['plugboard:connected']) => {
      connected.value.push(event.detail.connector.name);
    };
    return { connected, onConnected, fetchSessionToken, plugboardUrl };
  },
  // `.prop` hands Vue's value to the element as a property, which a function must be.
  template: `
    <main>
      <h1>Integrations</h1>
      <plugboard-connect
        :api-base="plugboardUrl"
        :fetchSessionToken.prop="fetchSessionToken"
        @plugboard:connected="onConnected"
      />
      <p id="connected" aria-live="polite">
        {{ connected.length ? 'Connected this visit: ' + connected.join(', ') : 'Nothing connected yet this visit.' }}
      </p>
    </main>`,
});

const app = createApp(Integrations);
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('plugboard-');
app.mount('#app');
