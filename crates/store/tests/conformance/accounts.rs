//! Accounts, sessions, API tokens and sign-in attempts.

use super::*;

async fn accounts_sessions_and_tokens(ts: TestStore) {
    let i = initiative(&ts).await;
    let u = ts
        .store
        .create_user(
            &staff(),
            &NewUser {
                username: "maria.lopez".into(),
                display_name: "Maria Lopez".into(),
                password: "long enough secret".into(),
                server_admin: false,
            },
            "$argon2id$hash",
        )
        .await
        .unwrap();
    let dup = ts
        .store
        .create_user(
            &staff(),
            &NewUser {
                username: "Maria.Lopez".into(),
                display_name: "Other".into(),
                password: "long enough secret".into(),
                server_admin: false,
            },
            "x",
        )
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict { ref field, .. }) if field == "username"), "{dup:?}");
    let c = ts.store.credentials("MARIA.LOPEZ").await.unwrap().unwrap();
    assert_eq!(c.password_hash, "$argon2id$hash");
    assert_eq!(c.user.id, u.id);

    let now = Utc::now();
    ts.store.create_session("session-hash", u.id, now + Duration::hours(8)).await.unwrap();
    assert_eq!(ts.store.session_user("session-hash", now).await.unwrap().unwrap().id, u.id);
    assert!(ts.store.session_user("session-hash", now + Duration::hours(9)).await.unwrap().is_none(), "expired");
    ts.store.set_password(&staff(), u.id, "$argon2id$new").await.unwrap();
    assert!(ts.store.session_user("session-hash", now).await.unwrap().is_none(), "a new password ends sessions");

    let t = ts.store.create_api_token(&staff(), u.id, "Data upload script", "bbk_abcd", "token-hash").await.unwrap();
    assert_eq!(ts.store.api_token_user("token-hash", now).await.unwrap().unwrap().id, u.id);
    assert!(ts.store.api_tokens(u.id).await.unwrap()[0].last_used_at.is_some());
    ts.store.revoke_api_token(&staff(), u.id, t.id).await.unwrap();
    assert!(ts.store.api_token_user("token-hash", now).await.unwrap().is_none());
    // A new password ends every API token too: whoever knew the old one may have made them.
    ts.store.create_api_token(&staff(), u.id, "Nightly export", "bbk_efgh", "token-hash-2").await.unwrap();
    assert!(ts.store.api_token_user("token-hash-2", now).await.unwrap().is_some());
    ts.store.set_password(&staff(), u.id, "$argon2id$newer").await.unwrap();
    assert!(ts.store.api_token_user("token-hash-2", now).await.unwrap().is_none(), "a new password ends tokens");

    let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
    ts.store
        .grant_role(
            &staff(),
            i.id,
            &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) },
        )
        .await
        .unwrap();
    let again = ts
        .store
        .grant_role(
            &staff(),
            i.id,
            &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) },
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })));
    assert_eq!(
        ts.store.grants_for_user(u.id).await.unwrap(),
        vec![RoleGrant { user_id: u.id, initiative_id: i.id, role: Role::DataSteward, organization_id: Some(o.id) }]
    );
    ts.store
        .revoke_role(
            &staff(),
            i.id,
            &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) },
        )
        .await
        .unwrap();
    assert!(ts.store.grants_for_user(u.id).await.unwrap().is_empty());

    ts.store.create_session("s2", u.id, now + Duration::hours(8)).await.unwrap();
    ts.store.set_user_disabled(&staff(), u.id, true).await.unwrap();
    assert!(ts.store.session_user("s2", now).await.unwrap().is_none(), "a disabled user has no session");
}

async fn sign_in_attempts_are_counted_per_account_per_client_and_per_pair(ts: TestStore) {
    let now = Utc::now();
    let earlier = now - Duration::minutes(5);
    ts.store.record_login_attempt("maria.lopez", "10.0.0.7", true, earlier - Duration::hours(1)).await.unwrap();
    for _ in 0..3 {
        ts.store.record_login_attempt("Maria.Lopez", "10.0.0.7", false, earlier).await.unwrap();
    }
    ts.store.record_login_attempt("someone", "10.0.0.7", false, earlier).await.unwrap();
    ts.store.record_login_attempt("maria.lopez", "10.0.0.8", false, earlier).await.unwrap();
    let h = ts.store.sign_in_history("maria.lopez", "10.0.0.7", now).await.unwrap();
    assert_eq!((h.pair_failures, h.client_failures, h.account_failures), (3, 4, 4));
    assert_eq!(h.pair_last_failure.map(|t| t.timestamp()), Some(earlier.timestamp()));
    assert!(h.known_client, "10.0.0.7 signed in as maria.lopez an hour before");
    // A success ends the pair's run of failures; the client's and account's counts stay.
    ts.store.record_login_attempt("maria.lopez", "10.0.0.7", true, now).await.unwrap();
    let h = ts.store.sign_in_history("maria.lopez", "10.0.0.7", now + Duration::seconds(1)).await.unwrap();
    assert_eq!((h.pair_failures, h.client_failures, h.account_failures), (0, 4, 4));
    let stranger = ts.store.sign_in_history("maria.lopez", "10.0.0.9", now).await.unwrap();
    assert_eq!((stranger.pair_failures, stranger.client_failures), (0, 0));
    assert!(!stranger.known_client);
}

both_backends!(accounts_sessions_and_tokens, sign_in_attempts_are_counted_per_account_per_client_and_per_pair);

async fn a_person_signs_in_with_one_account(ts: TestStore) {
    let i = initiative(&ts).await;
    let u = ts
        .store
        .create_user(
            &staff(),
            &NewUser {
                username: "hodan".into(),
                display_name: "Hodan Warsame".into(),
                password: "long enough secret".into(),
                server_admin: false,
            },
            "x",
        )
        .await
        .unwrap();
    let person = |name: &str| PersonInput {
        name: name.into(),
        email: String::new(),
        phone: String::new(),
        organization_id: None,
        title: String::new(),
        demographics: None,
    };
    let hodan = ts.store.create_person(&staff(), i.id, &person("Hodan Warsame")).await.unwrap();
    let other = ts.store.create_person(&staff(), i.id, &person("Someone Else")).await.unwrap();
    assert_eq!(ts.store.person_of_user(i.id, u.id).await.unwrap(), None);
    let linked = ts.store.set_person_account(&staff(), i.id, hodan.id, Some(u.id)).await.unwrap();
    assert_eq!(linked.user_id, Some(u.id));
    assert_eq!(ts.store.person_of_user(i.id, u.id).await.unwrap().map(|p| p.id), Some(hodan.id));
    let twice = ts.store.set_person_account(&staff(), i.id, other.id, Some(u.id)).await;
    assert!(matches!(&twice, Err(StoreError::Conflict { field, .. }) if field == "user_id"), "{twice:?}");
    let nobody = ts.store.set_person_account(&staff(), i.id, other.id, Some(999_999)).await;
    assert!(matches!(nobody, Err(StoreError::Invalid(_))));
    ts.store.set_person_account(&staff(), i.id, hodan.id, None).await.unwrap();
    assert_eq!(ts.store.person_of_user(i.id, u.id).await.unwrap(), None);
}

both_backends!(a_person_signs_in_with_one_account);
