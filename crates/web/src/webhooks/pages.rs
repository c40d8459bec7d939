//! The page of this capability: the receivers, the form to add one, and the delivery log.

use crate::http::prelude::*;
use crate::webhooks::new_secret;
use backbone_core::webhooks::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/webhooks", webhooks_page, webhook_create)
        .post("/i/{slug}/webhooks/deliveries/{id}/redeliver", webhook_redeliver)
}

#[derive(Template)]
#[template(path = "webhooks/templates/webhooks.html")]
struct WebhooksPage {
    page: PageCtx,
    i: Initiative,
    endpoints: Vec<Endpoint>,
    /// Each delivery, its receiver's address, and its next attempt in the community's time.
    deliveries: Vec<(Delivery, String, Option<String>)>,
    event_types: Vec<String>,
    url: String,
    description: String,
    chosen: Vec<String>,
    /// The secret of the endpoint just made, shown once here.
    secret: Option<String>,
    errors: Errors,
}

async fn page_for(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    form: (String, String, Vec<String>),
    secret: Option<String>,
    errors: Errors,
) -> Result<WebhooksPage, PageError> {
    req.require(&access, access.can_manage_webhooks())?;
    let endpoints = s.store.endpoints(i.id).await.map_err(|e| req.err(e))?;
    let deliveries = s
        .store
        .deliveries(i.id, None, 50)
        .await
        .map_err(|e| req.err(e))?
        .into_iter()
        .map(|d| {
            let url = endpoints.iter().find(|e| e.id == d.endpoint_id).map(|e| e.url.clone()).unwrap_or_default();
            let next = d.next_attempt_at.map(|n| s.config.time_zone.show(n, req.t));
            (d, url, next)
        })
        .collect();
    Ok(WebhooksPage {
        page: req.page(req.t.get("webhooks-title"), Some((&i, &access)), "webhooks"),
        endpoints,
        deliveries,
        event_types: EVENT_TYPES.iter().map(|t| t.to_string()).collect(),
        url: form.0,
        description: form.1,
        chosen: form.2,
        secret,
        errors,
        i,
    })
}

async fn webhooks_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let p = page_for(&s, &req, i, access, Default::default(), None, Errors::default()).await?;
    render(&p, req.t)
}

async fn webhook_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_webhooks())?;
    let input = EndpointInput {
        url: f.get("url").trim().to_string(),
        description: f.get("description").to_string(),
        event_types: f.all("event_types").into_iter().map(str::to_string).collect(),
        active: true,
    };
    let secret = new_secret();
    match s.store.create_endpoint(&req.viewer.actor(), i.id, &input, &secret).await {
        Ok(_) => {
            let p = page_for(&s, &req, i, access, Default::default(), Some(secret), Errors::default()).await?;
            render(&p, req.t)
        }
        Err(e) => {
            let errors = req.form_errors(e)?;
            let form = (input.url, input.description, input.event_types);
            render_invalid(&page_for(&s, &req, i, access, form, None, errors).await?, req.t)
        }
    }
}

async fn webhook_redeliver(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_manage_webhooks())?;
    s.store.redeliver(&req.viewer.actor(), i.id, id).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/webhooks?notice=saved", i.slug)))
}
