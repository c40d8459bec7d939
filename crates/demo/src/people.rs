//! The demo's residents and sign-ins, and the details people are given: e-mail addresses, phone numbers and self-reported demographics that fit their names.

use super::*;
/// Residents who take part on their own, not for an organisation:
/// (name, title, heritage, gender, age band).
pub(crate) const RESIDENTS: &[(&str, &str, char, char, &str)] = &[
    ("Hodan Warsame", "Parent, Northgate", 'S', 'f', "35-44"),
    ("Marisela Rodríguez", "Parent, Westside", 'L', 'f', "25-34"),
    ("Deja Thompson", "Parent, Eastside", 'B', 'f', "35-44"),
    ("Tou Vang", "Parent, Southside", 'H', 'm', "45-54"),
    ("Brenda Kowalczyk", "Grandparent, Riverside", 'W', 'f', "55-64"),
    ("DeShawn Price", "Parent, Southside", 'B', 'm', "25-34"),
    ("Fatima Yusuf", "Parent, Harbor Point", 'S', 'f', "25-34"),
    ("Jorge Alvarado", "Parent, Eastside", 'L', 'm', "45-54"),
    ("Linda Webster", "Retired teacher, Oak Hill", 'N', 'f', "55-64"),
    ("Kou Her", "Parent, Northgate", 'H', 'm', "35-44"),
    ("Tiana Woods", "Youth leader, Eastside", 'B', 'f', "18-24"),
    ("Amy Peterson", "Parent, Riverside", 'W', 'f', "35-44"),
    ("Abdullahi Hassan", "Parent, Northgate", 'S', 'm', "45-54"),
    ("Paola Jiménez", "Parent, Westside", 'L', 'f', "35-44"),
    ("Terrell Banks", "Parent, Southside", 'B', 'm', "45-54"),
    ("Zoua Xiong", "Parent, Northgate", 'H', 'f', "25-34"),
    ("Samira Aziz", "Parent, Downtown", 'M', 'f', "35-44"),
    ("Beverly Hughes", "Grandparent raising two grandchildren, Eastside", 'B', 'f', "65+"),
    ("Tyler Jensen", "Youth leader, Riverside", 'W', 'm', "18-24"),
    ("Esperanza Ruiz", "Family child care provider, Eastside", 'L', 'f', "55-64"),
    ("Ahmed Dualeh", "Parent, Harbor Point", 'S', 'm', "35-44"),
    ("Jaylen Scott", "Youth leader, Southside", 'B', 'm', "18-24"),
];

/// Residents who speak Spanish at home: the Resident Table's Spanish-speaking members (it meets with
/// interpretation), and the organizer who facilitates it. They shared their demographics.
pub(crate) const SPANISH_AT_HOME: &[&str] =
    &["Marisela Rodríguez", "Jorge Alvarado", "Paola Jiménez", "Esperanza Ruiz", "Lucía Torres"];

// ---------------------------------------------------------------- users

/// (username, display name, days ago the account was made). Each display name is a person above.
pub(crate) const USERS: &[(&str, &str, i64)] = &[
    ("director", "Danielle Okafor", 1460),
    ("datalead", "Priya Raman", 1300),
    ("steward", "Tomás Herrera", 1150),
    ("member", "Aaliyah Brooks", 1090),
    ("resident", "Hodan Warsame", 990),
];
pub(crate) const DIRECTOR: Id = 1;
pub(crate) const STEWARD: Id = 3;
pub(crate) const STEWARD_ORG: &str = "Riverbend Public Schools";

// ---------------------------------------------------------------- people's details

/// `"Tomás O'Brien"` → `"tomas.obrien"`.
pub(crate) fn email_local(name: &str) -> String {
    let fold = |word: &str| -> String {
        word.chars()
            .filter_map(|c| {
                let c = match c {
                    'á' | 'à' | 'ä' | 'â' => 'a',
                    'é' | 'è' | 'ë' | 'ê' => 'e',
                    'í' | 'ì' | 'ï' | 'î' => 'i',
                    'ó' | 'ò' | 'ö' | 'ô' => 'o',
                    'ú' | 'ù' | 'ü' | 'û' => 'u',
                    'ñ' => 'n',
                    c => c.to_ascii_lowercase(),
                };
                (c.is_ascii_alphanumeric() || c == '-').then_some(c)
            })
            .collect()
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    format!("{}.{}", fold(words[0]), fold(words[words.len() - 1]))
}

pub(crate) fn phone(rng: &mut Rng, used: &mut HashSet<String>) -> String {
    loop {
        let p = format!("(555) 01{}-{:04}", rng.range(0, 9), rng.range(0, 9999));
        if used.insert(p.clone()) {
            return p;
        }
    }
}

pub(crate) fn race(heritage: char) -> &'static str {
    let label = match heritage {
        'B' | 'S' => "Black or African American",
        'L' => "Hispanic or Latino",
        'W' => "White",
        'H' | 'A' => "Asian",
        'N' => "American Indian or Alaska Native",
        'M' => "Middle Eastern or North African",
        _ => "Multiracial",
    };
    debug_assert!(RACE_ETHNICITY.contains(&label));
    label
}

pub(crate) fn language(rng: &mut Rng, heritage: char, resident: bool) -> &'static str {
    let (other, staff_pct, resident_pct) = match heritage {
        'L' => ("Spanish", 35, 60),
        'H' => ("Hmong", 25, 55),
        'S' => ("Somali", 35, 65),
        'M' => ("Arabic", 20, 50),
        _ => return "English",
    };
    if rng.chance(if resident { resident_pct } else { staff_pct }) {
        other
    } else {
        "English"
    }
}

/// Self-reported demographics, shared with consent. Some people skip a question.
pub(crate) fn demographics(
    rng: &mut Rng,
    heritage: char,
    gender: char,
    age_band: &str,
    resident: bool,
) -> Demographics {
    let gender = match gender {
        'f' => GENDER[0],
        'm' => GENDER[1],
        _ => GENDER[2],
    };
    Demographics {
        consent: true,
        race_ethnicity: (!rng.chance(7)).then(|| race(heritage).to_string()),
        gender: (!rng.chance(5)).then(|| gender.to_string()),
        age_band: (!rng.chance(5)).then(|| age_band.to_string()),
        primary_language: Some(language(rng, heritage, resident).to_string()),
        community_resident: Some(resident || rng.chance(45)),
        // Every resident at the tables is a parent, grandparent or young person the agenda is
        // about; so are the youngest staff (recent students, parents of young children).
        lived_experience: Some(resident || matches!(age_band, "18-24" | "25-34")),
    }
}
