/**
 * The widget's look as one typed object, for hosts that theme from code rather than CSS: each variable sets one
 * `--plugboard-*` custom property. Colours are any CSS colour (`light-dark()` too); lengths are CSS lengths, or
 * pixels when a number.
 *
 * @example
 * ```ts
 * widget.appearance = { colorPrimary: '#0f766e', borderRadius: 4, fontFamily: 'Inter, sans-serif' };
 * ```
 */
export interface Appearance {
  /** Buttons, badge and focus rings. `--plugboard-color-primary` */
  colorPrimary?: string;
  /** Text on primary buttons. `--plugboard-color-primary-text` */
  colorPrimaryText?: string;
  /** The dialog's background. `--plugboard-color-background` */
  colorBackground?: string;
  /** Cards' and inputs' background. `--plugboard-color-surface` */
  colorSurface?: string;
  /** Text. `--plugboard-color-text` */
  colorText?: string;
  /** Secondary text. `--plugboard-color-muted` */
  colorMuted?: string;
  /** Borders. `--plugboard-color-border` */
  colorBorder?: string;
  /** Errors. `--plugboard-color-danger` */
  colorDanger?: string;
  /** Corner radius of cards; buttons and inputs follow it. `--plugboard-radius` */
  borderRadius?: string | number;
  /** Gaps and padding. `--plugboard-spacing` */
  spacing?: string | number;
  /** Font stack. `--plugboard-font-family` */
  fontFamily?: string;
}

/** Each appearance variable's custom property. */
export const APPEARANCE_PROPERTIES: { readonly [K in keyof Required<Appearance>]: string } = {
  colorPrimary: '--plugboard-color-primary',
  colorPrimaryText: '--plugboard-color-primary-text',
  colorBackground: '--plugboard-color-background',
  colorSurface: '--plugboard-color-surface',
  colorText: '--plugboard-color-text',
  colorMuted: '--plugboard-color-muted',
  colorBorder: '--plugboard-color-border',
  colorDanger: '--plugboard-color-danger',
  borderRadius: '--plugboard-radius',
  spacing: '--plugboard-spacing',
  fontFamily: '--plugboard-font-family',
};

/**
 * Writes an appearance onto an element's own style, where it wins over the page's stylesheets, and clears what
 * the previous one set and this one leaves unset, so a new appearance replaces the last one while custom
 * properties the page set itself stay. Setting properties through the CSSOM is allowed under a CSP without
 * `'unsafe-inline'`.
 */
export function applyAppearance(
  style: CSSStyleDeclaration,
  next: Appearance | undefined,
  previous: Appearance | undefined,
): void {
  for (const [key, property] of Object.entries(APPEARANCE_PROPERTIES)) {
    const value = next?.[key as keyof Appearance];
    if (value !== undefined && value !== '')
      style.setProperty(property, typeof value === 'number' ? `${value}px` : value);
    else if (previous?.[key as keyof Appearance] !== undefined) style.removeProperty(property);
  }
}
