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
  return <img part="card-icon" class="icon" src={url} alt="" width={40} height={40} onError={() => setFailed(true)} />;
}
