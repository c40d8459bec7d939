//! E-mail over real SMTP: a local SMTP server receives the digest a resident asked for, with a
//! one-click unsubscribe that works without signing in; nobody who did not ask gets mail.

use super::*;
use backbone_web::mail::{digest, sender::Mailer};
use chrono::{Duration, Utc};
use std::sync::Mutex;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A real SMTP server on a free local port (RFC 5321's plain dialogue, no TLS): it keeps the
/// envelope recipient and the message of each mail it accepts.
async fn smtp_server() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let got: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let g = got.clone();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let g = g.clone();
            tokio::spawn(async move {
                let (r, mut w) = socket.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 localhost ESMTP test\r\n").await.unwrap();
                let (mut rcpt, mut data, mut in_data) = (String::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            g.lock().unwrap().push((rcpt.clone(), std::mem::take(&mut data)));
                            w.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(line.strip_prefix('.').unwrap_or(&line));
                            data.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-localhost\r\n250 8BITMIME\r\n",
                        "MAIL" => b"250 ok\r\n",
                        "RCPT" => {
                            rcpt = line[8..].trim().trim_matches(|c| c == '<' || c == '>').to_string();
                            b"250 ok\r\n"
                        }
                        "DATA" => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            w.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (format!("smtp://{addr}"), got)
}

async fn a_resident_gets_the_digest_she_asked_for_and_stops_it_in_one_click(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (url, got) = smtp_server().await;
    let state = AppState::new(app.store.clone(), WebConfig::default());
    let mailer = Mailer::new(Some(&url), "Riverbend Partnership <backbone@riverbend.test>").unwrap();
    let base = "http://backbone.test";
    let now = Utc::now() + Duration::seconds(5);
    // Nobody asked: nobody is mailed.
    assert_eq!(digest::round(&state, &mailer, base, now).await.unwrap(), 0);

    // Hodan Warsame (the resident) asks for a daily digest on the feed page.
    let mut b = Browser::new();
    b.sign_in(&app.app, "resident").await;
    let feed = format!("/i/{SLUG}/feed?me=1");
    let r = b.submit(&app.app, &feed, &format!("/i/{SLUG}/feed/mail"), &[("digest", "daily")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(b.get(&app.app, &feed).await.body.contains("value=\"daily\" selected"));
    // Something happens at her table.
    let staff = app.token("director").await;
    let table =
        app.store.tables(app.initiative.id).await.unwrap().into_iter().find(|t| t.name == "Resident Table").unwrap();
    let made = json!({"organization_id": app.org_id("Riverbend Public Library").await, "title": "Keep the Eastside branch open until 8 pm on Thursdays",
        "due_on": "2027-02-01", "table_id": table.id});
    assert_eq!(
        app.api("POST", &format!("/api/v1/initiatives/{SLUG}/commitments"), Some(&staff), Some(made)).await.status,
        StatusCode::CREATED
    );

    assert_eq!(digest::round(&state, &mailer, base, now).await.unwrap(), 1);
    let (to, message) = got.lock().unwrap()[0].clone();
    let person =
        app.store.people(app.initiative.id).await.unwrap().into_iter().find(|p| p.name == "Hodan Warsame").unwrap();
    assert_eq!(to, person.email);
    assert!(
        message.contains("Hello Hodan Warsame") && message.contains("Keep the Eastside branch open until 8 pm"),
        "{message}"
    );
    assert!(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{message}");
    let start = message.find("List-Unsubscribe: <").unwrap() + "List-Unsubscribe: <".len();
    let link = &message[start..start + message[start..].find('>').unwrap()];
    assert!(link.starts_with("http://backbone.test/unsubscribe/"));
    // Not again until tomorrow.
    assert_eq!(digest::round(&state, &mailer, base, now + Duration::hours(2)).await.unwrap(), 0);

    // One click from her mail program: no sign-in, no CSRF token.
    let path = link.trim_start_matches(base);
    let r = app
        .send(Request::builder().method("POST").uri(path).body(Body::from("List-Unsubscribe=One-Click")).unwrap())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("no more digests"));
    assert_eq!(
        app.send(Request::builder().method("POST").uri("/unsubscribe/not-a-token").body(Body::empty()).unwrap())
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(digest::round(&state, &mailer, base, now + Duration::days(2)).await.unwrap(), 0);
    assert_eq!(got.lock().unwrap().len(), 1);
    let log = app.store.mail_log(app.initiative.id, 10).await.unwrap();
    assert_eq!((log.len(), log[0].status.as_str()), (1, "sent"));
    // Staff read the log, as a page and in the API; members do not (it holds addresses).
    let api = format!("/api/v1/initiatives/{SLUG}/mail-log");
    let r = app.api("GET", &api, Some(&staff), None).await;
    assert_eq!((r.status, r.json()[0]["to"].clone()), (StatusCode::OK, json!(person.email)));
    let member = app.token("member").await;
    assert_eq!(app.api("GET", &api, Some(&member), None).await.status, StatusCode::FORBIDDEN);
    let mut director = Browser::new();
    director.sign_in(&app.app, "director").await;
    let page = director.get(&app.app, &format!("/i/{SLUG}/mail")).await;
    assert!(page.body.contains(&person.email) && page.body.contains("data-status=\"sent\""), "{}", page.body);
    assert_eq!(b.get(&app.app, &format!("/i/{SLUG}/mail")).await.status, StatusCode::FORBIDDEN);

    // With no SMTP server configured the message goes to the server's log, and the mail log says so.
    let logged = Mailer::new(None, "Backbone <backbone@localhost>").unwrap();
    assert_eq!(
        logged.send("Test", "test@example.org", "Hello", "Body", "http://x/unsubscribe/t").await.unwrap(),
        "logged"
    );
}

/// A digest is written in the language of the page it was asked for on.
async fn a_member_who_reads_in_spanish_gets_her_digest_in_spanish(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (url, got) = smtp_server().await;
    let state = AppState::new(app.store.clone(), WebConfig::default());
    let mailer = Mailer::new(Some(&url), "Riverbend Partnership <backbone@riverbend.test>").unwrap();
    let now = Utc::now() + Duration::seconds(5);
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await; // Aaliyah Brooks, at the reading group
    b.get(&app.app, "/language?to=es&back=/").await;
    let feed = format!("/i/{SLUG}/feed?me=1");
    let r = b.submit(&app.app, &feed, &format!("/i/{SLUG}/feed/mail"), &[("digest", "weekly")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let staff = app.token("director").await;
    let table = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let made = json!({"organization_id": app.org_id("Riverbend Reads").await, "title": "Recruit Saturday tutors",
        "due_on": "2027-02-01", "table_id": table.id});
    app.api("POST", &format!("/api/v1/initiatives/{SLUG}/commitments"), Some(&staff), Some(made)).await;
    assert_eq!(digest::round(&state, &mailer, "http://backbone.test", now).await.unwrap(), 1);
    let (_, message) = got.lock().unwrap()[0].clone();
    assert!(message.contains("Hola, Aaliyah Brooks") && message.contains("Recruit Saturday tutors"), "{message}");
    let log = app.store.mail_log(app.initiative.id, 10).await.unwrap();
    assert!(log[0].subject.contains("para usted"), "{}", log[0].subject);
}

both_backends!(
    a_resident_gets_the_digest_she_asked_for_and_stops_it_in_one_click,
    a_member_who_reads_in_spanish_gets_her_digest_in_spanish
);
