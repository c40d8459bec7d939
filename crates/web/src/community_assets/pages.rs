//! The pages of this capability: community assets by place, each asset with its history, the
//! form members record them with, and staff's change and retire.

use crate::http::prelude::*;
use backbone_core::activities::alignment::{self, StrategyRef};
use backbone_core::community_assets::*;
use backbone_core::measure::place::Geography;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/community-assets", list_page)
        .get_post("/i/{slug}/community-assets/new", new_page, create)
        .get("/i/{slug}/community-assets/{id}", show_page)
        .get_post("/i/{slug}/community-assets/{id}/edit", edit_page, update)
        .post("/i/{slug}/community-assets/{id}/retire", retire)
}

/// What the pages name things by: places and strategies.
struct Names {
    places: Vec<Geography>,
    strategies: Vec<StrategyRef>,
}

impl Names {
    async fn load(s: &AppState, req: &Req, i: &Initiative) -> Result<Names, PageError> {
        let e = |e| req.err(e);
        Ok(Names {
            places: s.store.geographies(i.id).await.map_err(e)?,
            strategies: alignment::strategies_of(s.store.current_agenda(i.id).await.map_err(e)?.as_ref()),
        })
    }

    fn place(&self, code: &str) -> String {
        self.places.iter().find(|g| g.code == code).map(|g| g.name.clone()).unwrap_or_else(|| code.to_string())
    }

    fn strategies_of(&self, a: &CommunityAsset) -> Vec<String> {
        a.strategy_keys
            .iter()
            .map(|k| self.strategies.iter().find(|s| &s.key == k).map(|s| s.title.clone()).unwrap_or_else(|| k.clone()))
            .collect()
    }
}

/// A place's name and its assets, each with the titles of its strategies.
type PlaceAssets = (String, Vec<(CommunityAsset, Vec<String>)>);

#[derive(Template)]
#[template(path = "community_assets/templates/list.html")]
struct ListPage {
    page: PageCtx,
    i: Initiative,
    /// (place name, its assets with the titles of their strategies), in the places' order.
    by_place: Vec<PlaceAssets>,
    can_record: bool,
}

async fn list_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let names = Names::load(&s, &req, &i).await?;
    let assets = super::assets_for(&s, i.id, &access).await.map_err(|e| req.err(e))?;
    let by_place = names
        .places
        .iter()
        .filter_map(|g| {
            let here: Vec<_> =
                assets.iter().filter(|a| a.place == g.code).map(|a| (a.clone(), names.strategies_of(a))).collect();
            (!here.is_empty()).then(|| (g.name.clone(), here))
        })
        .collect();
    let page = ListPage {
        page: req.page(req.t.get("assets-title"), Some((&i, &access)), "activities"),
        can_record: access.can_record_community_asset(),
        by_place,
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "community_assets/templates/show.html")]
struct ShowPage {
    page: PageCtx,
    i: Initiative,
    a: CommunityAsset,
    place: String,
    strategies: Vec<String>,
    /// Every state, newest first.
    history: Vec<CommunityAsset>,
    can_edit: bool,
    errors: Errors,
    reason: String,
}

async fn show(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    errors: Errors,
    reason: String,
) -> PageResult {
    let member = access.can_view_asset_contacts();
    let a = s.store.community_asset(i.id, id).await.map_err(|e| req.err(e))?.shown(member);
    let mut history: Vec<CommunityAsset> = s
        .store
        .community_asset_history(i.id, id)
        .await
        .map_err(|e| req.err(e))?
        .into_iter()
        .map(|a| a.shown(member))
        .collect();
    history.reverse();
    let names = Names::load(s, req, &i).await?;
    let page = ShowPage {
        page: req.page(a.name.clone(), Some((&i, &access)), "activities"),
        place: names.place(&a.place),
        strategies: names.strategies_of(&a),
        can_edit: access.can_edit_community_assets() && a.status == AssetStatus::Active,
        history,
        errors,
        reason,
        a,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn show_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    show(&s, &req, i, access, id, Errors::default(), String::new()).await
}

async fn retire(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_edit_community_assets())?;
    let reason = f.get("reason").to_string();
    match s.store.retire_community_asset(&req.viewer.actor(), i.id, id, &RetireAsset { reason: reason.clone() }).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/community-assets/{id}?notice=saved", i.slug))),
        Err(e) => {
            let errors = req.form_errors(e)?;
            show(&s, &req, i, access, id, errors, reason).await
        }
    }
}

/// A checkbox of a list: (value, label, checked).
type Choice = (String, String, bool);

#[derive(Template)]
#[template(path = "community_assets/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    kind: String,
    name: String,
    description: String,
    place: String,
    address: String,
    latitude: String,
    longitude: String,
    serves: String,
    contact: String,
    resident_led: bool,
    kinds: Vec<(String, String)>,
    places: Vec<(String, String)>,
    strategies: Vec<Choice>,
    errors: Errors,
}

impl FormPage {
    fn new(page: PageCtx, i: Initiative, t: Tr, names: &Names, a: Option<&CommunityAsset>) -> FormPage {
        let text = |v: Option<String>| v.unwrap_or_default();
        let mut places = vec![(String::new(), t.get("asset-choose-place"))];
        places.extend(names.places.iter().map(|g| (g.code.clone(), g.name.clone())));
        let chosen = a.map(|a| a.strategy_keys.clone()).unwrap_or_default();
        FormPage {
            page,
            i,
            id: a.map(|a| a.id),
            kind: a.map(|a| a.kind.as_str()).unwrap_or("place").to_string(),
            name: text(a.map(|a| a.name.clone())),
            description: text(a.map(|a| a.description.clone())),
            place: text(a.map(|a| a.place.clone())),
            address: text(a.and_then(|a| a.address.clone())),
            latitude: text(a.and_then(|a| a.latitude).map(|v| v.to_string())),
            longitude: text(a.and_then(|a| a.longitude).map(|v| v.to_string())),
            serves: text(a.map(|a| a.serves.clone())),
            contact: text(a.and_then(|a| a.contact.clone())),
            resident_led: a.is_some_and(|a| a.resident_led),
            kinds: options(AssetKind::ALL, t, AssetKind::label_key, AssetKind::as_str),
            places,
            strategies: names
                .strategies
                .iter()
                .map(|s| (s.key.clone(), s.title.clone(), chosen.contains(&s.key)))
                .collect(),
            errors: Errors::default(),
        }
    }

    /// Reads the form; `None` (with the problems shown) when it cannot be an asset.
    fn read(&mut self, f: &FormData, t: Tr) -> Option<CommunityAssetInput> {
        self.kind = f.get("kind").to_string();
        self.name = f.get("name").to_string();
        self.description = f.get("description").to_string();
        self.place = f.get("place").trim().to_string();
        self.address = f.get("address").to_string();
        self.latitude = f.get("latitude").trim().to_string();
        self.longitude = f.get("longitude").trim().to_string();
        self.serves = f.get("serves").to_string();
        self.contact = f.get("contact").to_string();
        self.resident_led = !f.get("resident_led").is_empty();
        let chosen: Vec<String> = f.all("strategy_keys").into_iter().map(String::from).collect();
        for s in &mut self.strategies {
            s.2 = chosen.contains(&s.0);
        }
        let mut errors = Errors::default();
        let kind = AssetKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", t.get("asset-choose-kind"));
        }
        let mut degrees = |field: &str, text: &str| -> Option<f64> {
            if text.is_empty() {
                return None;
            }
            let v = text.parse::<f64>().ok().filter(|v| v.is_finite());
            if v.is_none() {
                errors.add(field, t.get("asset-degrees-number"));
            }
            v
        };
        let latitude = degrees("latitude", &self.latitude.clone());
        let longitude = degrees("longitude", &self.longitude.clone());
        let opt = |v: &str| Some(v.to_string()).filter(|v| !v.trim().is_empty());
        let input = CommunityAssetInput {
            kind: kind.unwrap_or(AssetKind::Place),
            name: self.name.clone(),
            description: self.description.clone(),
            place: self.place.clone(),
            address: opt(&self.address),
            latitude,
            longitude,
            serves: self.serves.clone(),
            contact: opt(&self.contact),
            resident_led: self.resident_led,
            strategy_keys: chosen,
        };
        if let Err(inv) = input.validate() {
            for e in inv.0 {
                let name = e.field.split('[').next().unwrap_or(&e.field).to_string();
                errors.add(&name, e.reason);
            }
        }
        if errors.is_empty() {
            Some(input)
        } else {
            self.errors = errors;
            None
        }
    }
}

async fn new_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_record_community_asset())?;
    let names = Names::load(&s, &req, &i).await?;
    let page = req.page(req.t.get("asset-new-title"), Some((&i, &access)), "activities");
    render(&FormPage::new(page, i, req.t, &names, None), req.t)
}

async fn create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_record_community_asset())?;
    let names = Names::load(&s, &req, &i).await?;
    let page = req.page(req.t.get("asset-new-title"), Some((&i, &access)), "activities");
    let mut form = FormPage::new(page, i.clone(), req.t, &names, None);
    if let Some(input) = form.read(&f, req.t) {
        match s.store.create_community_asset(&req.viewer.actor(), i.id, &input).await {
            Ok(a) => return Ok(see_other(&format!("/i/{}/community-assets/{}?notice=created", i.slug, a.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn edit_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_edit_community_assets())?;
    let a = s.store.community_asset(i.id, id).await.map_err(|e| req.err(e))?;
    let names = Names::load(&s, &req, &i).await?;
    let page = req.page(req.t.with("asset-edit-title", "name", &a.name), Some((&i, &access)), "activities");
    render(&FormPage::new(page, i, req.t, &names, Some(&a)), req.t)
}

async fn update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_edit_community_assets())?;
    let a = s.store.community_asset(i.id, id).await.map_err(|e| req.err(e))?;
    let names = Names::load(&s, &req, &i).await?;
    let page = req.page(req.t.with("asset-edit-title", "name", &a.name), Some((&i, &access)), "activities");
    let mut form = FormPage::new(page, i.clone(), req.t, &names, Some(&a));
    if let Some(input) = form.read(&f, req.t) {
        match s.store.update_community_asset(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/community-assets/{id}?notice=saved", i.slug))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}
