//! Times as people read and write them: in the community's time zone (`WebConfig::time_zone`,
//! an IANA name such as America/Indiana/Indianapolis), while the store and the API keep instants
//! in UTC.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use jiff::tz::TimeZone;

/// The community's clock.
#[derive(Debug, Clone)]
pub struct LocalTime {
    tz: TimeZone,
    name: String,
}

impl Default for LocalTime {
    fn default() -> Self {
        LocalTime { tz: TimeZone::UTC, name: "UTC".into() }
    }
}

impl LocalTime {
    /// The clock of the named time zone, or why it cannot be found.
    pub fn named(name: &str) -> Result<LocalTime, String> {
        let tz = TimeZone::get(name).map_err(|e| format!("{name:?} is not a time zone this machine knows: {e}"))?;
        Ok(LocalTime { tz, name: name.to_string() })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The local date and time of an instant: ("2026-03-18", "17:30").
    pub fn split(&self, at: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
        let local = jiff::Timestamp::from_second(at.timestamp())
            .map(|ts| ts.to_zoned_datetime(self.tz.clone()).datetime())
            .unwrap_or_default();
        let date =
            NaiveDate::from_ymd_opt(local.year().into(), local.month() as u32, local.day() as u32).unwrap_or_default();
        let time = NaiveTime::from_hms_opt(local.hour() as u32, local.minute() as u32, 0).unwrap_or_default();
        (date, time)
    }

    /// "Wednesday 18 March 2026, 17:30" (or "miércoles 18 de marzo de 2026, 17:30"), for pages
    /// and e-mails: the names of days and months, and their order, come from the catalogue.
    pub fn show(&self, at: DateTime<Utc>, tr: crate::http::i18n::Tr) -> String {
        use chrono::Datelike;
        let (d, t) = self.split(at);
        tr.date_long(
            &tr.get(&format!("weekday-{}", d.weekday().number_from_monday())),
            d.day(),
            &tr.get(&format!("month-{}", d.month())),
            d.year(),
            &t.format("%H:%M").to_string(),
        )
    }

    /// The instant of a local date and time (a time that falls in a daylight-saving gap is read
    /// as the moment after it, as clocks do).
    pub fn instant(&self, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, String> {
        use chrono::{Datelike, Timelike};
        let civil = jiff::civil::date(date.year() as i16, date.month() as i8, date.day() as i8).at(
            time.hour() as i8,
            time.minute() as i8,
            0,
            0,
        );
        let zoned = self.tz.to_zoned_datetime(civil).map_err(|e| e.to_string())?;
        DateTime::from_timestamp(zoned.timestamp().as_second(), 0).ok_or_else(|| "out of range".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_are_read_and_written_in_the_communitys_clock() {
        let clock = LocalTime::named("America/Indiana/Indianapolis").unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 3, 18).unwrap();
        let time = NaiveTime::from_hms_opt(18, 30, 0).unwrap();
        let at = clock.instant(date, time).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-18T22:30:00+00:00", "daylight saving time: UTC-4");
        assert_eq!(clock.split(at), (date, time));
        let en = crate::http::i18n::Tr::default();
        assert_eq!(clock.show(at, en), "Wednesday 18 March 2026, 18:30");
        let es = crate::http::i18n::Tr::of("es").unwrap();
        assert_eq!(clock.show(at, es), "miércoles 18 de marzo de 2026, 18:30");
        let winter = clock.instant(NaiveDate::from_ymd_opt(2026, 1, 14).unwrap(), time).unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-01-14T23:30:00+00:00", "standard time: UTC-5");
        assert!(LocalTime::named("Mars/Olympus_Mons").is_err());
        assert_eq!(LocalTime::default().show(at, en), "Wednesday 18 March 2026, 22:30");
    }
}
