//! The pages of this capability.

use crate::http::prelude::*;
use backbone_core::agenda::*;
use backbone_core::checks::split_list;
use backbone_core::partners::*;
use backbone_core::people::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/organizations", org_list)
        .get_post("/i/{slug}/organizations/new", org_new, org_create)
        .get("/i/{slug}/organizations/{id}", org_show)
        .get_post("/i/{slug}/organizations/{id}/edit", org_edit, org_update)
}

#[derive(Template)]
#[template(path = "partners/templates/list.html")]
struct OrgListPage {
    page: PageCtx,
    i: Initiative,
    organizations: Vec<Organization>,
    can_create: bool,
}

async fn org_list(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let organizations = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let page = OrgListPage {
        page: req.page(req.t.get("organizations-title"), Some((&i, &access)), "organizations"),
        can_create: access.can_create_organization(),
        i,
        organizations,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "partners/templates/show.html")]
struct OrgPage {
    page: PageCtx,
    i: Initiative,
    o: Organization,
    can_edit: bool,
    people: Vec<Person>,
    endorsed: Vec<Endorsement>,
    activities: Vec<backbone_core::activities::Activity>,
    can_add_activity: bool,
    /// Its commitments, for those who may see commitments.
    commitments: Option<Vec<crate::commitments::Listed>>,
}

async fn org_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    let e = |e| req.err(e);
    let o = crate::partners::shown(&access, s.store.organization(i.id, id).await.map_err(e)?);
    let people = if access.can_view_people() {
        s.store
            .people(i.id)
            .await
            .map_err(e)?
            .into_iter()
            .filter(|p| p.organization_id == Some(id))
            .map(|p| crate::people::shown(&access, p))
            .collect()
    } else {
        Vec::new()
    };
    let endorsed =
        s.store.endorsements(i.id, None).await.map_err(e)?.into_iter().filter(|e| e.organization_id == id).collect();
    let query = backbone_core::activities::ActivityQuery { organization_id: Some(id), ..Default::default() };
    let activities = s.store.activities(i.id, &query).await.map_err(e)?;
    let commitments = if access.can_view_commitments() {
        let query = backbone_core::commitments::CommitmentQuery { organization_id: Some(id), ..Default::default() };
        Some(crate::commitments::listed(&s, i.id, &query).await.map_err(|e| req.err(e))?)
    } else {
        None
    };
    let page = OrgPage {
        commitments,
        activities,
        can_add_activity: access.can_manage_activities_of(id),
        page: req.page(o.name.clone(), Some((&i, &access)), "organizations"),
        can_edit: access.can_edit_organization(id),
        i,
        o,
        people,
        endorsed,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "partners/templates/form.html")]
struct OrgFormPage {
    page: PageCtx,
    i: Initiative,
    /// None when creating.
    id: Option<Id>,
    name: String,
    sector: String,
    budget_band: String,
    resident_led: bool,
    service_area: String,
    website: String,
    leadership: bool,
    l_total: String,
    l_poc: String,
    l_women: String,
    l_residents: String,
    l_lived: String,
    sectors: Vec<(String, String)>,
    bands: Vec<(String, String)>,
    errors: Errors,
}

impl OrgFormPage {
    fn new(page: PageCtx, i: Initiative, t: Tr, o: Option<&Organization>) -> Self {
        let l = o.and_then(|o| o.leadership.as_ref());
        let n = |f: fn(&LeadershipDemographics) -> u32| l.map(|l| f(l).to_string()).unwrap_or_default();
        OrgFormPage {
            page,
            i,
            id: o.map(|o| o.id),
            name: o.map(|o| o.name.clone()).unwrap_or_default(),
            sector: o.map(|o| o.sector.as_str()).unwrap_or("nonprofit").to_string(),
            budget_band: o.map(|o| o.budget_band.as_str()).unwrap_or("100k_to_1m").to_string(),
            resident_led: o.is_some_and(|o| o.resident_led),
            service_area: o.map(|o| o.service_area.join(", ")).unwrap_or_default(),
            website: o.map(|o| o.website.clone()).unwrap_or_default(),
            leadership: l.is_some(),
            l_total: n(|l| l.total),
            l_poc: n(|l| l.people_of_color),
            l_women: n(|l| l.women),
            l_residents: n(|l| l.community_residents),
            l_lived: n(|l| l.lived_experience),
            sectors: options(Sector::ALL, t, Sector::label_key, Sector::as_str),
            bands: options(BudgetBand::ALL, t, BudgetBand::label_key, BudgetBand::as_str),
            errors: Errors::default(),
        }
    }

    /// Reads the form into an input, keeping what was typed for re-display.
    fn read(&mut self, f: &FormData, t: Tr) -> Option<OrganizationInput> {
        self.name = f.get("name").to_string();
        self.sector = f.get("sector").to_string();
        self.budget_band = f.get("budget_band").to_string();
        self.resident_led = f.checked("resident_led");
        self.service_area = f.get("service_area").to_string();
        self.website = f.get("website").trim().to_string();
        self.leadership = f.checked("leadership");
        self.l_total = f.get("l_total").to_string();
        self.l_poc = f.get("l_poc").to_string();
        self.l_women = f.get("l_women").to_string();
        self.l_residents = f.get("l_residents").to_string();
        self.l_lived = f.get("l_lived").to_string();
        let sector = Sector::parse(&self.sector);
        let band = BudgetBand::parse(&self.budget_band);
        if sector.is_none() {
            self.errors.add("sector", t.get("choose-from-list"));
        }
        if band.is_none() {
            self.errors.add("budget_band", t.get("choose-from-list"));
        }
        let mut num = |name: &str, v: &str| -> u32 {
            match v.trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) if v.trim().is_empty() => 0,
                Err(_) => {
                    self.errors.add(name, t.get("whole-number"));
                    0
                }
            }
        };
        let leadership = if self.leadership {
            Some(LeadershipDemographics {
                total: num("l_total", &self.l_total.clone()),
                people_of_color: num("l_poc", &self.l_poc.clone()),
                women: num("l_women", &self.l_women.clone()),
                community_residents: num("l_residents", &self.l_residents.clone()),
                lived_experience: num("l_lived", &self.l_lived.clone()),
            })
        } else {
            None
        };
        let input = OrganizationInput {
            name: self.name.clone(),
            sector: sector?,
            budget_band: band?,
            resident_led: self.resident_led,
            service_area: split_list(&self.service_area),
            website: self.website.clone(),
            leadership,
        };
        if let Err(inv) = input.validate() {
            for fe in inv.0 {
                let name = match fe.field.as_str() {
                    "leadership.total" => "l_total".to_string(),
                    "leadership.people_of_color" => "l_poc".to_string(),
                    "leadership.women" => "l_women".to_string(),
                    "leadership.community_residents" => "l_residents".to_string(),
                    "leadership.lived_experience" => "l_lived".to_string(),
                    other => other.split('[').next().unwrap_or(other).to_string(),
                };
                self.errors.add(&name, fe.reason);
            }
        }
        if self.errors.is_empty() {
            Some(input)
        } else {
            None
        }
    }
}

async fn org_new(State(_s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_create_organization())?;
    let page = req.page(req.t.get("organization-new-title"), Some((&i, &access)), "organizations");
    render(&OrgFormPage::new(page, i, req.t, None), req.t)
}

async fn org_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_create_organization())?;
    let page = req.page(req.t.get("organization-new-title"), Some((&i, &access)), "organizations");
    let mut form = OrgFormPage::new(page, i.clone(), req.t, None);
    if let Some(input) = form.read(&f, req.t) {
        match s.store.create_organization(&req.viewer.actor(), i.id, &input).await {
            Ok(o) => return Ok(see_other(&format!("/i/{}/organizations/{}?notice=created", i.slug, o.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn org_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_edit_organization(id))?;
    let o = s.store.organization(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("organization-edit-title", "name", &o.name), Some((&i, &access)), "organizations");
    render(&OrgFormPage::new(page, i, req.t, Some(&o)), req.t)
}

async fn org_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_edit_organization(id))?;
    let o = s.store.organization(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("organization-edit-title", "name", &o.name), Some((&i, &access)), "organizations");
    let mut form = OrgFormPage::new(page, i.clone(), req.t, Some(&o));
    if let Some(input) = form.read(&f, req.t) {
        match s.store.update_organization(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/organizations/{id}?notice=saved", i.slug,))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}
