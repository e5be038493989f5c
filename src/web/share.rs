//! `GET /teilen/mastodon?instanz=…&seite=…`: sharing on Mastodon, on the visitor's own
//! instance. A page with the link to that instance rather than a redirect, so that nobody
//! can use the portal to send people to an address they did not choose.

use crate::error::AppError;
use crate::web::layout::Layout;
use crate::web::schema::mastodon_host;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ShareQuery {
    pub instanz: String,
    pub seite: String,
}

#[derive(Template)]
#[template(path = "share.html")]
pub struct SharePage {
    pub layout: Layout,
    pub host: String,
    pub target: String,
    pub back: String,
    /// The words before and after the instance's name.
    pub intro: (String, String),
    /// „Weiter zu …“
    pub go: String,
}

pub async fn mastodon(
    State(state): State<AppState>,
    Query(q): Query<ShareQuery>,
) -> Result<Response, AppError> {
    // Only pages of this portal are shared.
    let Some(own) = crate::domain::text::local_path(&q.seite) else {
        return Err(AppError::NotFound);
    };
    let own = own.to_owned();
    let Some(host) = mastodon_host(&q.instanz) else {
        return Err(AppError::Invalid("share-instance-missing".into()));
    };
    let url = format!("{}{}", state.base_url, own);
    let text: String = form_urlencoded::byte_serialize(url.as_bytes()).collect();
    let lang = crate::i18n::Lang::current();
    let view = SharePage {
        layout: Layout::new(lang.t("share-title")).translated(),
        intro: (lang.t("share-intro-before"), lang.t("share-intro-after")),
        go: lang.t_args("share-go", &[("host", &host)]),
        target: format!("https://{host}/share?text={text}"),
        host,
        back: own,
    };
    page::private(StatusCode::OK, &view)
}
