import { styles } from '@plugboard/widget';
import { type ComponentChild, render } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/** What the console adds to the widget's styles inside the card grid's shadow root. */
export const cardStyles = `
  .sections { display: flex; flex-direction: column; gap: calc(var(--_space) * 1.5); }
  .section-title { margin: 0 0 12px; font-size: 15px; color: var(--_muted); font-weight: 600; }
  .settings-link { align-self: flex-start; color: var(--_primary); font-weight: 600; font-size: 13px;
    padding: 4px 0; text-underline-offset: 3px; }
  .settings-link:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; border-radius: 4px; }
  .shared-note { margin: 0; color: var(--_muted); font-size: 12px; }
`;

function sheet(cssText: string): CSSStyleSheet | null {
  try {
    const made = new CSSStyleSheet();
    made.replaceSync(cssText);
    return made;
  } catch {
    return null;
  }
}

/** Gives a shadow root the widget's styles and the console's additions: adopted sheets where supported, else `<style>`. */
function styleRoot(root: ShadowRoot, extra: string) {
  const widgetSheet = styles.styleSheet;
  const extraSheet = sheet(extra);
  if ('adoptedStyleSheets' in root && widgetSheet && extraSheet) {
    root.adoptedStyleSheets = [widgetSheet, extraSheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = `${styles.cssText}\n${extra}`;
  root.append(style);
}

/**
 * Draws its children inside a shadow root styled like `<plugboard-connect>`, so the widget's cards and
 * dialog look exactly as they do in the widget, and the console's page styles cannot reach them.
 */
export function ShadowHost({
  children,
  extraCss = cardStyles,
  testId,
}: {
  children: ComponentChild;
  extraCss?: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const mount = useRef<HTMLDivElement | null>(null);

  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    if (!mount.current) {
      const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      styleRoot(root, extraCss);
      // Preact owns this element only: a render straight into the root would remove the <style> fallback.
      mount.current = document.createElement('div');
      root.append(mount.current);
    }
    render(children, mount.current);
  });

  useEffect(
    () => () => {
      if (mount.current) render(null, mount.current);
    },
    [],
  );

  return <div ref={host} class="shadow-host" data-testid={testId} />;
}
