//! Page routes, recorded as they are declared, so that tests can walk every one of them (every
//! state-changing route must refuse a request without its CSRF token).

use crate::AppState;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{get, post, MethodRouter};
use axum::Router;

/// A router of pages that remembers its routes.
#[derive(Default)]
pub struct PageRoutes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl PageRoutes {
    pub fn new() -> Self {
        PageRoutes { router: Router::new(), list: Vec::new() }
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.route(path, get(handler), &[Method::GET])
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.route(path, post(handler), &[Method::POST])
    }

    /// A page and the form on it that posts back to the same address.
    pub fn get_post<G, TG, P, TP>(self, path: &'static str, page: G, form: P) -> Self
    where
        G: Handler<TG, AppState>,
        P: Handler<TP, AppState>,
        TG: 'static,
        TP: 'static,
    {
        self.route(path, get(page).post(form), &[Method::GET, Method::POST])
    }

    /// Any method router (one with layers of its own, such as a larger body limit).
    pub fn route(mut self, path: &'static str, methods: MethodRouter<AppState>, list: &[Method]) -> Self {
        self.router = self.router.route(path, methods);
        self.list.extend(list.iter().map(|m| (m.clone(), path)));
        self
    }

    pub fn merge(mut self, other: PageRoutes) -> Self {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<(Method, &'static str)>) {
        (self.router, self.list)
    }
}
