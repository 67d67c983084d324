/** An identity document shown inline: fetched with the moderator's token, shown from a blob: URL (the CSP of /desk allows those). */
import { useEffect, useRef, useState } from 'react';
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
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => (url ? keepFocusFrom(frame.current) : undefined), [url]);
  if (error) return <ErrorMessage error={error} />;
  if (!url) return <p className="document loading">…</p>;
  // A frame, not an <object>: Chromium's PDF viewer in an object takes the keyboard focus (and the shortcuts with it).
  return document.mimeType === 'application/pdf' ? (
    <iframe ref={frame} className="document" src={url} title={label} />
  ) : (
    <img className="document" src={url} alt={label} />
  );
}

/**
 * Chromium's PDF viewer takes the keyboard focus when it opens, and the case's shortcuts with it:
 * unless the moderator's pointer is over the frame (they clicked into it), the focus goes back to
 * where it was, or to the case's heading.
 */
function keepFocusFrom(frame: HTMLIFrameElement | null): (() => void) | undefined {
  if (!frame) return undefined;
  let hovered = false;
  let lastFocused: HTMLElement | null = null;
  const onFocusIn = (event: FocusEvent) => {
    if (event.target instanceof HTMLElement && event.target !== frame) lastFocused = event.target;
  };
  const onBlur = () =>
    setTimeout(() => {
      if (document.activeElement !== frame || hovered) return;
      const back = lastFocused?.isConnected ? lastFocused : frame.closest('article')?.querySelector<HTMLElement>('h2[tabindex]');
      back?.focus();
    }, 0);
  const onEnter = () => (hovered = true);
  const onLeave = () => (hovered = false);
  document.addEventListener('focusin', onFocusIn);
  window.addEventListener('blur', onBlur);
  frame.addEventListener('mouseenter', onEnter);
  frame.addEventListener('mouseleave', onLeave);
  return () => {
    document.removeEventListener('focusin', onFocusIn);
    window.removeEventListener('blur', onBlur);
    frame.removeEventListener('mouseenter', onEnter);
    frame.removeEventListener('mouseleave', onLeave);
  };
}
