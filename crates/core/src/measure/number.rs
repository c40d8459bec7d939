//! Numbers as partners type them into spreadsheets, read strictly: `1250`, `1,250` (a comma
//! every three digits), `1250.5`, `1.25E+03`. A decimal comma (`1,5`) is an error, never 15;
//! so are `inf`, `NaN`, a percent sign and anything beyond `LARGEST`, so no view ever shows an
//! infinity or a number no community has.

/// The largest number Backbone accepts, in any unit: a trillion.
pub const LARGEST: f64 = 1e12;

/// How a comma in a number may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commas {
    /// A thousands separator, one every three digits (`1,250`).
    Thousands,
    /// Ambiguous: in a file whose values are separated by semicolons, `1,250` may be 1.25.
    Refused,
}

/// Reads a number, or says in plain words what is wrong with the text.
pub fn parse(text: &str, commas: Commas) -> Result<f64, String> {
    let t = text.trim();
    let plain = if t.contains(',') { without_thousands(t, commas)? } else { t.to_string() };
    if t.ends_with('%') {
        return Err(format!("\"{t}\" is a percent: submit the counts it comes from (numerator and denominator)"));
    }
    if !is_decimal(&plain) {
        return Err(format!("\"{t}\" is not a number"));
    }
    let value: f64 = plain.parse().map_err(|_| format!("\"{t}\" is not a number"))?;
    if !value.is_finite() || value.abs() > LARGEST {
        return Err(format!("\"{t}\" is larger than Backbone accepts ({})", show(LARGEST)));
    }
    Ok(value)
}

/// Digits with an optional sign, point and exponent; no `inf`, `NaN` or hexadecimal.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.len() <= 3 && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// `1,250,000.5` without its separators, or why the commas cannot be separators.
fn without_thousands(t: &str, commas: Commas) -> Result<String, String> {
    if commas == Commas::Refused {
        return Err(format!(
            "\"{t}\": in a file separated by semicolons a comma could be a decimal point; write the number without it"
        ));
    }
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    if fraction.contains(',') {
        return Err(format!("\"{t}\" has a comma after its decimal point"));
    }
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    let groups: Vec<&str> = digits.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        return Ok(t.replace(',', ""));
    }
    match groups.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() && b.len() != 3 && fraction.is_empty() => {
            Err(format!("\"{t}\" uses a decimal comma: write a decimal point ({a}.{b})"))
        }
        _ => Err(format!(
            "\"{t}\" has commas in the wrong places: write it without them, or with one every three digits (1,234,567)"
        )),
    }
}

/// A number for messages: whole numbers without a fraction, others as typed by Rust.
pub fn show(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{:.0}", x.abs());
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(t: &str) -> f64 {
        parse(t, Commas::Thousands).unwrap_or_else(|e| panic!("{t}: {e}"))
    }
    fn err(t: &str) -> String {
        parse(t, Commas::Thousands).unwrap_err()
    }

    #[test]
    fn numbers_read_as_spreadsheets_write_them() {
        assert_eq!(ok("1250"), 1250.0);
        assert_eq!(ok(" 1,250 "), 1250.0);
        assert_eq!(ok("12,345,678.5"), 12_345_678.5);
        assert_eq!(ok("1.25E+03"), 1250.0);
        assert_eq!(ok(".5"), 0.5);
        assert_eq!(ok("-3"), -3.0);
    }

    #[test]
    fn a_decimal_comma_is_an_error_never_a_bigger_number() {
        assert_eq!(err("1,5"), "\"1,5\" uses a decimal comma: write a decimal point (1.5)");
        assert_eq!(err("12,75"), "\"12,75\" uses a decimal comma: write a decimal point (12.75)");
        assert!(err("12,34,567").contains("wrong places"));
        assert!(err("1,2345").contains("decimal comma"));
        assert!(err("1,250.5,0").contains("after its decimal point"));
        assert!(parse("1,250", Commas::Refused).unwrap_err().contains("semicolons"));
    }

    #[test]
    fn only_finite_sane_numbers() {
        for t in ["inf", "NaN", "infinity", "-inf", "1e308", "0x10", "1e", "", ".", "1.2.3", "1e1000"] {
            assert!(parse(t, Commas::Thousands).is_err(), "{t}");
        }
        assert!(err("1e13").contains("larger than Backbone accepts (1,000,000,000,000)"));
        assert!(err("45%").contains("is a percent"));
        assert_eq!(ok("1e12"), LARGEST);
    }

    #[test]
    fn numbers_are_shown_with_separators() {
        assert_eq!(show(1_204.0), "1,204");
        assert_eq!(show(100.0), "100");
        assert_eq!(show(-1_000_000.0), "-1,000,000");
        assert_eq!(show(2.5), "2.5");
    }
}
