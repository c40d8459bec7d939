//! The page of this capability: a table's charter, who endorsed it, its earlier versions, and the
//! forms to adopt a new version and to endorse.

use crate::decisions::voter;
use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::charters::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/tables/{id}/charter", charter_page, charter_adopt)
        .post("/i/{slug}/tables/{id}/charter/endorse", charter_endorse)
}

#[derive(Template)]
#[template(path = "charters/templates/charter.html")]
struct CharterPage {
    page: PageCtx,
    i: Initiative,
    table_id: Id,
    table: String,
    versions: Vec<CharterVersion>,
    endorsements: Vec<CharterEndorsement>,
    can_adopt: bool,
    can_endorse: bool,
    endorsed: bool,
    form: CharterInput,
    errors: Errors,
}

async fn page_for(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    table_id: Id,
    form: Option<CharterInput>,
    errors: Errors,
) -> Result<CharterPage, PageError> {
    req.require(&access, access.can_view_meetings())?;
    let e = |e| req.err(e);
    let table = s.store.table(i.id, table_id).await.map_err(e)?;
    let versions = s.store.charter_versions(i.id, table_id).await.map_err(e)?;
    let endorsements = match versions.first() {
        Some(v) => s.store.charter_endorsements(i.id, v.id).await.map_err(e)?,
        None => Vec::new(),
    };
    let who = voter(s, i.id, &req.viewer, table_id).await.map_err(|e| req.err(e))?;
    let can_adopt =
        access.can_run_meetings_of(leads_table(s, i.id, &req.viewer, table_id).await.map_err(|e| req.err(e))?);
    let form = form.unwrap_or_else(|| match versions.first() {
        Some(v) => CharterInput {
            values: v.values.clone(),
            roles: v.roles.clone(),
            decision_making: v.decision_making.clone(),
            conflict: v.conflict.clone(),
            reason: String::new(),
        },
        None => CharterInput::default(),
    });
    Ok(CharterPage {
        page: req.page(req.t.with("charter-title", "table", &table.name), Some((&i, &access)), "tables"),
        table_id,
        table: table.name,
        can_endorse: !versions.is_empty() && access.can_endorse_charter(who.is_some_and(|(_, seated)| seated)),
        endorsed: who.is_some_and(|(p, _)| endorsements.iter().any(|e| e.person_id == p)),
        versions,
        endorsements,
        can_adopt,
        form,
        errors,
        i,
    })
}

async fn charter_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    render(&page_for(&s, &req, i, access, id, None, Errors::default()).await?, req.t)
}

async fn charter_adopt(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(
        &access,
        access.can_run_meetings_of(leads_table(&s, i.id, &req.viewer, id).await.map_err(|e| req.err(e))?),
    )?;
    let input = CharterInput {
        values: f.get("values").to_string(),
        roles: f.get("roles").to_string(),
        decision_making: f.get("decision_making").to_string(),
        conflict: f.get("conflict").to_string(),
        reason: f.get("reason").to_string(),
    };
    match s.store.adopt_charter(&req.viewer.actor(), i.id, id, &input).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/tables/{id}/charter?notice=saved", i.slug))),
        Err(e) => {
            let errors = req.form_errors(e)?;
            render_invalid(&page_for(&s, &req, i, access, id, Some(input), errors).await?, req.t)
        }
    }
}

async fn charter_endorse(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let who = voter(&s, i.id, &req.viewer, id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_endorse_charter(who.is_some_and(|(_, seated)| seated)))?;
    let Some((person, _)) = who else { return Err(req.err(AppError::Forbidden)) };
    let Some(current) = s.store.charter_versions(i.id, id).await.map_err(|e| req.err(e))?.into_iter().next() else {
        return Err(req.err(AppError::NotFound("charter")));
    };
    s.store
        .endorse_charter(&req.viewer.actor(), i.id, current.id, person, f.get("comment"))
        .await
        .map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/tables/{id}/charter?notice=endorsed", i.slug)))
}
