// Sending e-mail (notifications, digests) through SMTP with nodemailer.
// Only a configured SMTP_URL sends anything; without it the inbox is the only channel.
// nodemailer is loaded with the first message sent (decision 024), never by a process that sends none.
import type { Transporter } from "nodemailer";

import { getEnv } from "~/utils/env.server";
import { loadOnce } from "~/utils/load-once.server";

const loadNodemailer = loadOnce(() => import("nodemailer"));

export type MailMessage = { to: string; subject: string; text: string };
export type Mailer = { send: (message: MailMessage) => Promise<void>; close: () => void };

/** A mailer for an SMTP URL (smtp://, smtps://; `?ignoreTLS=true` etc. are nodemailer's URL options). */
export function createMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Transporter> | undefined;
  let opened: Transporter | undefined;
  return {
    send: async (m) => {
      transport ??= loadNodemailer().then((nodemailer) => (opened = nodemailer.default.createTransport(smtpUrl)));
      await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => opened?.close(),
  };
}

let shared: Mailer | null | undefined;

/** The process's mailer, or null when SMTP_URL is not set. */
export function mailerFromEnv(): Mailer | null {
  if (shared === undefined) {
    const env = getEnv();
    shared = env.SMTP_URL ? createMailer(env.SMTP_URL, env.MAIL_FROM ?? "上海母婴室 <no-reply@localhost>") : null;
  }
  return shared;
}

export function appUrlFromEnv(): string {
  const env = getEnv();
  return (env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
