//! Wall-clock time as the gateway writes it: ISO-8601 with an offset, in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// `2024-03-14T11:07:40.253+00:00`: the form of `response-time` and `request-time`.
pub(crate) fn iso8601_millis(millis: u64) -> String {
    let (date, time) = civil(millis / 1000);
    format!("{date}T{time}.{:03}+00:00", millis % 1000)
}

/// `2024-03-14T11:07:40+00:00`: the form of `vaultingCreateTime`.
pub(crate) fn iso8601_seconds(millis: u64) -> String {
    let (date, time) = civil(millis / 1000);
    format!("{date}T{time}+00:00")
}

/// The UTC date (`YYYY-MM-DD`) and time (`HH:MM:SS`) of `seconds` since the epoch
/// (Howard Hinnant's `civil_from_days`).
fn civil(seconds: u64) -> (String, String) {
    let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX / 2);
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        format!(
            "{:02}:{:02}:{:02}",
            rest / 3600,
            (rest % 3600) / 60,
            rest % 60
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(iso8601_millis(0), "1970-01-01T00:00:00.000+00:00");
        assert_eq!(
            iso8601_millis(1_562_913_536_253),
            "2019-07-12T06:38:56.253+00:00"
        );
        assert_eq!(
            iso8601_seconds(1_709_164_800_000),
            "2024-02-29T00:00:00+00:00"
        );
    }
}
