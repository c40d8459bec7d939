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

pub(crate) const DISAGGREGATED: &str = " Reported by race and ethnicity, home language and ZIP code.";

/// The results of agenda version `v` (1, 2 or 3).
pub(crate) fn agenda_results(v: i64) -> Vec<AgendaResult> {
    let measure = |text: &str| if v >= 2 { format!("{text}{DISAGGREGATED}") } else { text.to_string() };

    let mut kr = vec![
        strategy(
            "expand-home-visiting",
            "Expand home visiting for first-time parents",
            "Grow Bright Start and Head Start home visiting in Eastside and Southside, where waiting lists are longest.",
        ),
        strategy(
            "developmental-screening",
            "Universal developmental screening by age three",
            "Pediatric clinics, child care centers and home visitors use one screening tool (ASQ-3) and one referral \
             pathway.",
        ),
    ];
    let mut egr = vec![
        strategy(
            "summer-reading",
            "Summer reading that stops the summer slide",
            "Free summer programs at libraries, clubs and congregations, with a shared book-a-week goal.",
        ),
        strategy(
            "reading-tutors",
            "Trained reading tutors in every K–3 classroom",
            "Volunteer and AmeriCorps tutors give struggling readers 90 minutes a week of structured practice.",
        ),
    ];
    if v >= 2 {
        kr.push(strategy(
            "family-child-care-support",
            "Support family, friend and neighbor care",
            "Coaching, books and small grants for home-based providers, who care for most infants and toddlers in \
             Eastside. Raised by the Resident Table.",
        ));
        egr.push(strategy(
            "home-language-literacy",
            "Books and story times in home languages",
            "Spanish, Hmong and Somali books and bilingual story times, so families build literacy in the language \
             they speak best. Raised by the Resident Table.",
        ));
    }

    let mut results = vec![
        agenda_result(
            "kindergarten-readiness",
            "Children enter kindergarten ready to succeed",
            &measure(
                "Share of incoming kindergartners who meet the benchmark in all five domains of the fall \
                 kindergarten readiness assessment.",
            ),
            kr,
        ),
        agenda_result(
            "early-grade-reading",
            "Children read at grade level by the end of third grade",
            &measure("Share of third graders meeting the standard on the state reading assessment."),
            egr,
        ),
        agenda_result(
            "middle-grade-math",
            "Students are on track in math by eighth grade",
            &measure("Share of eighth graders meeting the standard in math, and of students passing Algebra I by the end of ninth grade."),
            vec![
                strategy(
                    "math-tutoring-corps",
                    "High-dosage math tutoring in grades 6–8",
                    "Small-group tutoring three times a week during the school day, led by trained tutors from the \
                     community.",
                ),
                strategy(
                    "after-school-stem",
                    "After-school and summer STEM clubs",
                    "Clubs, libraries and the community college offer hands-on math and science where students \
                     already spend their afternoons.",
                ),
            ],
        ),
        agenda_result(
            "high-school-graduation",
            "Students graduate from high school on time",
            &measure("Four-year adjusted cohort graduation rate."),
            vec![
                strategy(
                    "early-warning-system",
                    "Early warning on attendance, behavior and course failure",
                    "Every high school reviews early-warning data every two weeks and assigns each flagged student to \
                     an adult who follows up.",
                ),
                strategy(
                    "ninth-grade-on-track",
                    "Ninth grade success teams",
                    "Teams of teachers, counselors and community partners keep ninth graders on track to earn \
                     enough credits.",
                ),
                strategy(
                    "mentoring-for-all",
                    "A caring adult for every student",
                    "Mentoring through clubs, congregations and employers, matched to students who ask for it or \
                     are flagged by the early warning system.",
                ),
            ],
        ),
    ];
    if v >= 3 {
        results.push(agenda_result(
            "postsecondary-completion",
            "Young adults complete a degree or credential",
            &measure(
                "Share of Riverbend graduates who complete a certificate, an associate or a bachelor's degree \
                 within six years of high school.",
            ),
            vec![
                strategy(
                    "fafsa-completion",
                    "FAFSA completion for every senior",
                    "FAFSA nights in every high school and in the neighborhoods, with help in Spanish, Hmong and \
                     Somali.",
                ),
                strategy(
                    "dual-enrollment-pathways",
                    "Dual enrollment and career pathways",
                    "College courses and paid apprenticeships in high school, built with the community college and \
                     local employers.",
                ),
                strategy(
                    "college-persistence-coaching",
                    "Persistence coaching through the first two years",
                    "Coaches stay with students from graduation through their second year of college or training.",
                ),
            ],
        ));
    }
    results
}

pub(crate) const PROBLEM_V1: &str =
    "In Riverbend, too few children are on a path from cradle to career. Only 41% of children \
    enter kindergarten ready to learn, 38% of third graders read at grade level, 29% of eighth graders meet the \
    standard in math, and 74% of students graduate from high school in four years. Dozens of programs serve children \
    and families, but they work apart: they do not share goals, measures or data.";
pub(crate) const PROBLEM_V2: &str =
    " The averages hide deep gaps: the four-year graduation rate is 61% for Black students and \
    64% for English learners, and kindergarten readiness in Eastside and Southside (47302 and 47307) is half the rate \
    in Oak Hill. Families told the Resident Table that programs are hard to find, rarely offered in Spanish, Hmong or \
    Somali, and seldom open when working parents can come.";
pub(crate) const PROBLEM_V3: &str =
    " A diploma is not enough: only 31% of Riverbend graduates complete a degree or credential \
    within six years, while employers in the region report 2,400 open skilled jobs.";

pub(crate) const VISION_V1: &str = "Every child in Riverbend succeeds, from cradle to career.";
pub(crate) const VISION_V2: &str = "Every child in Riverbend succeeds, from cradle to career, no matter their race, \
    neighborhood, language or family income. Families and young people share in deciding how we get there.";
pub(crate) const VISION_V3: &str = "Every child in Riverbend succeeds, from cradle to career, no matter their race, \
    neighborhood, language or family income, and every young adult has a path to a family-sustaining job here at \
    home. Families and young people share in deciding how we get there.";

pub(crate) const REASON_V1: &str =
    "First common agenda, adopted by the Steering Committee after six months of community \
    conversations and a review of the baseline data.";
pub(crate) const REASON_V2: &str =
    "Resident Table review: the shared vision now names equity and family voice, every result \
    is reported by race, language and ZIP code, and two strategies were added at residents' request (home-based child \
    care, home-language literacy).";
pub(crate) const REASON_V3: &str =
    "Adds a postsecondary result, recommended by the Postsecondary & Career Working Group and \
    approved by the Steering Committee; the problem statement now includes postsecondary completion.";

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
