//! The real binary, started as a user would: `kulturportal serve --demo`.

use crate::support::fresh_url;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

#[tokio::test]
async fn serve_demo_answers_like_a_portal() {
    let (url, _dir) = fresh_url().await;
    let folders = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(18_181);
    let child = Command::new(env!("CARGO_BIN_EXE_kulturportal"))
        .args([
            "serve",
            "--demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &url,
        ])
        .arg("--index-dir")
        .arg(folders.path().join("index"))
        .arg("--media-dir")
        .arg(folders.path().join("media"))
        .arg("--mail-dir")
        .arg(folders.path().join("mails"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start: {e}"));
    let _server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut home = None;
    while Instant::now() < deadline {
        if let Some(r) = http_get(port, "/") {
            home = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let home = home.unwrap_or_else(|| panic!("the server did not answer within two minutes"));
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("Was ist los in Bochum?"));
    let list = http_get(port, "/veranstaltungen?sparte=theater").unwrap_or_default();
    assert!(list.starts_with("HTTP/1.1 200"));
    assert!(
        list.contains("class=\"event-title\""),
        "the demo has theatre"
    );
    let api = http_get(port, "/api/v1/events?limit=1").unwrap_or_default();
    assert!(api.contains("\"next_cursor\""));
}

#[tokio::test]
async fn import_ical_reports_every_record_on_the_command_line() {
    let (url, _dir) = crate::support::fresh_url().await;
    let db = kulturportal::db::Db::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    db.prepare().await.unwrap_or_else(|e| panic!("{e}"));
    kulturportal::db::seed::insert_organizations(
        &db,
        vec![kulturportal::db::seed::NewOrganization {
            slug: "jazzkeller".into(),
            name: "Jazzkeller".into(),
            kind: "collective".into(),
            description: String::new(),
            website: String::new(),
            district: None,
            verified: true,
            category_ids: Vec::new(),
        }],
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    db.close().await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kulturportal"))
        .args([
            "import",
            "ical",
            "tests/fixtures/jazzkeller.ics",
            "--org",
            "jazzkeller",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("neu         konzert-1@jazzkeller.example  „Trio Nord, live“"),
        "{stdout}"
    );
    assert!(
        stdout.contains("FEHLER      Eintrag 6 (kaputt-6@jazzkeller.example): DTSTART fehlt"),
        "{stdout}"
    );
    assert!(
        stdout.contains("6 neu, 0 aktualisiert, 3 Hinweise zu einzelnen Terminen, 1 mit Fehlern."),
        "{stdout}"
    );
    // A long table shows its progress while it runs (on stderr, every hundred rows).
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let table = dir.path().join("programm.csv");
    let mut rows = String::from("titel;datum;beginn;sparten;adresse\n");
    for n in 0..250 {
        rows.push_str(&format!(
            "Lesung {n};{:02}.01.2027;19:30;Literatur;Café Zeitlos\n",
            n % 28 + 1
        ));
    }
    std::fs::write(&table, rows).unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kulturportal"))
        .args(["import", "csv"])
        .arg(&table)
        .args(["--org", "jazzkeller", "--database-url", &url])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("250 neu, 0 aktualisiert, 0 mit Fehlern."),
        "{stdout}"
    );
    assert!(stderr.contains("Import: Zeile 200"), "{stderr}");
}
