//! Quiet hours: actions that fall inside them wait until they end.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use stig_model::{QuietHours, parse_clock};

/// When an action due at `at` may go out under `quiet`: `None` when `at` is outside the quiet
/// hours, else the end of them. Times are read in the quiet hours' time zone, else
/// `default_tz` (the workspace's), else UTC; the hours may span midnight (21:00–08:00).
pub fn quiet_until(
    quiet: &QuietHours,
    default_tz: Option<&str>,
    at: Timestamp,
) -> Option<Timestamp> {
    let from = parse_clock(&quiet.from).ok()?;
    let to = parse_clock(&quiet.to).ok()?;
    if from == to {
        return None;
    }
    let tz = quiet
        .timezone
        .as_deref()
        .or(default_tz)
        .and_then(|name| TimeZone::get(name).ok())
        .unwrap_or(TimeZone::UTC);
    let local = at.to_zoned_datetime(tz);
    let now = u32::from(local.hour() as u8) * 60 + u32::from(local.minute() as u8);
    let inside = if from < to {
        now >= from && now < to
    } else {
        now >= from || now < to
    };
    if !inside {
        return None;
    }
    // The end: today at `to`, or tomorrow when the quiet hours run past midnight.
    let day = if now >= to {
        local.date().tomorrow().ok()?
    } else {
        local.date()
    };
    let end = day
        .at((to / 60) as i8, (to % 60) as i8, 0, 0)
        .to_zoned_datetime(local.time_zone().clone())
        .ok()?;
    Some(end.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(from: &str, to: &str, tz: Option<&str>) -> QuietHours {
        QuietHours {
            from: from.into(),
            to: to.into(),
            timezone: tz.map(str::to_owned),
        }
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("test input")
    }

    #[test]
    fn overnight_quiet_hours_wait_for_the_morning() {
        let night = q("21:00", "08:00", None);
        assert_eq!(quiet_until(&night, None, ts("2026-11-24T12:00:00Z")), None);
        assert_eq!(
            quiet_until(&night, None, ts("2026-11-24T22:30:00Z")),
            Some(ts("2026-11-25T08:00:00Z"))
        );
        assert_eq!(
            quiet_until(&night, None, ts("2026-11-25T03:00:00Z")),
            Some(ts("2026-11-25T08:00:00Z"))
        );
        assert_eq!(quiet_until(&night, None, ts("2026-11-25T08:00:00Z")), None);
    }

    #[test]
    fn quiet_hours_are_read_in_their_time_zone() {
        // 20:30 UTC is 21:30 in Oslo (CET, winter): quiet until 08:00 Oslo = 07:00 UTC.
        let night = q("21:00", "08:00", None);
        assert_eq!(
            quiet_until(&night, Some("Europe/Oslo"), ts("2026-11-24T20:30:00Z")),
            Some(ts("2026-11-25T07:00:00Z"))
        );
        let lunch = q("12:00", "13:00", Some("Europe/Helsinki"));
        assert_eq!(
            quiet_until(&lunch, Some("Europe/Oslo"), ts("2026-11-24T10:30:00Z")),
            Some(ts("2026-11-24T11:00:00Z"))
        );
    }
}
