/**
 * `npm run bench -- email`: email throughput through Kizuna's whole path (outbox -> dispatcher ->
 * send-email queue -> template rendering -> nodemailer pooled SMTP -> status and response rows)
 * to a local SMTP server, against nodemailer sending the same rendered messages straight to the
 * same server with the same pool, in the same run. Target: ratio >= 0.7.
 */
import { composeEmail, signLink, type EmailTemplate } from '@kizuna/channels';
import { createPgPool } from '@kizuna/db';
import nodemailer from 'nodemailer';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ChannelSettingsService } from '../../apps/engine/src/channels/channel-settings.service';
import { TemplateService } from '../../apps/engine/src/channels/template.service';
import { DispatchOutboxUseCase } from '../../apps/engine/src/channels/use-cases/dispatch-outbox.use-case';
import { reportBench, seconds } from './support/bench-report';
import { demoDatabase } from './support/demo-database';
import { createEngineContext } from './support/engine-context';

const MESSAGES = Number(process.env.KIZUNA_BENCH_EMAILS ?? 10_000);
const POOL_SIZE = 5;
const REDIS_URL = process.env.KIZUNA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';

const template: EmailTemplate = {
  channel: 'email',
  subject: '{{ customer.fullName }} 様、冬のうるおいケアのご案内',
  html:
    '<p>{{ customer.fullName }} 様</p><p>いつも絆コスメをご利用いただきありがとうございます。乾燥が気になる季節に、' +
    'うるおいラインの新作ローションをご用意しました。</p><p>クーポン: {{ coupon.code }}</p>' +
    '<p><a href="https://shop.example/uruoi/lotion">詳しくはこちら</a></p>',
  couponPrefix: 'WINTER',
  fallbacks: { 'customer.fullName': 'お客' },
};
const sender = {
  fromAddress: 'news@kizuna-cosme.example',
  senderName: '絆コスメ',
  postalAddress: '東京都渋谷区神南1-2-3',
  poolSize: POOL_SIZE,
};

/** The SMTP server in a child process (a local MTA is not part of the sender's process). */
async function countingServer(): Promise<{
  port: number;
  received: () => Promise<number>;
  close: () => Promise<void>;
}> {
  const child = fork(path.join(__dirname, 'support/counting-smtp-server.ts'), [], {
    execArgv: ['-r', path.join(__dirname, '../../tools/register-typescript.cjs')],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', () => reject(new Error('the SMTP server exited')));
  });
  return {
    port,
    received: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message) => resolve((message as { received: number }).received));
        child.send('count');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

async function main(): Promise<void> {
  const { url, workspaceId } = await demoDatabase(100_000);
  const pool = createPgPool(url, { max: 2 });
  const smtp = await countingServer();
  const { rows: customers } = await pool.query<{
    id: number;
    email: string;
    familyName: string | null;
    givenName: string | null;
  }>(
    `SELECT c.id, i.value AS email, c.family_name AS "familyName", c.given_name AS "givenName"
     FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'email'
     WHERE c.workspace_id = $1 AND (SELECT status FROM consent k WHERE k.workspace_id = $1 AND k.customer_id = c.id AND k.channel = 'email'
       ORDER BY recorded_at DESC, id DESC LIMIT 1) = 'granted'
     ORDER BY c.id LIMIT $2`,
    [workspaceId, MESSAGES],
  );
  if (customers.length < MESSAGES) throw new Error(`only ${customers.length} customers with email consent`);

  // Baseline: nodemailer, pooled, the same rendered messages (rendering is not timed).
  const baselineTransport = nodemailer.createTransport({
    pool: true,
    maxConnections: POOL_SIZE,
    host: '127.0.0.1',
    port: smtp.port,
    ignoreTLS: true,
  });
  // Links as the engine signs them (same lengths, so the same bytes go over the wire).
  const linkKey = randomBytes(32);
  const signed = (kind: 'u' | 'o' | 'c', purpose: 'unsubscribe' | 'open' | 'click', id: number, url?: string) =>
    `http://localhost:3000/t/${kind}/${signLink({ purpose, workspaceId, messageId: String(id), ...(url ? { url } : {}) }, linkKey)}`;
  const links = (id: number) => ({
    unsubscribeUrl: signed('u', 'unsubscribe', id),
    openPixelUrl: signed('o', 'open', id),
    clickUrl: (destination: string) => signed('c', 'click', id, destination),
  });
  const rendered = customers.map((c) => ({
    to: c.email,
    email: composeEmail(
      template,
      {
        customer: { fullName: [c.familyName, c.givenName].filter(Boolean).join(' ') },
        coupon: { code: `WINTER-${c.id}` },
      },
      sender,
      links(c.id),
    ),
  }));
  const baselineStarted = process.hrtime.bigint();
  if (!process.env.KIZUNA_BENCH_SKIP_BASELINE)
    await Promise.all(
      rendered.map(({ to, email }) =>
        baselineTransport.sendMail({
          from: email.from,
          to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
        }),
      ),
    );
  const baselineSeconds = seconds(baselineStarted);
  baselineTransport.close();
  const baseline = MESSAGES / baselineSeconds;
  console.log(
    `nodemailer direct (pool of ${POOL_SIZE}): ${MESSAGES.toLocaleString()} in ${baselineSeconds.toFixed(2)} s = ${Math.round(baseline).toLocaleString()} messages/s`,
  );

  const context = await createEngineContext(url, { REDIS_URL, KIZUNA_ROLE: 'worker', KIZUNA_DB_POOL_SIZE: '12' });
  try {
    await context.get(ChannelSettingsService).put(workspaceId, 'email', {
      public: sender,
      secret: { smtpUrl: `smtp://127.0.0.1:${smtp.port}?tls=off` },
    });
    await context.get(TemplateService).put(workspaceId, 'email', 'bench-winter', { content: template });
    const key = `bench-email-${Date.now()}`;
    const before = await smtp.received();
    const started = process.hrtime.bigint();
    await pool.query(
      `INSERT INTO message (workspace_id, customer_id, channel, template_id, idempotency_key, status, next_attempt_at, created_at)
       SELECT $1, id, 'email', 'bench-winter', $3 || ':' || id, 'queued', now(), now() FROM unnest($2::integer[]) AS id`,
      [workspaceId, customers.map((c) => c.id), key],
    );
    const inserted = seconds(started);
    await context.get(DispatchOutboxUseCase).execute();
    console.log(
      `outbox rows written in ${inserted.toFixed(2)} s, dispatched to the send queue after ${seconds(started).toFixed(2)} s`,
    );
    for (;;) {
      const { rows } = await pool.query<{ pending: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE status IN ('queued', 'sending'))::integer AS pending,
                count(*) FILTER (WHERE status IN ('failed', 'bounced'))::integer AS failed
         FROM message WHERE workspace_id = $1 AND idempotency_key LIKE $2`,
        [workspaceId, `${key}:%`],
      );
      if (rows[0]!.pending === 0) {
        if (rows[0]!.failed) throw new Error(`${rows[0]!.failed} messages failed`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const kizunaSeconds = seconds(started);
    const value = MESSAGES / kizunaSeconds;
    console.log(
      `Kizuna outbox -> queue -> nodemailer: ${MESSAGES.toLocaleString()} in ${kizunaSeconds.toFixed(2)} s = ${Math.round(value).toLocaleString()} messages/s ` +
        `(${(await smtp.received()) - before} received; rendering, status and response rows included)`,
    );
    await pool.query(
      `DELETE FROM response WHERE message_id IN (SELECT id FROM message WHERE workspace_id = $1 AND idempotency_key LIKE $2)`,
      [workspaceId, `${key}:%`],
    );
    await pool.query(`DELETE FROM message WHERE workspace_id = $1 AND idempotency_key LIKE $2`, [
      workspaceId,
      `${key}:%`,
    ]);
    reportBench({ name: 'email', value, unit: 'messages/s', baseline, better: 'higher' });
  } finally {
    await context.close();
    await pool.end();
    await smtp.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
