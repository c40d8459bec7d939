//! Checks shared by every input: text lengths, short names, e-mail addresses, usernames and ZIP
//! codes. Each adds its problem, with the field, to an `Invalid`.

use crate::error::Invalid;

pub fn check_text(inv: &mut Invalid, field: &str, value: &str, min: usize, max: usize) {
    let n = value.trim().chars().count();
    if min > 0 && n == 0 {
        inv.add(field, "is required");
    } else if n < min {
        inv.add(field, format!("must be at least {min} characters"));
    } else if value.chars().count() > max {
        inv.add(field, format!("must be at most {max} characters"));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        inv.add(field, "contains control characters");
    }
}

/// Lower-case letters, digits and hyphens, 2–60 long, starting with a letter.
pub fn check_slug(inv: &mut Invalid, field: &str, value: &str) {
    let ok = (2..=60).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        inv.add(field, "must be 2–60 lower-case letters, digits or hyphens, starting with a letter");
    }
}

pub fn check_email(inv: &mut Invalid, field: &str, value: &str) {
    let ok = value.len() <= 254
        && !value.contains(char::is_whitespace)
        && match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            }
            None => false,
        };
    if !ok {
        inv.add(field, "must be an e-mail address like name@example.org");
    }
}

pub fn check_username(inv: &mut Invalid, field: &str, value: &str) {
    let ok =
        (3..=100).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric() || "._-@+".contains(c));
    if !ok {
        inv.add(field, "must be 3–100 letters, digits or . _ - @ +");
    }
}

pub fn check_zips(inv: &mut Invalid, field: &str, zips: &[String]) {
    if zips.len() > 200 {
        inv.add(field, "at most 200 ZIP codes");
    }
    for (i, z) in zips.iter().enumerate() {
        if !(z.len() == 5 && z.chars().all(|c| c.is_ascii_digit())) {
            inv.add(format!("{field}[{i}]"), format!("\"{z}\" is not a 5-digit ZIP code"));
        }
    }
}

/// Splits "53205, 53206 53208" into ZIP codes, for forms.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_emails_and_usernames() {
        let mut inv = Invalid::new();
        check_slug(&mut inv, "a", "milwaukee-cradle-to-career");
        check_email(&mut inv, "b", "maria@ourcommunity.org");
        check_username(&mut inv, "c", "maria.lopez");
        assert!(inv.is_empty());
        check_slug(&mut inv, "d", "Bad Slug");
        check_email(&mut inv, "e", "maria@");
        check_username(&mut inv, "f", "a b");
        assert_eq!(inv.0.len(), 3);
    }
}
