//! Who may see and do what in one initiative. Every handler asks here; nothing else decides.
//!
//! | viewer            | sees                                                           | may change |
//! |-------------------|----------------------------------------------------------------|------------|
//! | public (no login) | a published initiative's home, agenda, partner and table lists, tables' compositions against the community, messages about published numbers that staff showed and their answers, when each table meets and how to join, community assets (without how to reach them) | a message about a published number (anonymous, rate-limited, read by staff first); a request to join a table |
//! | resident / table member | the above, people (names, organisations, tables), memberships, how to reach community assets, the demographics they shared themselves | record a community asset; their own demographics: share, change or withdraw them |
//! | data steward      | the above, its own organisation's leadership demographics       | its organisation, its activities; record a community asset; endorse for it; answer messages about its indicators |
//! | backbone staff    | everything, incl. contacts, per-person demographics, audit log, every message and who can be reached | everything, incl. which messages are shown and the translations of the initiative's own words |

use crate::accounts::{Role, RoleGrant, User};
use crate::initiative::Initiative;
use crate::Id;

/// Whose raw (unsuppressed) numbers a viewer may list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawScope {
    /// Every organisation's: backbone staff.
    Everyone,
    /// Only these organisations': a data steward's own.
    Organizations(Vec<Id>),
}

/// What a viewer may do on the server as a whole, outside any one initiative.
#[derive(Debug, Clone)]
pub struct ServerAccess {
    user: Option<User>,
    grants: Vec<RoleGrant>,
    /// Signed in with a password (a browser session), not with an API token.
    by_session: bool,
}

impl ServerAccess {
    pub fn new(user: Option<User>, grants: Vec<RoleGrant>, by_session: bool) -> Self {
        ServerAccess { user: user.filter(|u| !u.disabled), grants, by_session }
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    fn server_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.server_admin)
    }

    /// Backbone staff of some initiative.
    fn staff_somewhere(&self) -> bool {
        self.signed_in() && self.grants.iter().any(|g| g.role == Role::Admin)
    }

    /// Server operators create initiatives.
    pub fn can_create_initiative(&self) -> bool {
        self.server_admin()
    }

    /// Server operators and backbone staff see the server's users (to give them roles).
    pub fn can_list_users(&self) -> bool {
        self.server_admin() || self.staff_somewhere()
    }

    /// Server operators and backbone staff create accounts; only operators create operators.
    pub fn can_create_user(&self, as_server_admin: bool) -> bool {
        (self.server_admin() || self.staff_somewhere()) && (!as_server_admin || self.server_admin())
    }

    /// A signed-in user sees and revokes their own API tokens.
    pub fn can_manage_own_tokens(&self) -> bool {
        self.signed_in()
    }

    /// Only a person signed in with their password makes new API tokens: a token cannot make
    /// more of itself, so a leaked token cannot outlive its revocation.
    pub fn can_create_token(&self) -> bool {
        self.signed_in() && self.by_session
    }
}

/// The viewer of one request, seen from one initiative.
#[derive(Debug, Clone)]
pub struct Access {
    pub user: Option<User>,
    /// The viewer's roles in this initiative only.
    pub grants: Vec<RoleGrant>,
}

impl Access {
    pub fn public() -> Self {
        Access { user: None, grants: Vec::new() }
    }

    pub fn new(user: Option<User>, initiative_id: Id, all_grants: &[RoleGrant]) -> Self {
        let grants = all_grants.iter().filter(|g| g.initiative_id == initiative_id).cloned().collect();
        Access { user, grants }
    }

    pub fn signed_in(&self) -> bool {
        self.user.as_ref().is_some_and(|u| !u.disabled)
    }

    fn has(&self, role: Role) -> bool {
        self.signed_in() && self.grants.iter().any(|g| g.role == role)
    }

    /// Backbone staff of this initiative, or a server operator.
    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.server_admin && !u.disabled) || self.has(Role::Admin)
    }

    /// Holds any role in the initiative.
    pub fn is_member(&self) -> bool {
        self.is_admin() || (self.signed_in() && !self.grants.is_empty())
    }

    /// Organisations this viewer is data steward for.
    pub fn stewarded_organizations(&self) -> Vec<Id> {
        if !self.signed_in() {
            return Vec::new();
        }
        self.grants.iter().filter(|g| g.role == Role::DataSteward).filter_map(|g| g.organization_id).collect()
    }

    pub fn can_view_initiative(&self, initiative: &Initiative) -> bool {
        initiative.published || self.is_member()
    }

    pub fn can_edit_initiative(&self) -> bool {
        self.is_admin()
    }

    pub fn can_edit_agenda(&self) -> bool {
        self.is_admin()
    }

    /// Endorse an agenda version on behalf of an organisation.
    pub fn can_endorse_for(&self, organization_id: Id) -> bool {
        self.is_admin() || self.stewarded_organizations().contains(&organization_id)
    }

    /// Organisations this viewer may endorse for (empty means none).
    pub fn can_endorse_any(&self) -> bool {
        self.is_admin() || !self.stewarded_organizations().is_empty()
    }

    pub fn can_create_organization(&self) -> bool {
        self.is_admin()
    }

    pub fn can_edit_organization(&self, organization_id: Id) -> bool {
        self.can_endorse_for(organization_id)
    }

    /// An organisation's self-reported leadership demographics.
    pub fn can_view_leadership(&self, organization_id: Id) -> bool {
        self.can_edit_organization(organization_id)
    }

    pub fn can_view_people(&self) -> bool {
        self.is_member()
    }

    /// E-mail and phone of people.
    pub fn can_view_contacts(&self) -> bool {
        self.is_admin()
    }

    /// Self-reported demographics of one person: backbone staff only.
    pub fn can_view_person_demographics(&self) -> bool {
        self.is_admin()
    }

    /// See, share, change or withdraw one's own demographic answers: a signed-in person of the
    /// initiative, about themselves only (`is_self`: the account is that person's).
    pub fn can_share_own_demographics(&self, is_self: bool) -> bool {
        self.signed_in() && is_self
    }

    pub fn can_manage_people_and_tables(&self) -> bool {
        self.is_admin()
    }

    pub fn can_view_memberships(&self) -> bool {
        self.is_member()
    }

    /// Each table against the community it serves: everyone who may see the initiative, as for
    /// a table's composition (its counts have been through the disclosure engine).
    pub fn can_view_representation(&self) -> bool {
        true
    }

    /// Who holds each table's seats and leads its agenda, by kind of organisation: members, as
    /// for the seats themselves.
    pub fn can_view_seats_by_organization(&self) -> bool {
        self.can_view_memberships()
    }

    /// The partner network's results (closed rounds) and its survey rounds: members.
    pub fn can_view_network(&self) -> bool {
        self.is_member()
    }

    /// Open and close partner network survey rounds, and read every organisation's answers:
    /// backbone staff.
    pub fn can_run_network_surveys(&self) -> bool {
        self.is_admin()
    }

    /// Answer a survey round for an organisation, and read what it answered: staff, and the
    /// organisation's own data steward. Nobody else ever sees one organisation's ratings of
    /// another.
    pub fn can_answer_for(&self, organization_id: Id) -> bool {
        self.is_admin() || self.stewarded_organizations().contains(&organization_id)
    }

    /// Say whether a published number matches what one lives: anyone who may see it.
    pub fn can_send_feedback(&self) -> bool {
        true
    }

    /// Read every message about the numbers (with how to reach the sender) and decide which are
    /// shown: backbone staff.
    pub fn can_moderate_feedback(&self) -> bool {
        self.is_admin()
    }

    /// Answer a shown message about an indicator: staff, and the data steward of the
    /// organisation that owns the indicator.
    pub fn can_answer_feedback(&self, owner: Option<Id>) -> bool {
        self.is_admin() || owner.is_some_and(|o| self.stewarded_organizations().contains(&o))
    }

    /// Ask for a seat at a table that welcomes requests: anyone.
    pub fn can_ask_to_join(&self) -> bool {
        true
    }

    /// Read requests to join (with how to reach the person) and welcome or decline them:
    /// backbone staff.
    pub fn can_handle_join_requests(&self) -> bool {
        self.is_admin()
    }

    /// Open the page of messages about the numbers: staff, and data stewards (who answer those
    /// about their organisation's indicators).
    pub fn can_open_feedback_page(&self) -> bool {
        self.is_admin() || !self.stewarded_organizations().is_empty()
    }

    /// Record the community's composition (census estimates): backbone staff.
    pub fn can_record_community_profile(&self) -> bool {
        self.is_admin()
    }

    /// Translate the initiative's own words (agenda, indicators, tables) and say which language
    /// they are written in: backbone staff.
    pub fn can_translate_content(&self) -> bool {
        self.is_admin()
    }

    pub fn can_view_audit(&self) -> bool {
        self.is_admin()
    }

    pub fn can_manage_roles(&self) -> bool {
        self.is_admin()
    }

    /// Define indicators, places and dimensions; approve or return submitted data.
    pub fn can_manage_measurement(&self) -> bool {
        self.is_admin()
    }

    /// Open the Data page: data stewards submit there; backbone staff reach the review queue from it.
    pub fn can_open_data_page(&self) -> bool {
        self.can_manage_measurement() || !self.stewarded_organizations().is_empty()
    }

    /// Open the review queue, see every submission's raw numbers and approve or return them:
    /// backbone staff (who reviewed on the Data page before the queue had a page of its own).
    pub fn can_review_submissions(&self) -> bool {
        self.can_manage_measurement()
    }

    /// Upload the boundaries of the initiative's places: backbone staff. Everyone who may see the
    /// initiative sees them.
    pub fn can_upload_boundaries(&self) -> bool {
        self.is_admin()
    }

    /// Record a community asset: members of the initiative — residents are owners, so resident
    /// members too —, data stewards and backbone staff.
    pub fn can_record_community_asset(&self) -> bool {
        self.is_member()
    }

    /// Change or retire any community asset: backbone staff.
    pub fn can_edit_community_assets(&self) -> bool {
        self.is_admin()
    }

    /// How to reach a community asset and who recorded it: members.
    pub fn can_view_asset_contacts(&self) -> bool {
        self.is_member()
    }

    /// Register and change an organisation's programs and activities: backbone staff, and the
    /// organisation's own data steward. Everyone who may see the initiative sees them.
    pub fn can_manage_activities_of(&self, organization_id: Id) -> bool {
        self.is_admin() || self.stewarded_organizations().contains(&organization_id)
    }

    /// Whether any organisation's activities may be registered by this viewer.
    pub fn can_register_activities(&self) -> bool {
        self.is_admin() || !self.stewarded_organizations().is_empty()
    }

    /// See commitments: every member of the initiative (they are how partners hold one another
    /// to account); not the public.
    pub fn can_view_commitments(&self) -> bool {
        self.is_member()
    }

    /// Make or change a commitment: backbone staff for anyone; a data steward for its own
    /// organisation. A commitment of a person alone (a resident, a volunteer) is staff's to record.
    pub fn can_manage_commitment(&self, organization_id: Option<Id>) -> bool {
        self.is_admin() || organization_id.is_some_and(|o| self.stewarded_organizations().contains(&o))
    }

    /// Whether this viewer may make any commitment.
    pub fn can_make_commitments(&self) -> bool {
        self.can_register_activities()
    }

    /// See meetings, their agendas, attendance and notes: members of the initiative.
    pub fn can_view_meetings(&self) -> bool {
        self.is_member()
    }

    /// Plan a table's meeting, record who came and the notes: backbone staff, and whoever chairs
    /// or facilitates that table (`leads_table`: the viewer's person holds such a seat now).
    pub fn can_run_meetings_of(&self, leads_table: bool) -> bool {
        self.is_admin() || (self.signed_in() && leads_table)
    }

    /// See decisions, their outcomes and (unless anonymous) who voted how: members.
    pub fn can_view_decisions(&self) -> bool {
        self.is_member()
    }

    /// Open, record or close a table's decision: as for its meetings.
    pub fn can_run_decisions_of(&self, leads_table: bool) -> bool {
        self.can_run_meetings_of(leads_table)
    }

    /// See the accountability view (every organisation on one yardstick: commitments, attendance,
    /// data on time): members, as for commitments. Counts of commitments, meetings and reporting
    /// periods, never of people.
    pub fn can_view_accountability(&self) -> bool {
        self.is_member()
    }

    /// See the director's "needs attention" list: backbone staff, whose work it is to follow up.
    pub fn can_view_needs_attention(&self) -> bool {
        self.is_admin()
    }

    /// Read the activity feed (commitments, meetings, decisions, numbers approved): members, who
    /// see each of those already.
    pub fn can_view_feed(&self) -> bool {
        self.is_member()
    }

    /// Follow indicators, to hear of their new numbers: members.
    pub fn can_follow(&self) -> bool {
        self.is_member()
    }

    /// Set up webhook endpoints, read their secrets and the delivery log: backbone staff.
    pub fn can_manage_webhooks(&self) -> bool {
        self.is_admin()
    }

    /// Read the mail log (who was sent what, and what failed): backbone staff, as it holds
    /// people's e-mail addresses.
    pub fn can_view_mail_log(&self) -> bool {
        self.is_admin()
    }

    /// Read the improvement cycles and the learning log: members.
    pub fn can_view_learning(&self) -> bool {
        self.is_member()
    }

    /// Write in the learning log: any member — residents' and frontline workers' lessons count
    /// as much as directors'.
    pub fn can_record_lesson(&self) -> bool {
        self.is_member()
    }

    /// Plan and record improvement cycles: backbone staff and data stewards.
    pub fn can_run_cycles(&self) -> bool {
        self.can_register_activities()
    }

    /// Read tables' plans to turn an indicator's curve: members, as for meetings.
    pub fn can_view_curve_plans(&self) -> bool {
        self.can_view_meetings()
    }

    /// Adopt a version of a table's plan to turn a curve: staff, and whoever chairs or
    /// facilitates that table, who records what the table worked out together. Its actions
    /// become commitments only by those who may make the organisation's commitments
    /// (`can_manage_commitment`): an organisation commits for itself.
    pub fn can_plan_for_table(&self, leads_table: bool) -> bool {
        self.can_run_meetings_of(leads_table)
    }

    /// Endorse a table's charter: as for voting, a member sitting at the table now.
    pub fn can_endorse_charter(&self, seated: bool) -> bool {
        self.can_vote(seated)
    }

    /// See a table's self-assessment rounds (titles, dates, open or closed): members.
    pub fn can_view_assessments(&self) -> bool {
        self.is_member()
    }

    /// Open and close a table's self-assessment rounds, and see how many have answered an open
    /// one (never who, never what): staff, and whoever chairs or facilitates the table.
    pub fn can_run_assessments_of(&self, leads_table: bool) -> bool {
        self.can_run_meetings_of(leads_table)
    }

    /// Answer a table's self-assessment, as herself, and read back her own answer: someone
    /// signed in whose person sits at the table now. Nobody else ever reads an answer.
    pub fn can_answer_assessment(&self, seated: bool) -> bool {
        self.signed_in() && seated
    }

    /// Read a closed round's results (means, spread, trend; only with enough answers):
    /// staff, and the members sitting at the table now.
    pub fn can_view_assessment_results(&self, seated: bool) -> bool {
        self.is_admin() || (self.is_member() && seated)
    }

    /// Vote: someone signed in whose person sits at the decision's table now (`seated`).
    pub fn can_vote(&self, seated: bool) -> bool {
        self.signed_in() && seated
    }

    /// Submit numbers on behalf of an organisation.
    pub fn can_submit_for(&self, organization_id: Id) -> bool {
        self.is_admin() || self.stewarded_organizations().contains(&organization_id)
    }

    /// Submit numbers for `indicator` on behalf of an organisation: the viewer acts for it, and
    /// it is one the indicator takes numbers from (`Indicator::accepts_from`).
    pub fn can_submit_indicator(&self, indicator: &crate::measure::indicator::Indicator, organization_id: Id) -> bool {
        self.can_submit_for(organization_id) && indicator.accepts_from(organization_id)
    }

    /// See an organisation's raw submissions (unsuppressed, any status).
    pub fn can_view_raw_data_of(&self, organization_id: Id) -> bool {
        self.can_submit_for(organization_id)
    }

    /// Whose raw numbers this viewer may list, when asking for one organisation's (`asked`) or
    /// for all it may see; `None` when it may see none.
    pub fn raw_data_scope(&self, asked: Option<Id>) -> Option<RawScope> {
        match asked {
            Some(o) if self.can_view_raw_data_of(o) => Some(RawScope::Organizations(vec![o])),
            Some(_) => None,
            None if self.can_manage_measurement() => Some(RawScope::Everyone),
            None => Some(self.stewarded_organizations()).filter(|o| !o.is_empty()).map(RawScope::Organizations),
        }
    }

    /// See an indicator (its definition and its suppressed, approved numbers).
    pub fn can_view_indicator(&self, published: bool) -> bool {
        published || self.is_member()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn user(id: Id, server_admin: bool) -> User {
        User {
            id,
            username: format!("user{id}"),
            display_name: format!("User {id}"),
            server_admin,
            disabled: false,
            created_at: Utc::now(),
        }
    }

    fn grant(user_id: Id, initiative_id: Id, role: Role, org: Option<Id>) -> RoleGrant {
        RoleGrant { user_id, initiative_id, role, organization_id: org }
    }

    #[test]
    fn the_public_sees_only_published_initiatives_and_changes_nothing() {
        let mut i = Initiative {
            id: 1,
            slug: "c2c".into(),
            name: "Cradle to Career".into(),
            description: String::new(),
            phase: crate::initiative::Phase::InitiatingAction,
            published: false,
            created_at: Utc::now(),
        };
        let a = Access::public();
        assert!(!a.can_view_initiative(&i));
        i.published = true;
        assert!(a.can_view_initiative(&i));
        assert!(!a.can_view_people());
        assert!(!a.can_edit_agenda());
        assert!(!a.can_endorse_any());
        assert!(!a.can_view_audit());
    }

    #[test]
    fn a_steward_acts_for_its_own_organisation_only() {
        let grants = vec![grant(7, 1, Role::DataSteward, Some(30)), grant(7, 2, Role::Admin, None)];
        let a = Access::new(Some(user(7, false)), 1, &grants);
        assert!(a.can_edit_organization(30));
        assert!(!a.can_edit_organization(31));
        assert!(a.can_endorse_for(30));
        assert!(!a.can_view_person_demographics());
        assert!(!a.is_admin(), "admin of initiative 2 is not admin of initiative 1");
        assert!(a.can_view_people());
        assert!(a.can_manage_activities_of(30) && !a.can_manage_activities_of(31) && a.can_register_activities());
        let member = Access::new(Some(user(8, false)), 1, &[grant(8, 1, Role::TableMember, None)]);
        assert!(!member.can_register_activities() && !member.can_manage_activities_of(30));
        assert!(a.can_manage_commitment(Some(30)) && !a.can_manage_commitment(Some(31)));
        assert!(!a.can_manage_commitment(None), "a person's own commitment is recorded by staff");
        assert!(member.can_view_commitments() && !member.can_make_commitments());
        assert!(!Access::public().can_view_commitments());
        assert!(member.can_run_meetings_of(true) && !member.can_run_meetings_of(false), "a chair runs their table");
        assert!(!Access::public().can_run_meetings_of(true));
        assert!(member.can_vote(true) && !member.can_vote(false) && !Access::public().can_vote(true));
        assert!(a.can_view_decisions() && !Access::public().can_view_decisions());
        assert!(a.can_view_accountability() && !Access::public().can_view_accountability());
        assert!(!a.can_view_needs_attention() && !member.can_view_needs_attention(), "staff follow up");
        assert!(member.can_view_feed() && member.can_follow() && !Access::public().can_view_feed());
        assert!(!a.can_manage_webhooks() && !member.can_manage_webhooks());
        assert!(member.can_record_lesson() && !member.can_run_cycles() && a.can_run_cycles());
        assert!(!Access::public().can_view_learning());
    }

    #[test]
    fn self_assessment_answers_are_given_by_seated_members_and_results_read_by_the_table_and_staff() {
        let staff = Access::new(Some(user(1, false)), 1, &[grant(1, 1, Role::Admin, None)]);
        let member = Access::new(Some(user(8, false)), 1, &[grant(8, 1, Role::TableMember, None)]);
        assert!(member.can_answer_assessment(true) && !member.can_answer_assessment(false));
        assert!(!Access::public().can_answer_assessment(true));
        assert!(member.can_view_assessment_results(true) && !member.can_view_assessment_results(false));
        assert!(staff.can_view_assessment_results(false), "staff read every table's results");
        assert!(!Access::public().can_view_assessment_results(true) && !Access::public().can_view_assessments());
        assert!(
            member.can_run_assessments_of(true)
                && !member.can_run_assessments_of(false)
                && staff.can_run_assessments_of(false)
        );
    }

    #[test]
    fn raw_numbers_are_seen_by_staff_and_by_each_organisation_of_its_own() {
        let staff = Access::new(Some(user(1, false)), 1, &[grant(1, 1, Role::Admin, None)]);
        assert_eq!(staff.raw_data_scope(None), Some(RawScope::Everyone));
        assert_eq!(staff.raw_data_scope(Some(8)), Some(RawScope::Organizations(vec![8])));
        let steward = Access::new(Some(user(2, false)), 1, &[grant(2, 1, Role::DataSteward, Some(30))]);
        assert_eq!(steward.raw_data_scope(None), Some(RawScope::Organizations(vec![30])));
        assert_eq!(steward.raw_data_scope(Some(31)), None, "another organisation's numbers");
        assert!(steward.can_open_data_page() && !steward.can_manage_measurement());
        let member = Access::new(Some(user(3, false)), 1, &[grant(3, 1, Role::TableMember, None)]);
        assert_eq!(member.raw_data_scope(None), None);
        assert!(!member.can_open_data_page() && member.can_view_indicator(false) && !member.can_submit_for(30));
        assert!(!Access::public().can_view_indicator(false) && Access::public().can_view_indicator(true));
    }

    #[test]
    fn a_disabled_user_is_treated_as_the_public() {
        let mut u = user(3, true);
        u.disabled = true;
        let a = Access::new(Some(u), 1, &[grant(3, 1, Role::Admin, None)]);
        assert!(!a.is_admin());
        assert!(!a.can_view_people());
    }

    #[test]
    fn only_operators_create_initiatives_and_only_sessions_create_tokens() {
        let operator = ServerAccess::new(Some(user(1, true)), vec![], true);
        assert!(operator.can_create_initiative() && operator.can_create_user(true) && operator.can_list_users());
        let staff = ServerAccess::new(Some(user(2, false)), vec![grant(2, 5, Role::Admin, None)], true);
        assert!(!staff.can_create_initiative());
        assert!(staff.can_list_users() && staff.can_create_user(false));
        assert!(!staff.can_create_user(true), "staff cannot make server operators");
        let member = ServerAccess::new(Some(user(3, false)), vec![grant(3, 5, Role::TableMember, None)], true);
        assert!(!member.can_list_users() && !member.can_create_user(false));
        assert!(member.can_create_token());
        let by_token = ServerAccess::new(Some(user(3, false)), vec![], false);
        assert!(by_token.can_manage_own_tokens() && !by_token.can_create_token(), "a token makes no tokens");
        let public = ServerAccess::new(None, vec![], false);
        assert!(!public.can_manage_own_tokens() && !public.can_create_token() && !public.can_list_users());
    }

    #[test]
    fn backbone_staff_see_everything() {
        let a = Access::new(Some(user(1, false)), 1, &[grant(1, 1, Role::Admin, None)]);
        assert!(a.can_view_audit() && a.can_view_contacts() && a.can_view_person_demographics());
        assert!(a.can_endorse_for(99));
    }
}
