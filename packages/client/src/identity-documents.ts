export interface UploadedDocument {
  id: string;
  mimeType: string;
  sizeBytes: number;
}

/**
 * `POST /identity/documents` (multipart, field `file`): the one REST call of the journey. `apiUrl`
 * is the API's base URL (http://localhost:3000); the answer's id goes into `submitIdentityVerification`.
 */
export async function uploadIdentityDocument(apiUrl: string, accessToken: string, file: Blob, filename: string): Promise<UploadedDocument> {
  const form = new FormData();
  form.append('file', file, filename);
  const response = await fetch(new URL('/identity/documents', apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as UploadedDocument;
}
