// A webhook receiver outside the platform, as an integrator runs one: it keeps what it got.
import { createServer } from 'node:http';

export async function startReceiver(host) {
  const received = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${server.address().port}/upgrades`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
