//! The demo's working agreements and its plan to turn a curve: the Steering Committee's charter,
//! in two versions (residents asked for a way to raise conflict outside the chairs), endorsed by
//! its members; and the Early Grade Reading Working Group's plan for third-grade reading — the
//! story behind the curve, the partners, what works, an action plan — revised after the Saturday
//! reading rooms were adopted, one action already a commitment that is now overdue.

use super::*;
use backbone_core::charters::{CharterEndorsement, CharterVersion};
use backbone_core::exchange::{CharterExport, CommitmentExport, CurvePlanExport};
use backbone_core::turn_the_curve::{
    Action, Cause, CommittedAction, CurvePlanVersion, Force, Idea, IdeaCost, PartnerRole, Rating,
};

pub(crate) struct Names<'a> {
    pub(crate) org: &'a dyn Fn(&str) -> Id,
    pub(crate) table: &'a dyn Fn(&str) -> Id,
    pub(crate) person: &'a dyn Fn(&str) -> Id,
    pub(crate) director: &'a str,
}

pub(crate) fn demo_charters(today: NaiveDate, n: &Names) -> Vec<CharterExport> {
    let steering = (n.table)("Steering Committee");
    let first = CharterVersion {
        id: 1,
        table_id: steering,
        version: 1,
        values: "Children and families first. We share our data to learn, not to blame, and we speak plainly \
                 about what is not working."
            .into(),
        roles: "The Mayor and the Superintendent co-chair; the backbone director facilitates. Members come \
                prepared, read the packet, and send someone who can decide when they cannot come."
            .into(),
        decision_making: "By consent. Anyone may ask for a vote; funding decisions are counted one vote per \
                          organisation so that a large provider's staff do not outvote a volunteer group."
            .into(),
        conflict: "Raise it with a co-chair or the facilitator first, then at the next meeting.".into(),
        reason: String::new(),
        author_name: n.director.into(),
        created_at: at(today, 400, 17, 10),
    };
    let second = CharterVersion {
        id: 2,
        version: 2,
        conflict: "Raise it with a co-chair, the facilitator or either resident member; we answer within two \
                   weeks, and a resident member may put it on the next agenda without the chairs."
            .into(),
        reason: "The Resident Table asked for a way to raise conflict that does not go through the chairs.".into(),
        created_at: at(today, 120, 18, 0),
        ..first.clone()
    };
    let endorse = |version: &CharterVersion, who: &str, ago: i64, comment: &str| CharterEndorsement {
        version_id: version.id,
        person_id: (n.person)(who),
        person_name: who.into(),
        comment: comment.into(),
        at: at(today, ago, 19, 30),
    };
    vec![
        CharterExport {
            endorsements: vec![
                endorse(&first, "Teresa Alvarez", 398, ""),
                endorse(&first, "Marcus Whitfield", 397, ""),
                endorse(&first, "Angela Ross", 395, "We will hold ourselves to the data part."),
            ],
            version: first,
        },
        CharterExport {
            endorsements: vec![
                endorse(&second, "Teresa Alvarez", 118, ""),
                endorse(&second, "Gloria Castillo", 117, "Glad the residents asked for this."),
            ],
            version: second,
        },
    ]
}

pub(crate) fn demo_curve_plans(today: NaiveDate, n: &Names, commitments: &[CommitmentExport]) -> Vec<CurvePlanExport> {
    let reading = (n.table)("Early Grade Reading Working Group");
    let aligned = commitments
        .iter()
        .map(|c| &c.commitment)
        .find(|c| c.title.starts_with("Align Power Hour reading help"))
        .expect("the demo's Power Hour commitment");
    let story = vec![
        Cause {
            text: "One in five K–2 children in Eastside and Southside misses a month of school or more".into(),
            force: Force::Hindering,
        },
        Cause { text: "Few children's books at home in Spanish, Somali or Hmong".into(), force: Force::Hindering },
        Cause {
            text: "Summer reading loss: scores drop between May and September, most in Southside".into(),
            force: Force::Hindering,
        },
        Cause { text: "Reading Corps tutors in every elementary school since last year".into(), force: Force::Helping },
        Cause {
            text: "Parents at the Resident Table bringing other parents to the working group".into(),
            force: Force::Helping,
        },
    ];
    let partners = vec![
        PartnerRole {
            organization_id: Some((n.org)("Riverbend Public Schools")),
            name: String::new(),
            role: "Attendance data each month; reading screening in K–3".into(),
        },
        PartnerRole {
            organization_id: Some((n.org)("Riverbend Public Library")),
            name: String::new(),
            role: "Summer reading, books in home languages, branch space on Saturdays".into(),
        },
        PartnerRole {
            organization_id: Some((n.org)("Riverbend Reads")),
            name: String::new(),
            role: "Volunteer tutors and the Saturday reading rooms".into(),
        },
        PartnerRole {
            organization_id: Some((n.org)("Boys & Girls Clubs of Riverbend")),
            name: String::new(),
            role: "Reading help in after-school Power Hour".into(),
        },
        PartnerRole {
            organization_id: None,
            name: "Parents and grandparents".into(),
            role: "Reading twenty minutes a day at home; telling us what gets in the way".into(),
        },
    ];
    let what_works = vec![
        Idea {
            text: "Nudge letters and texts to families when absences add up".into(),
            evidence: "Randomised trials in Philadelphia and Chicago cut chronic absence by about 10%".into(),
            cost: IdeaCost::LowCost,
        },
        Idea {
            text: "Books in the home language, given not lent".into(),
            evidence: "Reach Out and Read; our own Resident Table".into(),
            cost: IdeaCost::LowCost,
        },
        Idea {
            text: "Ask pediatricians to talk about reading at well-child visits".into(),
            evidence: "Reach Out and Read".into(),
            cost: IdeaCost::NoCost,
        },
        Idea {
            text: "High-dosage tutoring three times a week".into(),
            evidence: "Reading Corps evaluations".into(),
            cost: IdeaCost::HigherCost,
        },
    ];
    let action = |key: &str, title: &str, org: &str, due: Option<NaiveDate>, r: [Rating; 4]| Action {
        key: key.into(),
        title: title.into(),
        organization_id: Some((n.org)(org)),
        due_on: due,
        leverage: r[0],
        feasibility: r[1],
        specificity: r[2],
        values: r[3],
    };
    use Rating::*;
    let first_actions = vec![
        action(
            "attendance-nudges",
            "Text families when a K–2 child misses a second day in a month",
            "Riverbend Public Schools",
            Some(today + Duration::days(45)),
            [High, Medium, High, High],
        ),
        action(
            "align-power-hour",
            "Align Power Hour reading help with the Reading Corps tutoring schedule in Southside",
            "Boys & Girls Clubs of Riverbend",
            Some(aligned.due_on),
            [Medium, High, High, High],
        ),
        action(
            "home-language-books",
            "Give every K–2 child at Eastside Elementary three books in their home language",
            "Riverbend Public Library",
            None,
            [Medium, Medium, Medium, High],
        ),
    ];
    let mut second_actions = first_actions.clone();
    second_actions.push(action(
        "saturday-reading-rooms",
        "Open Saturday reading rooms in all four library branches",
        "Riverbend Reads",
        Some(today + Duration::days(120)),
        [High, Medium, High, High],
    ));
    let v1 = CurvePlanVersion {
        id: 1,
        plan_id: 1,
        version: 1,
        story: story.clone(),
        partners: partners.clone(),
        what_works: what_works.clone(),
        actions: first_actions,
        reason: String::new(),
        author_name: n.director.into(),
        created_at: aligned.created_at - Duration::days(2),
    };
    let mut ideas2 = what_works;
    ideas2.push(Idea {
        text: "Saturday reading rooms at branch libraries with volunteer tutors".into(),
        evidence: "Our own improvement cycle: 70% of regulars gained a reading level".into(),
        cost: IdeaCost::LowCost,
    });
    let v2 = CurvePlanVersion {
        id: 2,
        version: 2,
        what_works: ideas2,
        actions: second_actions,
        reason: "Added the Saturday reading rooms after the improvement cycle was adopted".into(),
        created_at: at(today, 135, 18, 20),
        ..v1.clone()
    };
    vec![CurvePlanExport {
        id: 1,
        indicator_key: "third-grade-reading".into(),
        table_id: reading,
        versions: vec![v1, v2],
        committed: vec![CommittedAction { action_key: "align-power-hour".into(), commitment_id: aligned.id }],
    }]
}
