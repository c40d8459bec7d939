//! How far a long command has come, on standard error: one line rewritten in place on a
//! terminal, a new line every few seconds otherwise (a log, CI).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Draws `line(time taken)` until it answers `None` (the operation is done), then clears it.
pub async fn print(mut line: impl FnMut(Duration) -> Option<String>) {
    let terminal = std::io::stderr().is_terminal();
    // A log gets a line every few seconds; a terminal's line moves five times a second.
    let every = if terminal { Duration::ZERO } else { Duration::from_secs(5) };
    let start = Instant::now();
    let mut last = Instant::now();
    let mut drawn = false;
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let Some(text) = line(start.elapsed()) else { break };
        if last.elapsed() < every {
            continue;
        }
        last = Instant::now();
        let mut err = std::io::stderr().lock();
        if terminal {
            let _ = write!(err, "\r\x1b[2K{text}");
            drawn = true;
        } else {
            let _ = writeln!(err, "{text}");
        }
    }
    if drawn {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
}
