// The few calls the scenarios make through the REST API, as an integrator would: what the console
// has no screen for (a transfer's intake, a viewer key), and reads to wait on.
const BASE = process.env.UPGRADEHUB_URL ?? 'http://localhost:8080';
const KEY = process.env.UPGRADEHUB_KEY;

export const platform = { url: BASE, key: KEY };

export async function call(method, path, body, key = KEY) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Polls `read` until `done` holds for its answer, at most `seconds`. */
export async function eventually(read, done, seconds = 120, what = 'condition') {
  const until = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${what} not reached within ${seconds} s; last: ${JSON.stringify(last)}`);
}
