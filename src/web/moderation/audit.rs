//! `GET /moderation/protokoll`: the latest entries of the audit log.

use super::moderator;
use crate::db::moderation;
use crate::error::AppError;
use crate::web::editor::lifecycle::AuditView;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "moderation/audit.html")]
pub struct AuditPage {
    pub layout: Layout,
    pub lines: Vec<AuditView>,
}

/// `GET /moderation/protokoll`: the latest 300 entries of the audit log.
pub async fn get(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    moderator(&state, &session).await?;
    let lines = moderation::recent_audit(&state.db, 300).await?;
    page::private(
        StatusCode::OK,
        &AuditPage {
            layout: Layout::new(Lang::current().t("mod-audit-title")).translated(),
            lines: lines.into_iter().map(AuditView::from).collect(),
        },
    )
}
