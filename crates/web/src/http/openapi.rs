//! The OpenAPI document: generated from the handlers' annotations (`utoipa`), then completed here
//! with what every operation shares, so that the document tells the truth about the wire.

use crate::http::error::Problem;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Backbone API", description = "Collective impact: common agenda, partners, people, tables, accounts, shared measurement.", version = "1"),
    modifiers(&SecurityAddon),
    components(schemas(Problem)),
    tags((name = "initiatives"), (name = "agenda"), (name = "organizations"), (name = "people"), (name = "tables"), (name = "accounts"), (name = "audit"), (name = "measurement"))
)]
pub struct ApiDoc;

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme("token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        }
        openapi.security =
            Some(vec![utoipa::openapi::security::SecurityRequirement::new("token", Vec::<String>::new())]);
    }
}
