//! Outgoing email (password reset links) behind a trait, so a deployment plugs in its own
//! sender (SMTP, an email API) and tests read what was sent. The reference server only
//! logs each message: enough for the demo, where the link appears in the console.

use std::sync::Mutex;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

pub trait MailSender: Send + Sync {
    fn send(&self, mail: Mail);
}

/// Writes every message to the server's log and standard output.
pub struct ConsoleMail;

impl MailSender for ConsoleMail {
    fn send(&self, mail: Mail) {
        tracing::info!(to = %mail.to, subject = %mail.subject, "mail (console sender)");
        println!("--- mail to {} ---\nSubject: {}\n\n{}\n---", mail.to, mail.subject, mail.body);
    }
}

/// Keeps what was sent, for tests.
#[derive(Default)]
pub struct RecordedMail(Mutex<Vec<Mail>>);

impl RecordedMail {
    pub fn sent(&self) -> Vec<Mail> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl MailSender for RecordedMail {
    fn send(&self, mail: Mail) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(mail);
    }
}
