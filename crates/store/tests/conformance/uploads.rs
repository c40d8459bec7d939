//! Files kept between their preview and their import, in chunks.

use super::*;
use backbone_core::measure::upload::*;

async fn an_upload_is_kept_in_chunks_for_its_owner_only(ts: TestStore) {
    let i = initiative(&ts).await;
    let user = |name: &str| NewUser {
        username: name.into(),
        display_name: name.into(),
        password: "long enough secret".into(),
        server_admin: false,
    };
    let owner = ts.store.create_user(&staff(), &user("ana.ruiz"), "x").await.unwrap();
    let other = ts.store.create_user(&staff(), &user("ben.cho"), "x").await.unwrap();
    let u = ts.store.begin_upload(i.id, owner.id, "secret-token", "reading\u{7}-2025.csv").await.unwrap();
    assert_eq!(u.file_name, "reading-2025.csv", "control characters are dropped from the name");
    let first = vec![b'a'; CHUNK_BYTES];
    ts.store.append_upload_chunk(u.id, 0, &first).await.unwrap();
    ts.store.append_upload_chunk(u.id, 1, b"tail\n").await.unwrap();
    let found = ts.store.upload(i.id, owner.id, "secret-token").await.unwrap().unwrap();
    assert_eq!((found.id, found.bytes, found.chunks), (u.id, CHUNK_BYTES as i64 + 5, 2));
    assert_eq!(ts.store.upload_chunk(u.id, 0).await.unwrap().unwrap(), first);
    assert_eq!(ts.store.upload_chunk(u.id, 1).await.unwrap().unwrap(), b"tail\n");
    assert_eq!(ts.store.upload_chunk(u.id, 2).await.unwrap(), None);
    assert!(ts.store.upload(i.id, other.id, "secret-token").await.unwrap().is_none(), "someone else's");
    assert!(ts.store.upload(i.id, owner.id, "guessed").await.unwrap().is_none());
    let dup = ts.store.append_upload_chunk(u.id, 1, b"again").await;
    assert!(dup.is_err(), "a chunk is written once");
    ts.store.delete_upload(u.id).await.unwrap();
    assert!(ts.store.upload(i.id, owner.id, "secret-token").await.unwrap().is_none());
    assert_eq!(ts.store.upload_chunk(u.id, 0).await.unwrap(), None);
}

both_backends!(an_upload_is_kept_in_chunks_for_its_owner_only);
