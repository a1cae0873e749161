// Sends telemetry to a running Consentinel through one real, unmodified SDK, the way an app would,
// via a small proxy that answers the SDK's first request with 503 after forwarding it, so the SDK
// retries exactly what it sent. Prints one JSON document to stdout: every request the proxy saw and
// Consentinel's answer to each. SdkClientTests (JUnit) runs this and checks the service's records.
//
//   node send.mjs <segment|rudderstack|otel|otel-proto>   with CONSENTINEL (base URL), KEY and SUBJECT in the environment
import http from 'node:http';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';

const [sdk] = process.argv.slice(2);
const { CONSENTINEL, KEY, SUBJECT } = process.env;
if (!sdk || !CONSENTINEL || !KEY || !SUBJECT) {
  console.error('usage: CONSENTINEL=http://host:port KEY=<app key> SUBJECT=<id> node send.mjs <segment|rudderstack|otel|otel-proto>');
  process.exit(2);
}

const IMEI = '356938035643809';
const AD_ID = 'ad-id-9f3b';
const URL_FULL = 'https://news.example/story?id=7&email=alice@example.com';
const requests = [];

function messageIds(path, contentEncoding, raw) {
  if (!path.startsWith('/compat/')) return [];
  const text = (contentEncoding === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const body = JSON.parse(text);
  if (Array.isArray(body.batch)) return body.batch.map((m) => m.messageId);
  return [];
}

const proxy = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const headers = { ...req.headers };
    // Hop-by-hop headers belong to the SDK's connection to the proxy, not to the proxy's to Consentinel.
    for (const hop of ['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']) delete headers[hop];
    const upstream = await fetch(CONSENTINEL + req.url, { method: req.method, headers, body: raw });
    const answer = (upstream.headers.get('content-type') ?? '').includes('json')
      ? await upstream.text()
      : Buffer.from(await upstream.arrayBuffer());
    const first = requests.length === 0;
    requests.push({
      path: req.url,
      contentType: req.headers['content-type'] ?? null,
      contentEncoding: req.headers['content-encoding'] ?? null,
      authorization: (req.headers.authorization ?? '').split(' ')[0],
      messageIds: messageIds(req.url, req.headers['content-encoding'], raw),
      status: upstream.status,
      answer: (upstream.headers.get('content-type') ?? '').includes('json') ? JSON.parse(answer || 'null') : answer.length,
      answerType: upstream.headers.get('content-type'),
      answeredSdk: first ? 503 : upstream.status,
    });
    if (first) {
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '0' });
      res.end('try again');
    } else {
      res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(answer);
    }
  });
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${proxy.address().port}`;

const device = { id: IMEI, advertisingId: AD_ID, model: 'Pixel 9' };

if (sdk === 'segment') {
  const { Analytics } = await import('@segment/analytics-node');
  // The two lines an app changes: where to send, and its Consentinel app key as the write key.
  const analytics = new Analytics({ writeKey: KEY, host: base, path: '/compat/segment/v1/batch', flushAt: 3, maxRetries: 3 });
  analytics.on('error', (e) => console.error('segment error', e?.code ?? e));
  analytics.track({
    userId: SUBJECT, event: 'Song Played',
    properties: { song: 'Tum Hi Ho', url: URL_FULL, durationMs: 262000 },
    context: { ip: '203.0.113.7', device, consent: { categoryPreferences: { Advertising: false, Analytics: true } } },
  });
  analytics.page({ userId: SUBJECT, name: 'Story', properties: { url: URL_FULL }, context: { ip: '203.0.113.7', device } });
  analytics.identify({ userId: SUBJECT, traits: { plan: 'premium', email: 'alice@example.com' } });
  await analytics.closeAndFlush({ timeout: 20000 });
} else if (sdk === 'rudderstack') {
  const { default: Analytics } = await import('@rudderstack/rudder-sdk-node');
  // The two lines an app changes: the data plane URL, and its Consentinel app key as the write key.
  const client = new Analytics(KEY, { dataPlaneUrl: `${base}/compat/segment`, flushAt: 3, flushInterval: 200, retryCount: 3 });
  const sent = (m) => new Promise((resolve) => client.track(m, () => resolve()));
  const done = Promise.all([
    sent({ userId: SUBJECT, event: 'Song Played', properties: { song: 'Kesariya', url: URL_FULL, durationMs: 1000 },
      context: { ip: '203.0.113.7', device, consentManagement: { deniedConsentIds: ['C0004'] } } }),
    sent({ userId: SUBJECT, event: 'Song Played', properties: { song: 'Kesariya', durationMs: 2000 }, context: { device } }),
    sent({ userId: SUBJECT, event: 'Song Played', properties: { durationMs: 3000 }, context: { ip: '203.0.113.7' } }),
  ]);
  await done;
  await client.flush();
} else if (sdk === 'otel' || sdk === 'otel-proto') {
  const { LoggerProvider, BatchLogRecordProcessor } = await import('@opentelemetry/sdk-logs');
  const { OTLPLogExporter } = await import(sdk === 'otel'
    ? '@opentelemetry/exporter-logs-otlp-http' : '@opentelemetry/exporter-logs-otlp-proto');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  // The lines an app changes: the logs endpoint, and its Consentinel app key as a bearer header.
  const exporter = new OTLPLogExporter({ url: `${base}/otlp/v1/logs`, headers: { Authorization: `Bearer ${KEY}` }, compression: 'gzip' });
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'player', 'user.id': SUBJECT, 'device.id': IMEI }),
    processors: [new BatchLogRecordProcessor(exporter)],
  });
  const logger = provider.getLogger('consentinel-sdk-test');
  for (const song of ['Tum Hi Ho', 'Kesariya']) {
    logger.emit({
      eventName: 'song.played', body: 'played',
      attributes: { 'log.record.uid': randomUUID(), 'song.title': song, 'client.address': '203.0.113.7', 'url.full': URL_FULL },
    });
  }
  await provider.shutdown();
} else {
  console.error('unknown sdk ' + sdk);
  process.exit(2);
}

proxy.close();
process.stdout.write(JSON.stringify({ sdk, requests }) + '\n');
