// Side-effect entry: registers <plugboard-connect>. Loading it twice on one page is harmless.
import { PlugboardConnectElement } from './element/plugboard-connect.js';

if (!customElements.get('plugboard-connect')) customElements.define('plugboard-connect', PlugboardConnectElement);

export { PlugboardConnectElement };
