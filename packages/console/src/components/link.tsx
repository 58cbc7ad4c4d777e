import type { ComponentChildren, JSX } from 'preact';
import { hrefOf, navigate } from '../state/router.js';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ComponentChildren };

/** A link inside the console: a real `href`, followed with the History API unless a modifier key asks for a new tab. */
export function Link({ to, children, ...rest }: Props) {
  return (
    <a
      {...rest}
      href={hrefOf(to)}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
