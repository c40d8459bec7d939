//! The domain is pure: no threads, channels, files, sockets or async runtime. Whatever waits or
//! runs in parallel belongs to the layers above, which call into the domain on their blocking
//! pool (ARCHITECTURE.md, "Layers").

#[test]
fn the_domain_has_no_threads_channels_or_io() {
    let forbidden = ["std::thread", "mpsc", "tokio", "std::fs", "std::net", "std::process", "crossbeam", "rayon"];
    let mut found = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    for word in forbidden {
                        if code.contains(word) {
                            found.push(format!("{}:{}: {word}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "the domain must stay pure:\n{}", found.join("\n"));
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dev-dependencies]").next().unwrap();
    assert!(!dependencies.contains("tokio"), "no async runtime in the domain's dependencies");
}
