import { authHeaders } from './http';
import { ApiError, networkError } from './problem';

/**
 * Posts a multipart form and reports the bytes sent; fetch cannot report upload progress, so this
 * is the one call made with XMLHttpRequest.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: any = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
      } else if (body && typeof body.code === 'string') {
        reject(new ApiError(xhr.status, body.code, body.title, body.detail, body.errors ?? []));
      } else {
        reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, xhr.statusText));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
