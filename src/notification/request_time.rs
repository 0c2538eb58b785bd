//! `request-time` as the gateway sends it: milliseconds since the epoch, or ISO-8601 with an
//! offset (`2019-07-12T12:08:56.253+05:30`), read for the optional freshness check.

/// `request-time` as milliseconds since the epoch: either that number, or ISO-8601
/// `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm|±hhmm]` (an offset is required).
pub(super) fn parse_request_time(value: &str) -> Option<i64> {
    if !value.is_empty() && value.len() <= 16 && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok();
    }
    parse_iso8601(value)
}

fn parse_iso8601(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        digits
            .iter()
            .try_fold(0i64, |acc, d| Some(acc * 10 + i64::from(d - b'0')))
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if matches!(b[i], b'.' | b',') {
        let start = i + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start || end - start > 9 {
            return None;
        }
        // Milliseconds from the first three fraction digits, padded with zeros.
        millis = b[start..end]
            .iter()
            .chain(std::iter::repeat(&b'0'))
            .take(3)
            .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
        i = end;
    }
    let offset_minutes = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest.len() {
                5 if rest[2] == b':' => (num(i + 1..i + 3)?, num(i + 4..i + 6)?),
                4 => (num(i + 1..i + 3)?, num(i + 3..i + 5)?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_time_formats() {
        let vector = parse_request_time("2019-07-12T12:08:56.253+05:30").unwrap();
        // 2019-07-12T06:38:56.253Z
        assert_eq!(vector, 1_562_913_536_253);
        assert_eq!(parse_request_time("2019-07-12T06:38:56.253Z"), Some(vector));
        assert_eq!(
            parse_request_time("2019-07-12T06:38:56.253000+00:00"),
            Some(vector)
        );
        assert_eq!(
            parse_request_time("2019-07-12T02:38:56.253-0400"),
            Some(vector)
        );
        assert_eq!(parse_request_time("1700000000000"), Some(1_700_000_000_000));
        assert_eq!(parse_request_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_request_time("2024-02-29T00:00:00+00:00"),
            Some(1_709_164_800_000)
        );
        assert_eq!(
            parse_request_time("2019-05-28T12:12:12+08:00"),
            Some(1_559_016_732_000)
        );
        for bad in [
            "",
            "abc",
            "2019-07-12T12:08:56",
            "2019-07-12T12:08:56.+05:30",
            "2019-13-12T12:08:56Z",
            "2023-02-29T12:08:56Z",
            "2019-07-12T24:08:56Z",
            "2019-07-12T12:08:56+5:30",
            "2019-07-12T12:08:56+05:30x",
            "2019-07-12 12:08:56 +05:30",
            "+1700000000000",
            "12345678901234567",
            "２０１９-07-12T12:08:56Z",
        ] {
            assert_eq!(parse_request_time(bad), None, "{bad}");
        }
    }
}
