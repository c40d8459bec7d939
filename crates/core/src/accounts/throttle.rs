//! Sign-in throttling that no stranger can turn against someone else: failures slow down only
//! the client that made them, with delays that grow (1 s, 2 s, 4 s …, at most 15 minutes) and end
//! with a successful sign-in. Nothing ever locks an account.
//!
//! Three counts, each with its own free allowance before delays begin:
//! - this client on this account, since that pair last signed in (guessing one password);
//! - this client on any account, in the last 15 minutes (one address trying many accounts);
//! - any client on this account, in the last 15 minutes, applied only to clients that have not
//!   signed in to it before (many addresses guessing one password). The account's owner, on a
//!   device that has signed in before, is never slowed by what others do.

use chrono::{DateTime, Duration, Utc};

/// What the store knows of recent sign-in attempts, for one account and one client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInHistory {
    /// Failures of this client on this account since their last success (within a day).
    pub pair_failures: i64,
    pub pair_last_failure: Option<DateTime<Utc>>,
    /// Failures of this client on any account in the last `WINDOW_MINUTES`.
    pub client_failures: i64,
    pub client_last_failure: Option<DateTime<Utc>>,
    /// Failures on this account from any client in the last `WINDOW_MINUTES`.
    pub account_failures: i64,
    pub account_last_failure: Option<DateTime<Utc>>,
    /// This client signed in to this account successfully in the last `KNOWN_CLIENT_DAYS`.
    pub known_client: bool,
}

/// How far back failures of a client or an account count.
pub const WINDOW_MINUTES: i64 = 15;
/// How long a successful sign-in makes a client known to an account.
pub const KNOWN_CLIENT_DAYS: i64 = 30;
/// How far back failures of one client on one account count (a success ends them sooner).
pub const PAIR_WINDOW_HOURS: i64 = 24;

const FREE_PAIR: i64 = 3;
const FREE_CLIENT: i64 = 20;
const FREE_ACCOUNT: i64 = 50;
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// 0 for the first `free` failures, then 1 s, 2 s, 4 s … up to 15 minutes.
fn delay(failures: i64, free: i64) -> i64 {
    if failures < free {
        0
    } else {
        let doublings = (failures - free).min(20) as u32;
        (1i64 << doublings).min(MAX_WAIT_SECONDS)
    }
}

/// How long this client must still wait before trying again, or `None` to go ahead.
pub fn wait(h: &SignInHistory, now: DateTime<Utc>) -> Option<Duration> {
    let mut until: Option<DateTime<Utc>> = None;
    let mut consider = |last: Option<DateTime<Utc>>, seconds: i64| {
        if let (Some(last), true) = (last, seconds > 0) {
            let t = last + Duration::seconds(seconds);
            if until.is_none_or(|u| t > u) {
                until = Some(t);
            }
        }
    };
    consider(h.pair_last_failure, delay(h.pair_failures, FREE_PAIR));
    consider(h.client_last_failure, delay(h.client_failures, FREE_CLIENT));
    if !h.known_client {
        consider(h.account_last_failure, delay(h.account_failures, FREE_ACCOUNT));
    }
    until.filter(|u| *u > now).map(|u| u - now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn a_few_mistakes_cost_nothing_then_waits_grow() {
        let now = at(100);
        let h = |n| SignInHistory { pair_failures: n, pair_last_failure: Some(now), ..Default::default() };
        assert_eq!(wait(&h(2), now), None, "two typos are free");
        assert_eq!(wait(&h(3), now), Some(Duration::seconds(1)));
        assert_eq!(wait(&h(5), now), Some(Duration::seconds(4)));
        assert_eq!(wait(&h(40), now), Some(Duration::minutes(15)), "never more than 15 minutes");
        assert_eq!(wait(&h(5), at(104)), None, "once the wait is over, try again");
    }

    #[test]
    fn strangers_cannot_slow_down_the_owner_on_a_known_device() {
        let now = at(0);
        let storm = SignInHistory { account_failures: 500, account_last_failure: Some(now), ..Default::default() };
        assert!(wait(&storm, now).is_some(), "an unknown client waits");
        let owner = SignInHistory { known_client: true, ..storm };
        assert_eq!(wait(&owner, now), None, "the owner's own device goes ahead");
    }

    #[test]
    fn one_address_trying_many_accounts_is_slowed() {
        let now = at(0);
        let h = SignInHistory { client_failures: 25, client_last_failure: Some(now), ..Default::default() };
        assert_eq!(wait(&h, now), Some(Duration::seconds(32)));
    }
}
