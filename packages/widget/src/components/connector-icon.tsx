import { useState } from 'preact/hooks';

/** The connector's icon, or its first letter when there is none or it does not load. */
export function ConnectorIcon({ name, url }: { name: string; url: string | null }) {
  const [failed, setFailed] = useState(false);
  if (!url || failed) {
    return (
      <span part="card-icon" class="icon monogram" aria-hidden="true">
        {name.trim().charAt(0).toUpperCase()}
      </span>
    );
  }
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
