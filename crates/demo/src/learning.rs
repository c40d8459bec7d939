//! The demo's learning: two improvement cycles — Saturday reading rooms, adopted; text reminders
//! for kindergarten registration, abandoned and said why — and a learning log in which large and
//! small partners record what did not work as plainly as what did.

use super::*;
use backbone_core::learning::{Cycle, CycleDecision, Lesson, LessonResult};
use backbone_core::measure::period::{Period, PeriodKind};

pub(crate) struct Names<'a> {
    pub(crate) org: &'a dyn Fn(&str) -> Id,
    pub(crate) table: &'a dyn Fn(&str) -> Id,
}

pub(crate) fn demo_learning(today: NaiveDate, n: &Names) -> (Vec<Cycle>, Vec<Lesson>) {
    let year = Period::containing(PeriodKind::SchoolYear, today).prev();
    let cycles = vec![
        Cycle {
            id: 1,
            initiative_id: INITIATIVE_ID,
            indicator_key: "third-grade-reading".into(),
            table_id: Some((n.table)("Early Grade Reading Working Group")),
            organization_id: Some((n.org)("Riverbend Reads")),
            title: "Saturday reading rooms at two branch libraries".into(),
            change_idea: "Open the Eastside and Northgate branches on Saturday mornings with volunteer tutors and \
                          books in Spanish, Somali and Hmong, for second and third graders reading below grade level."
                .into(),
            prediction: "At least 60 children come three Saturdays or more; of them, two thirds gain a reading level \
                         by spring, against about half in the schools' usual after-school help."
                .into(),
            started_on: Some(today - Duration::days(300)),
            ended_on: Some(today - Duration::days(150)),
            done: "Ran 22 Saturdays; 74 children came three times or more. Tutors from Riverbend Community College \
                   filled every shift after the library moved the start to 10 am."
                .into(),
            study: "Of the 74, 52 (70%) gained a reading level by spring; the district-wide share of third graders \
                    at grade level rose in both Eastside schools while it was flat elsewhere."
                .into(),
            study_periods: vec![year.prev().label(), year.label()],
            decision: Some(CycleDecision::Adopt),
            decision_reason: "Adopted: the library and Riverbend Reads will run it in all four branches next year."
                .into(),
            created_at: at(today, 320, 10, 5),
            updated_at: at(today, 140, 16, 40),
        },
        Cycle {
            id: 2,
            initiative_id: INITIATIVE_ID,
            indicator_key: "kindergarten-readiness".into(),
            table_id: Some((n.table)("Kindergarten Readiness Action Network")),
            organization_id: Some((n.org)("Riverbend Public Schools")),
            title: "Text reminders for kindergarten registration".into(),
            change_idea: "Text every family with a child turning five a reminder the evening before each \
                          registration day, in their home language."
                .into(),
            prediction: "Early registration (before June) rises from 58% to 70%, so more children get the summer \
                         bridge program."
                .into(),
            started_on: Some(today - Duration::days(250)),
            ended_on: Some(today - Duration::days(190)),
            done: "Sent 1,180 texts over six registration days.".into(),
            study: "Early registration was 59%, no real change. Families at the Resident Table said the texts came \
                    too late to take time off work, and many numbers on file were out of date."
                .into(),
            study_periods: vec![year.label()],
            decision: Some(CycleDecision::Abandon),
            decision_reason: "Abandoned: reminders the night before do not help families who need to plan weeks \
                              ahead. Next we try registration at the three WIC offices and the Saturday market, \
                              as the Resident Table proposed."
                .into(),
            created_at: at(today, 260, 9, 30),
            updated_at: at(today, 180, 15, 10),
        },
    ];
    let lesson = |id: Id,
                  days_ago: i64,
                  org: &str,
                  author: &str,
                  title: &str,
                  body: &str,
                  result: LessonResult,
                  strategy: Option<&str>,
                  indicator: Option<&str>,
                  cycle: Option<Id>| Lesson {
        id,
        initiative_id: INITIATIVE_ID,
        title: title.into(),
        body: body.into(),
        result,
        organization_id: Some((n.org)(org)),
        strategy_key: strategy.map(str::to_string),
        indicator_key: indicator.map(str::to_string),
        cycle_id: cycle,
        author_name: author.into(),
        created_at: at(today, days_ago, 11, 0),
    };
    let lessons = vec![
        lesson(
            1,
            150,
            "Riverbend Reads",
            "Tomás Rivera",
            "Tutors stay when the shift fits their class schedule",
            "College tutors dropped out in the first month when reading rooms started at 8 am. Moving the start to \
             10 am and letting tutors swap shifts in a group chat kept 90% of them through the spring.",
            LessonResult::Worked,
            Some("reading-tutors"),
            Some("third-grade-reading"),
            Some(1),
        ),
        lesson(
            2,
            185,
            "Riverbend Public Schools",
            "Linh Tran",
            "Texts the night before did not move kindergarten registration",
            "Families plan time off work weeks ahead; a text the evening before came too late. A third of the \
             numbers on file were out of date. Registering families where they already are (WIC, the market) is \
             what parents asked for.",
            LessonResult::DidNotWork,
            None,
            Some("kindergarten-readiness"),
            Some(2),
        ),
        lesson(
            3,
            120,
            "Familias Unidas de Riverbend",
            "Rosa Delgado",
            "Story time in Spanish filled the room once a parent led it",
            "Our first two bilingual story times had four families. When a mother from our group read and invited \
             her neighbours, 23 families came and asked for more books to take home.",
            LessonResult::Worked,
            Some("home-language-literacy"),
            Some("third-grade-reading"),
            None,
        ),
        lesson(
            4,
            95,
            "Bright Start Home Visiting",
            "Keisha Monroe",
            "Paper referral forms lost families between agencies",
            "Of 140 families referred on paper from clinics last spring, we reached 61. Half the forms arrived \
             more than two weeks late. We still do not have a shared referral system; the working group should \
             take this up again.",
            LessonResult::DidNotWork,
            Some("expand-home-visiting"),
            Some("kindergarten-readiness"),
            None,
        ),
        lesson(
            5,
            60,
            "Next Step College Access Network",
            "Daniel Okafor",
            "FAFSA nights work better at the school than at the library",
            "At the library, 35 families came over three nights; at the high school, with counsellors there and \
             laptops ready, 112 came and 80 submitted that night. Mixed: families without a counsellor they knew \
             still stayed away.",
            LessonResult::Mixed,
            Some("fafsa-completion"),
            Some("postsecondary-enrollment"),
            None,
        ),
        lesson(
            6,
            30,
            "St. Brigid Health System",
            "Dr. Priya Shah",
            "Screening at well-child visits reached more children than events did",
            "Two community screening days found 18 children; adding the ASQ to every 18- and 24-month visit found \
             140 in six months, and the clinics now refer them the same day.",
            LessonResult::Worked,
            Some("developmental-screening"),
            Some("kindergarten-readiness"),
            None,
        ),
    ];
    (cycles, lessons)
}
