import { useState } from 'preact/hooks';

/** The connector's first letter, in place of an icon. */
const monogram = (name: string) => (
  <span part="card-icon" class="icon monogram" aria-hidden="true">
    {name.trim().charAt(0).toUpperCase()}
  </span>
);

/**
 * The connector's icon, or its first letter when there is none or it does not load. A function, not a component:
 * a card without an icon (most of a long list, often) then costs the first render no component of its own.
 */
export const connectorIcon = (name: string, url: string | null) =>
  url ? <IconImage name={name} url={url} /> : monogram(name);

function IconImage({ name, url }: { name: string; url: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return monogram(name);
  // Lazy: a long list's icons below the fold wait until they scroll near, and none holds up the cards' paint.
  return (
    <img
      part="card-icon"
      class="icon"
      src={url}
      alt=""
      width={40}
      height={40}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}
