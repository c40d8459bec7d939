//! The pages of this capability.

use crate::http::prelude::*;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::tables::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/people", people_list)
        .get_post("/i/{slug}/people/new", person_new, person_create)
        .get("/i/{slug}/people/{id}", person_show)
        .get_post("/i/{slug}/people/{id}/edit", person_edit, person_update)
        .post("/i/{slug}/people/{id}/account", person_account)
        .get_post("/i/{slug}/me", my_page, my_share)
        .post("/i/{slug}/me/withdraw", my_withdraw)
}

#[derive(Template)]
#[template(path = "people/templates/list.html")]
struct PeoplePage {
    page: PageCtx,
    i: Initiative,
    people: Vec<Person>,
    can_manage: bool,
    show_contacts: bool,
}

async fn people_list(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_view_people())?;
    let people = s
        .store
        .people(i.id)
        .await
        .map_err(|e| req.err(e))?
        .into_iter()
        .map(|p| crate::people::shown(&access, p))
        .collect();
    let page = PeoplePage {
        page: req.page(req.t.get("people-title"), Some((&i, &access)), "people"),
        can_manage: access.can_manage_people_and_tables(),
        show_contacts: access.can_view_contacts(),
        i,
        people,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "people/templates/show.html")]
struct PersonPage {
    page: PageCtx,
    i: Initiative,
    p: Person,
    memberships: Vec<Membership>,
    can_manage: bool,
    /// For staff: the accounts to link the person to, and the one linked.
    accounts: Vec<(String, String)>,
    account: String,
    errors: Errors,
}

async fn person_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    errors: Errors,
) -> Result<PersonPage, PageError> {
    let p = crate::people::shown(&access, s.store.person(i.id, id).await.map_err(|e| req.err(e))?);
    let memberships = s.store.memberships(i.id, None, Some(id)).await.map_err(|e| req.err(e))?;
    let mut accounts = Vec::new();
    if access.can_manage_people_and_tables() {
        accounts.push((String::new(), req.t.get("person-no-account")));
        accounts.extend(
            s.store
                .users()
                .await
                .map_err(|e| req.err(e))?
                .into_iter()
                .map(|u| (u.id.to_string(), format!("{} ({})", u.display_name, u.username))),
        );
    }
    Ok(PersonPage {
        page: req.page(p.name.clone(), Some((&i, &access)), "people"),
        can_manage: access.can_manage_people_and_tables(),
        account: p.user_id.map(|u| u.to_string()).unwrap_or_default(),
        accounts,
        errors,
        i,
        p,
        memberships,
    })
}

async fn person_account(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let user = f.get("user_id").parse::<Id>().ok();
    match s.store.set_person_account(&req.viewer.actor(), i.id, id, user).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/people/{id}?notice=saved", i.slug))),
        Err(e) => {
            let errors = req.form_errors(e)?;
            render_invalid(&person_page(&s, &req, i, access, id, errors).await?, req.t)
        }
    }
}

async fn person_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_view_people())?;
    render(&person_page(&s, &req, i, access, id, Errors::default()).await?, req.t)
}

#[derive(Template)]
#[template(path = "people/templates/form.html")]
struct PersonFormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    name: String,
    email: String,
    phone: String,
    title: String,
    organization_id: String,
    organizations: Vec<(String, String)>,
    d: DemographicsForm,
    errors: Errors,
}

/// The demographics part of a form — on a person's form for staff, and on "What I shared" for the
/// person themselves —, with the answer lists to choose from.
struct DemographicsForm {
    /// The consent box's label: the person agreed (staff), or I agree (the person).
    consent_label: &'static str,
    consent: bool,
    race_ethnicity: String,
    gender: String,
    age_band: String,
    primary_language: String,
    community_resident: String,
    lived_experience: String,
    race_options: Vec<(String, String)>,
    gender_options: Vec<(String, String)>,
    age_options: Vec<(String, String)>,
    resident_options: Vec<(String, String)>,
}

impl DemographicsForm {
    fn new(t: Tr, d: Option<&Demographics>, consent_label: &'static str) -> Self {
        let with_blank = |values: &[&str]| {
            let mut v = vec![(String::new(), t.get("not-shared"))];
            v.extend(values.iter().map(|x| (x.to_string(), x.to_string())));
            v
        };
        DemographicsForm {
            consent_label,
            consent: d.is_some_and(|d| d.consent),
            race_ethnicity: d.and_then(|d| d.race_ethnicity.clone()).unwrap_or_default(),
            gender: d.and_then(|d| d.gender.clone()).unwrap_or_default(),
            age_band: d.and_then(|d| d.age_band.clone()).unwrap_or_default(),
            primary_language: d.and_then(|d| d.primary_language.clone()).unwrap_or_default(),
            community_resident: yes_no_text(d.and_then(|d| d.community_resident)),
            lived_experience: yes_no_text(d.and_then(|d| d.lived_experience)),
            race_options: with_blank(RACE_ETHNICITY),
            gender_options: with_blank(GENDER),
            age_options: with_blank(AGE_BANDS),
            resident_options: vec![
                (String::new(), t.get("not-shared")),
                ("yes".into(), t.get("yes")),
                ("no".into(), t.get("no")),
            ],
        }
    }

    /// Reads the answers sent; none given and no consent is "nothing shared".
    fn read(&mut self, f: &FormData) -> Option<Demographics> {
        self.consent = f.checked("consent");
        self.race_ethnicity = f.get("race_ethnicity").to_string();
        self.gender = f.get("gender").to_string();
        self.age_band = f.get("age_band").to_string();
        self.primary_language = f.get("primary_language").to_string();
        self.community_resident = f.get("community_resident").to_string();
        self.lived_experience = f.get("lived_experience").to_string();
        let any_answer = [
            &self.race_ethnicity,
            &self.gender,
            &self.age_band,
            &self.primary_language,
            &self.community_resident,
            &self.lived_experience,
        ]
        .iter()
        .any(|v| !v.trim().is_empty());
        (self.consent || any_answer).then(|| Demographics {
            consent: self.consent,
            race_ethnicity: f.opt("race_ethnicity"),
            gender: f.opt("gender"),
            age_band: f.opt("age_band"),
            primary_language: f.opt("primary_language"),
            community_resident: yes_no(&self.community_resident),
            lived_experience: yes_no(&self.lived_experience),
        })
    }
}

/// A problem with the demographics shown at its field (`demographics.gender` → `gender`).
fn demographics_errors(errors: &mut Errors, inv: backbone_core::Invalid) {
    for fe in inv.0 {
        let name = fe.field.strip_prefix("demographics.").unwrap_or(&fe.field).to_string();
        errors.add(&name, fe.reason);
    }
}

/// A yes / no question's answer as the form sends it ("yes", "no", or blank: not shared).
fn yes_no(v: &str) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn yes_no_text(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

impl PersonFormPage {
    fn new(page: PageCtx, i: Initiative, t: Tr, orgs: &[Organization], p: Option<&Person>) -> Self {
        let mut organizations = vec![(String::new(), t.get("no-organization"))];
        organizations.extend(orgs.iter().map(|o| (o.id.to_string(), o.name.clone())));
        PersonFormPage {
            page,
            i,
            id: p.map(|p| p.id),
            name: p.map(|p| p.name.clone()).unwrap_or_default(),
            email: p.map(|p| p.email.clone()).unwrap_or_default(),
            phone: p.map(|p| p.phone.clone()).unwrap_or_default(),
            title: p.map(|p| p.title.clone()).unwrap_or_default(),
            organization_id: p.and_then(|p| p.organization_id).map(|o| o.to_string()).unwrap_or_default(),
            organizations,
            d: DemographicsForm::new(t, p.and_then(|p| p.demographics.as_ref()), "demographics-consent"),
            errors: Errors::default(),
        }
    }

    fn read(&mut self, f: &FormData, t: Tr) -> Option<PersonInput> {
        self.name = f.get("name").to_string();
        self.email = f.get("email").trim().to_string();
        self.phone = f.get("phone").trim().to_string();
        self.title = f.get("title").to_string();
        self.organization_id = f.get("organization_id").to_string();
        let demographics = self.d.read(f);
        let organization_id = match self.organization_id.as_str() {
            "" => None,
            v => match v.parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    self.errors.add("organization_id", t.get("choose-from-list"));
                    None
                }
            },
        };
        let input = PersonInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            organization_id,
            title: self.title.clone(),
            demographics,
        };
        if let Err(inv) = input.validate() {
            demographics_errors(&mut self.errors, inv);
        }
        if self.errors.is_empty() {
            Some(input)
        } else {
            None
        }
    }
}

async fn person_new(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.get("person-new-title"), Some((&i, &access)), "people");
    render(&PersonFormPage::new(page, i, req.t, &orgs, None), req.t)
}

async fn person_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.get("person-new-title"), Some((&i, &access)), "people");
    let mut form = PersonFormPage::new(page, i.clone(), req.t, &orgs, None);
    if let Some(input) = form.read(&f, req.t) {
        match s.store.create_person(&req.viewer.actor(), i.id, &input).await {
            Ok(p) => return Ok(see_other(&format!("/i/{}/people/{}?notice=created", i.slug, p.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn person_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let p = s.store.person(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("person-edit-title", "name", &p.name), Some((&i, &access)), "people");
    render(&PersonFormPage::new(page, i, req.t, &orgs, Some(&p)), req.t)
}

async fn person_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let p = s.store.person(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("person-edit-title", "name", &p.name), Some((&i, &access)), "people");
    let mut form = PersonFormPage::new(page, i.clone(), req.t, &orgs, Some(&p));
    if let Some(input) = form.read(&f, req.t) {
        match s.store.update_person(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/people/{id}?notice=saved", i.slug,))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

#[derive(Template)]
#[template(path = "people/templates/mine.html")]
struct MyPage {
    page: PageCtx,
    i: Initiative,
    name: String,
    /// Whether they have shared answers now.
    shared: bool,
    d: DemographicsForm,
    errors: Errors,
}

async fn my_form(s: &AppState, req: &Req, i: Initiative, access: Access) -> Result<(MyPage, Person), PageError> {
    let me = crate::people::api::me(s, &req.viewer, &access, i.id).await.map_err(|e| req.err(e))?;
    let page = MyPage {
        page: req.page(req.t.get("mine-title"), Some((&i, &access)), ""),
        i,
        name: me.name.clone(),
        shared: me.demographics.is_some(),
        d: DemographicsForm::new(req.t, me.demographics.as_ref(), "mine-consent"),
        errors: Errors::default(),
    };
    Ok((page, me))
}

/// "What I shared" for an account that is no person of this initiative (staff, most often): it
/// says so, rather than "not allowed".
#[derive(Template)]
#[template(path = "people/templates/mine_unlinked.html")]
struct NotLinkedPage {
    page: PageCtx,
}

async fn my_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.signed_in())?;
    if let Some(user) = &req.viewer.user {
        if s.store.person_of_user(i.id, user.id).await.map_err(|e| req.err(e))?.is_none() {
            let page = NotLinkedPage { page: req.page(req.t.get("mine-title"), Some((&i, &access)), "") };
            return render(&page, req.t);
        }
    }
    render(&my_form(&s, &req, i, access).await?.0, req.t)
}

async fn my_share(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    let slug = i.slug.clone();
    let (mut page, me) = my_form(&s, &req, i, access).await?;
    let Some(answers) = page.d.read(&f) else {
        // Nothing chosen and no consent: there is nothing to share.
        page.errors.add("consent", req.t.get("mine-nothing-chosen"));
        return render_invalid(&page, req.t);
    };
    match s.store.set_own_demographics(&req.viewer.actor(), me.initiative_id, me.id, Some(&answers)).await {
        Ok(_) => Ok(see_other(&format!("/i/{slug}/me?notice=saved"))),
        Err(backbone_core::StoreError::Invalid(inv)) => {
            demographics_errors(&mut page.errors, inv);
            render_invalid(&page, req.t)
        }
        Err(e) => Err(req.err(e)),
    }
}

async fn my_withdraw(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let me = crate::people::api::me(&s, &req.viewer, &access, i.id).await.map_err(|e| req.err(e))?;
    s.store.set_own_demographics(&req.viewer.actor(), i.id, me.id, None).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/me?notice=withdrawn", i.slug)))
}
