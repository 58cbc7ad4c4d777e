import { css } from '@lit/reactive-element/css-tag.js';

/**
 * The widget's styles. Every colour, radius and font comes from a `--plugboard-*` custom property,
 * so a vendor themes the widget from its own stylesheet; `::part()` reaches anything else.
 */
export const styles = css`
  :host {
    /* One value per scheme: light-dark() follows color-scheme, which the theme attribute can pin. */
    color-scheme: light dark;
    --_primary: var(--plugboard-color-primary, light-dark(#6d28d9, #a78bfa));
    --_on-primary: var(--plugboard-color-primary-text, light-dark(#fff, #1e1b4b));
    --_bg: var(--plugboard-color-background, light-dark(#fff, #111827));
    --_surface: var(--plugboard-color-surface, light-dark(#fff, #1f2937));
    --_text: var(--plugboard-color-text, light-dark(#1f2937, #f3f4f6));
    --_muted: var(--plugboard-color-muted, light-dark(#6b7280, #9ca3af));
    --_border: var(--plugboard-color-border, light-dark(#e5e7eb, #374151));
    --_danger: var(--plugboard-color-danger, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--plugboard-radius, 12px);
    --_space: var(--plugboard-spacing, 16px);
    display: block;
    color: var(--_text);
    font-family: var(--plugboard-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    font-size: 14px;
    line-height: 1.45;
  }
  :host([hidden]) { display: none; }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
  * { box-sizing: border-box; }
  .grid { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr)); }
  .card { display: flex; flex-direction: column; gap: 8px; padding: var(--_space); background: var(--_surface);
    border: 1px solid var(--_border); border-radius: var(--_radius); }
  .card-head { display: flex; gap: 12px; align-items: center; }
  .card-title { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; min-width: 0; }
  h2, h3 { margin: 0; font-size: 16px; font-weight: 600; overflow-wrap: anywhere; }
  .icon { width: 40px; height: 40px; flex: none; border-radius: 8px; object-fit: contain; }
  .monogram { display: grid; place-items: center; background: var(--_primary); color: var(--_on-primary); font-weight: 700; font-size: 18px; }
  .badge { font-size: 11px; font-weight: 700; letter-spacing: 0.04em; padding: 2px 6px; border-radius: 999px;
    color: var(--_primary); border: 1px solid currentColor; }
  .description { margin: 0; color: var(--_muted); flex: 1; }
  .meta { margin: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; color: var(--_muted); font-size: 12px; }
  button { font: inherit; font-weight: 600; cursor: pointer; padding: 8px 14px; border-radius: calc(var(--_radius) * 0.67);
    border: 1px solid var(--_primary); min-height: 36px; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
  .primary { background: var(--_primary); color: var(--_on-primary); }
  .secondary { background: transparent; color: var(--_primary); }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; }
  /* The states paint their own surface: text in the widget's scheme must not land on a host page of the other. */
  .state { display: flex; flex-direction: column; align-items: flex-start; gap: 8px; color: var(--_muted); padding: var(--_space);
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); }
  .state p { margin: 0; }
  .spinner { width: 18px; height: 18px; border: 2px solid var(--_border); border-top-color: var(--_primary);
    border-radius: 50%; animation: spin 0.8s linear infinite; }
  @keyframes spin { to { transform: rotate(1turn); } }
  .backdrop { position: fixed; inset: 0; background: rgb(0 0 0 / 0.45); display: grid; place-items: center; padding: 16px; z-index: 2147483000; }
  /* The transparent border shows in forced colours, where the shadow that outlines the dialog is dropped. */
  .dialog { width: min(100%, 420px); max-height: 100%; overflow: auto; background: var(--_bg); color: var(--_text);
    border: 1px solid transparent;
    border-radius: var(--_radius); padding: calc(var(--_space) * 1.5); box-shadow: 0 20px 50px rgb(0 0 0 / 0.3); }
  .form { display: flex; flex-direction: column; gap: 14px; margin-top: 14px; }
  .field { display: flex; flex-direction: column; gap: 4px; }
  label { font-weight: 600; }
  input, select { font: inherit; color: inherit; background: var(--_surface); padding: 8px 10px; min-height: 36px;
    border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.5); }
  input[aria-invalid='true'] { border-color: var(--_danger); }
  .hint, .note { margin: 0; color: var(--_muted); font-size: 12px; }
  .field-error, .form-error, .warning { margin: 0; color: var(--_danger); font-size: 13px; }
  .buttons { display: flex; justify-content: flex-end; gap: 8px; flex-wrap: wrap; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
`;
