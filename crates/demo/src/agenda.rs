//! The demo's common agenda: three versions with their results and strategies, and the endorsements partners recorded.

use super::*;
// ---------------------------------------------------------------- endorsements

/// (agenda version, organisation, recorded by the steward (else the director), days ago, note)
pub(crate) const ENDORSEMENTS: &[(i64, &str, bool, i64, &str)] = &[
    (
        2,
        "Riverbend Public Schools",
        true,
        812,
        "Board of Education resolution endorsing the revised agenda, adopted 7–0.",
    ),
    (
        2,
        "United Way of the Riverbend Region",
        false,
        810,
        "Endorsed by the board of directors at its quarterly meeting.",
    ),
    (
        2,
        "Eastside Parents United",
        false,
        805,
        "Members voted at the monthly meeting at the Eastside branch library and asked that the equity language stay \
         as written.",
    ),
    (
        2,
        "Riverbend Community Foundation",
        false,
        798,
        "Trustees endorse; the Foundation will align its education grantmaking with the agenda's results.",
    ),
    (2, "St. Brigid Health System", false, 790, "Endorsed by the community benefit committee of the board."),
    (
        2,
        "Mercer County Head Start",
        false,
        783,
        "Policy Council endorsement, including the new family child care strategy.",
    ),
    (
        2,
        "City of Riverbend",
        false,
        770,
        "Signed by Mayor Alvarez on behalf of the City; Common Council resolution to follow.",
    ),
    (
        3,
        "Riverbend Public Schools",
        true,
        233,
        "Endorsed by the Board of Education; the district will share postsecondary enrollment and completion data \
         under its data-sharing agreement.",
    ),
    (
        3,
        "United Way of the Riverbend Region",
        false,
        231,
        "Board endorsement; backbone budget for the new result approved.",
    ),
    (
        3,
        "Riverbend Community College",
        false,
        228,
        "The postsecondary result matches the College's strategic plan; we will report completion by high school of \
         origin.",
    ),
    (
        3,
        "Riverbend Area Chamber of Commerce",
        false,
        225,
        "Endorsed by the Chamber board; the Education & Workforce Committee will recruit employers for dual \
         enrollment pathways.",
    ),
    (
        3,
        "Next Step College Access Network",
        false,
        221,
        "Our board endorses the postsecondary result and the persistence coaching strategy.",
    ),
    (
        3,
        "Riverbend Workforce Alliance",
        false,
        219,
        "Endorsed; apprenticeship starts will be reported as a career pathway measure.",
    ),
    (3, "Hmong American Family Center", false, 214, "Endorsed after a family meeting held in Hmong and English."),
    (
        3,
        "Southside Parent Power",
        false,
        210,
        "Members endorse, and ask that FAFSA nights be held in Southside with child care.",
    ),
    (
        3,
        "Riverbend Community Foundation",
        false,
        205,
        "Trustees endorse and add a scholarship fund for persistence coaching.",
    ),
];

// ---------------------------------------------------------------- the common agenda

/// Days ago each agenda version was saved: the first agenda, the Resident Table's revision, and
/// the version adding the postsecondary result.
pub(crate) const VERSION_AGO: [i64; 3] = [1280, 820, 240];

pub(crate) fn strategy(key: &str, title: &str, description: &str) -> Strategy {
    Strategy { key: key.into(), title: title.into(), description: description.into() }
}

pub(crate) fn agenda_result(key: &str, title: &str, description: &str, strategies: Vec<Strategy>) -> AgendaResult {
    AgendaResult { key: key.into(), title: title.into(), description: description.into(), strategies }
}

pub(crate) const DISAGGREGATED: &str = " Shown by race and ethnicity, home language and ZIP code.";

/// The results of agenda version `v` (1, 2 or 3).
pub(crate) fn agenda_results(v: i64) -> Vec<AgendaResult> {
    let measure = |text: &str| if v >= 2 { format!("{text}{DISAGGREGATED}") } else { text.to_string() };

    let mut kr = vec![
        strategy(
            "expand-home-visiting",
            "More home visits for first-time parents",
            "Grow Bright Start and Head Start home visits in Eastside and Southside, where the waiting lists \
             are longest.",
        ),
        strategy(
            "developmental-screening",
            "Check every child's growth by age three",
            "Clinics, child care centers and home visitors use one check (ASQ-3) and one way to refer \
             families for help.",
        ),
    ];
    let mut egr = vec![
        strategy(
            "summer-reading",
            "Summer reading so children do not fall behind",
            "Free summer programs at libraries, clubs and places of worship. The shared goal: a book a week.",
        ),
        strategy(
            "reading-tutors",
            "Trained reading tutors in every K–3 classroom",
            "Volunteer and AmeriCorps tutors help children who find reading hard. Each child gets 90 minutes \
             of practice a week.",
        ),
    ];
    if v >= 2 {
        kr.push(strategy(
            "family-child-care-support",
            "Support for family, friends and neighbors who care for children",
            "Coaching, books and small grants for people who care for children in their homes. They care for \
             most babies and toddlers in Eastside. The Resident Table asked for this.",
        ));
        egr.push(strategy(
            "home-language-literacy",
            "Books and story times in home languages",
            "Books in Spanish, Hmong and Somali, and story times in two languages. Families can build \
             reading skills in the language they speak best. The Resident Table asked for this.",
        ));
    }

    let mut results = vec![
        agenda_result(
            "kindergarten-readiness",
            "Children enter kindergarten ready to succeed",
            &measure(
                "The share of new kindergartners who meet the goal in all five areas of the fall readiness \
                 test.",
            ),
            kr,
        ),
        agenda_result(
            "early-grade-reading",
            "Children read at grade level by the end of third grade",
            &measure("The share of third graders who meet the standard on the state reading test."),
            egr,
        ),
        agenda_result(
            "middle-grade-math",
            "Students are on track in math by eighth grade",
            &measure(
                "The share of eighth graders who meet the standard in math, and of students who pass \
                 Algebra I by the end of ninth grade.",
            ),
            vec![
                strategy(
                    "math-tutoring-corps",
                    "Math tutoring in small groups in grades 6–8",
                    "Tutors from the community work with small groups three times a week during the school \
                     day.",
                ),
                strategy(
                    "after-school-stem",
                    "Math and science clubs after school and in summer",
                    "Clubs, libraries and the community college offer hands-on math and science. They meet \
                     where students already spend their afternoons.",
                ),
            ],
        ),
        agenda_result(
            "high-school-graduation",
            "Students graduate from high school on time",
            &measure("The share of students who graduate within four years of starting ninth grade."),
            vec![
                strategy(
                    "early-warning-system",
                    "Early warning on attendance, behavior and failing grades",
                    "Every two weeks, each high school looks at who is missing school or failing. Each \
                     student who needs help gets an adult who follows up.",
                ),
                strategy(
                    "ninth-grade-on-track",
                    "Ninth grade success teams",
                    "Teachers, counselors and community partners help ninth graders earn enough credits to \
                     stay on track.",
                ),
                strategy(
                    "mentoring-for-all",
                    "A caring adult for every student",
                    "Mentors from clubs, places of worship and employers. Students can ask for one, or the \
                     early warning system can point them out.",
                ),
            ],
        ),
    ];
    if v >= 3 {
        results.push(agenda_result(
            "postsecondary-completion",
            "Young adults complete a degree or credential",
            &measure(
                "The share of Riverbend graduates who earn a certificate, a two-year or a four-year degree \
                 within six years of high school.",
            ),
            vec![
                strategy(
                    "fafsa-completion",
                    "Every senior fills out the FAFSA",
                    "FAFSA nights in every high school and in the neighborhoods, with help in Spanish, Hmong and \
                     Somali.",
                ),
                strategy(
                    "dual-enrollment-pathways",
                    "College classes and career paths in high school",
                    "College classes and paid apprenticeships for high school students. We build them with \
                     the community college and local employers.",
                ),
                strategy(
                    "college-persistence-coaching",
                    "Coaching through the first two years of college",
                    "Coaches stay with students from graduation through their second year of college or training.",
                ),
            ],
        ));
    }
    results
}

pub(crate) const PROBLEM_V1: &str =
    "In Riverbend, too few children are on a path from cradle to career. Only 41% of children start \
     kindergarten ready to learn. Only 38% of third graders read at grade level. Only 29% of eighth graders \
     meet the standard in math. And 74% of students finish high school in four years. Dozens of programs \
     serve children and families, but they work apart. They do not share goals, measures or data.";
pub(crate) const PROBLEM_V2: &str =
    "The averages hide deep gaps. Only 61% of Black students and 64% of English learners finish high school \
     in four years. In Eastside and Southside (47302 and 47307), half as many children start kindergarten \
     ready as in Oak Hill. Families told the Resident Table that programs are hard to find. Few are offered \
     in Spanish, Hmong or Somali. Few are open when working parents can come.";
pub(crate) const PROBLEM_V3: &str =
    "A diploma is not enough. Only 31% of Riverbend graduates finish a degree or credential within six \
     years. Yet employers in the region have 2,400 skilled jobs open.";

pub(crate) const VISION_V1: &str = "Every child in Riverbend succeeds, from cradle to career.";
pub(crate) const VISION_V2: &str = "Every child in Riverbend succeeds, from cradle to career, no matter \
                                    their race, neighborhood, language or family income. Families and young \
                                    people help decide how we get there.";
pub(crate) const VISION_V3: &str = "Every child in Riverbend succeeds, from cradle to career, no matter \
                                    their race, neighborhood, language or family income. Every young adult \
                                    has a path to a family-sustaining job here at home. \
                                    Families and young people help decide how we get there.";

pub(crate) const REASON_V1: &str =
    "The first common agenda. The Steering Committee adopted it after six months of talks with the community \
     and a look at the starting data.";
pub(crate) const REASON_V2: &str =
    "After the Resident Table's review, the vision now names fairness and family voice. Every result is \
     shown by race, language and ZIP code. Two strategies were added because residents asked: child care in \
     homes, and reading in home languages.";
pub(crate) const REASON_V3: &str =
    "Adds a result for college and training after high school. The Postsecondary & Career Working Group \
     asked for it, and the Steering Committee approved it. The problem statement now includes finishing \
     college or training.";

pub(crate) fn agenda_versions(today: NaiveDate, author: &User) -> Vec<AgendaVersion> {
    let texts = [
        (PROBLEM_V1.to_string(), VISION_V1, REASON_V1),
        (format!("{PROBLEM_V1}{PROBLEM_V2}"), VISION_V2, REASON_V2),
        (format!("{PROBLEM_V1}{PROBLEM_V2}{PROBLEM_V3}"), VISION_V3, REASON_V3),
    ];
    texts
        .into_iter()
        .zip(VERSION_AGO)
        .enumerate()
        .map(|(i, ((problem, vision, reason), ago))| {
            let number = i as i64 + 1;
            AgendaVersion {
                initiative_id: INITIATIVE_ID,
                number,
                problem_statement: problem,
                shared_vision: vision.to_string(),
                results: agenda_results(number),
                reason: reason.to_string(),
                author_user_id: Some(author.id),
                author_name: author.display_name.clone(),
                created_at: at(today, ago, 16, 5 + 7 * i as u32),
            }
        })
        .collect()
}
