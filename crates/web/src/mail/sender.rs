//! Sending one message: through SMTP (lettre; `smtp://host:port` with STARTTLS when the server
//! offers it, `smtps://` for TLS from the start, user and password in the address), or, with no
//! SMTP server configured, to the server's log — nothing is lost silently either way: the mail
//! log says which.

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Log { from: Mailbox },
}

/// How a message went: `sent` or `logged`.
pub type Sent = &'static str;

impl Mailer {
    /// The mailer for a configuration: SMTP when an address is given, else the log.
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("mail_from {from:?}: {e}"))?;
        match smtp_url.filter(|u| !u.is_empty()) {
            None => Ok(Mailer::Log { from }),
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("smtp_url: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
        }
    }

    /// Sends a plain-text message with a one-click unsubscribe address (RFC 8058).
    pub async fn send(
        &self,
        to_name: &str,
        to: &str,
        subject: &str,
        text: &str,
        unsubscribe: &str,
    ) -> Result<Sent, String> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Log { from } => from.clone(),
        };
        let to_box =
            Mailbox::new(Some(to_name.to_string()), to.parse().map_err(|e| format!("the address {to:?}: {e}"))?);
        let message = Message::builder()
            .from(from)
            .to(to_box)
            .subject(subject)
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{unsubscribe}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ))
            .body(text.to_string())
            .map_err(|e| format!("building the message: {e}"))?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await.map_err(|e| format!("the SMTP server refused it: {e}"))?;
                Ok("sent")
            }
            Mailer::Log { .. } => {
                tracing::info!(to, subject, "no SMTP server configured; the message is written here instead:\n{text}");
                Ok("logged")
            }
        }
    }
}
