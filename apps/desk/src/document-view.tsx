/** An identity document shown inline: fetched with the moderator's token, shown from a blob: URL (the CSP of /desk allows those). */
import { useEffect, useState } from 'react';
import { ErrorMessage, asDeskError, useDesk } from './desk';
import type { DeskError } from './graphql-client';

export interface IdentityDocument {
  id: string;
  mimeType: string;
  downloadPath: string;
}

export function DocumentView({ document, label }: { document: IdentityDocument; label: string }) {
  const { client } = useDesk();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let current = true;
    client.download(document.downloadPath).then(
      (blob) => {
        if (!current) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (caught: unknown) => current && setError(asDeskError(caught)),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [client, document.downloadPath]);
  if (error) return <ErrorMessage error={error} />;
  if (!url) return <p className="document loading">…</p>;
  return document.mimeType === 'application/pdf' ? (
    <object className="document" data={url} type="application/pdf" aria-label={label}>
      <a href={url} download={`${document.id}.pdf`}>
        {label} (PDF)
      </a>
    </object>
  ) : (
    <img className="document" src={url} alt={label} />
  );
}
