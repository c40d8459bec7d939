//! Who may see and do what in one initiative. Every handler asks here; nothing else decides.
//!
//! | viewer            | sees                                                           | may change |
//! |-------------------|----------------------------------------------------------------|------------|
//! | public (no login) | a published initiative's home, agenda, partner and table lists | nothing    |
//! | resident / table member | the above, people (names, organisations, tables), memberships | nothing |
//! | data steward      | the above, its own organisation's leadership demographics       | its organisation; endorse for it |
//! | backbone staff    | everything, incl. contacts, per-person demographics, audit log | everything |

use crate::accounts::{Role, RoleGrant, User};
use crate::initiative::Initiative;
use crate::Id;

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

    pub fn can_manage_people_and_tables(&self) -> bool {
        self.is_admin()
    }

    pub fn can_view_memberships(&self) -> bool {
        self.is_member()
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

    /// Submit numbers on behalf of an organisation.
    pub fn can_submit_for(&self, organization_id: Id) -> bool {
        self.is_admin() || self.stewarded_organizations().contains(&organization_id)
    }

    /// See an organisation's raw submissions (unsuppressed, any status).
    pub fn can_view_raw_data_of(&self, organization_id: Id) -> bool {
        self.can_submit_for(organization_id)
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
    fn backbone_staff_see_everything() {
        let a = Access::new(Some(user(1, false)), 1, &[grant(1, 1, Role::Admin, None)]);
        assert!(a.can_view_audit() && a.can_view_contacts() && a.can_view_person_demographics());
        assert!(a.can_endorse_for(99));
    }
}
