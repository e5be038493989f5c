//! Moderation in the open: `/moderation/transparenz` lists what was refused, hidden or
//! removed and the rule of `/regeln` it cites, with the quarterly figures — no names, no
//! addresses, no reasons written by people. Whoever a decision affects may object once
//! (`…/{id}/widerspruch`); another moderator than the first decides
//! (`/moderation/widersprueche`), the outcome is told (centre and mail) and logged.

use super::moderator;
use crate::db::transparency::{self, ObjectError, PublicDecision};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::transparency::{
    ObjectionOutcome, Quarter, Ruling, may_decide_objection, median,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::{current_user, require_actor};
use crate::web::association::date_in;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::notify::notify_in;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use tower_sessions::Session;

const PER_PAGE: i64 = 50;

pub struct DecisionView {
    pub id: i64,
    pub date: String,
    pub what: String,
    pub rule: Option<i64>,
    pub rule_title: String,
    pub objection: String,
}

fn decision_view(d: PublicDecision, lang: Lang) -> DecisionView {
    let what = Ruling::of_action(&d.action)
        .map(|r| lang.t(&r.message_id()))
        .unwrap_or_default();
    DecisionView {
        id: d.id,
        date: date_in(d.at, lang),
        what,
        rule_title: d
            .rule
            .map(|n| lang.t(&format!("rule-{n}-title")))
            .unwrap_or_default(),
        rule: d.rule,
        objection: d
            .objection
            .map(|o| lang.t(&format!("objection-state-{o}")))
            .unwrap_or_default(),
    }
}

pub struct QuarterView {
    pub name: String,
    pub decisions: i64,
    pub objections: i64,
    pub upheld: i64,
    pub median: String,
}

fn duration_words(seconds: i64, lang: Lang) -> String {
    let hours = (seconds + 1800) / 3600;
    if hours < 48 {
        lang.t_count("duration-hours", hours)
    } else {
        lang.t_count("duration-days", (hours + 12) / 24)
    }
}

async fn quarters(state: &AppState, lang: Lang) -> Result<Vec<QuarterView>, AppError> {
    let now = state.clock.now().timestamp();
    let since = now - 2 * 366 * 86_400;
    let (decisions, objections) = transparency::figures_since(&state.db, since).await?;
    #[derive(Default)]
    struct Sums {
        decisions: i64,
        objections: i64,
        upheld: i64,
        durations: Vec<i64>,
    }
    let mut by: BTreeMap<Quarter, Sums> = BTreeMap::new();
    for (at,) in decisions {
        by.entry(Quarter::of(at)).or_default().decisions += 1;
    }
    for (filed, decided, outcome) in objections {
        let s = by.entry(Quarter::of(filed)).or_default();
        s.objections += 1;
        if outcome == ObjectionOutcome::Upheld.key() {
            s.upheld += 1;
        }
        if let Some(d) = decided {
            s.durations.push(d - filed);
        }
    }
    Ok(by
        .into_iter()
        .rev()
        .map(|(q, s)| QuarterView {
            name: lang.t_args(
                "transparency-quarter",
                &[("q", &q.q.to_string()), ("year", &q.year.to_string())],
            ),
            decisions: s.decisions,
            objections: s.objections,
            upheld: s.upheld,
            median: median(s.durations)
                .map(|d| duration_words(d, lang))
                .unwrap_or_else(|| "—".into()),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "moderation/transparency.html")]
pub struct TransparencyPage {
    pub layout: Layout,
    pub decisions: Vec<DecisionView>,
    pub quarters: Vec<QuarterView>,
    pub mine: Vec<DecisionView>,
    pub page: i64,
    pub pages: i64,
}

/// `GET /moderation/transparenz[?seite=N]`: the public log and the figures; a logged-in
/// member also sees the decisions about them, with the way to object.
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let page_no = query
        .as_deref()
        .and_then(|q| q.strip_prefix("seite="))
        .map(|n| n.parse::<i64>().map_err(|_| AppError::NotFound))
        .transpose()?
        .unwrap_or(1);
    let total = transparency::count_decisions(&state.db).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if !(1..=pages).contains(&page_no) {
        return Err(AppError::NotFound);
    }
    let decisions = transparency::public_decisions(&state.db, PER_PAGE, (page_no - 1) * PER_PAGE)
        .await?
        .into_iter()
        .map(|d| decision_view(d, lang))
        .collect();
    let user = current_user(&state, &session).await?;
    let mine = match &user {
        Some(u) => transparency::decisions_affecting(&state.db, u.id)
            .await?
            .into_iter()
            .map(|d| decision_view(d, lang))
            .collect(),
        None => Vec::new(),
    };
    let view = TransparencyPage {
        layout: Layout::new(lang.t("transparency-title")).translated(),
        decisions,
        quarters: quarters(&state, lang).await?,
        mine,
        page: page_no,
        pages,
    };
    page::private(StatusCode::OK, &view)
}

#[derive(Template)]
#[template(path = "moderation/objection.html")]
pub struct ObjectionPage {
    pub layout: Layout,
    pub decision: DecisionView,
    pub f: FormView,
    pub filed: bool,
}

/// The decision `id` if it affects the logged-in account.
async fn own_decision(
    state: &AppState,
    session: &Session,
    id: &str,
) -> Result<(i64, transparency::DecisionRow), AppError> {
    let (user, _) = require_actor(state, session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let d = transparency::decision(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if transparency::affected(&state.db, &d).await? != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    Ok((user.id, d))
}

fn public_of(d: &transparency::DecisionRow) -> PublicDecision {
    PublicDecision {
        id: d.id,
        at: d.at,
        action: d.action.clone(),
        rule: d.rule,
        objection: None,
    }
}

/// `GET /moderation/transparenz/{id}/widerspruch`: the objection form.
pub async fn objection_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, d) = own_decision(&state, &session, &id).await?;
    let lang = Lang::current();
    let view = ObjectionPage {
        layout: Layout::new(lang.t("objection-title")).translated(),
        decision: decision_view(public_of(&d), lang),
        f: FormView::new(FormData::default(), FieldErrors::default()),
        filed: false,
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /moderation/transparenz/{id}/widerspruch`: files the one objection, with a reason;
/// the moderators hear of it.
pub async fn object(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, d) = own_decision(&state, &session, &id).await?;
    let lang = Lang::current();
    let form = FormData::from_urlencoded(&body);
    let reason: String = form.trimmed("reason").chars().take(3000).collect();
    let mut errors = FieldErrors::default();
    if reason.chars().count() < 10 {
        errors.add("reason", "objection-reason-missing");
    }
    if errors.is_empty() {
        match transparency::object(
            &state.db,
            d.id,
            user,
            &reason,
            state.clock.now().timestamp(),
        )
        .await
        {
            Ok(_) => {
                crate::web::notify::notify_moderators_in(
                    &state,
                    |lang| {
                        (
                            lang.t("notice-objection-subject"),
                            lang.t("notice-objection-text"),
                        )
                    },
                    "/moderation/widersprueche",
                )
                .await?;
                let view = ObjectionPage {
                    layout: Layout::new(lang.t("objection-title")).translated(),
                    decision: decision_view(public_of(&d), lang),
                    f: FormView::new(FormData::default(), FieldErrors::default()),
                    filed: true,
                };
                return page::private(StatusCode::OK, &view);
            }
            Err(ObjectError::Twice) => errors.add("reason", "objection-twice"),
            Err(ObjectError::Db(e)) => return Err(e.into()),
        }
    }
    let view = ObjectionPage {
        layout: Layout::new(lang.t("objection-title")).translated(),
        decision: decision_view(public_of(&d), lang),
        f: FormView::new(form, errors),
        filed: false,
    };
    page::private(StatusCode::UNPROCESSABLE_ENTITY, &view)
}

pub struct ObjectionLine {
    pub id: i64,
    pub what: String,
    pub objector: String,
    pub first: String,
    pub reason: String,
    pub filed: String,
    /// Whether the viewer may decide it (not the moderator who decided first).
    pub decidable: bool,
}

#[derive(Template)]
#[template(path = "moderation/objections.html")]
pub struct ObjectionsPage {
    pub layout: Layout,
    pub lines: Vec<ObjectionLine>,
}

/// `GET /moderation/widersprueche`: open objections (moderators).
pub async fn objections(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let lang = Lang::current();
    let lines = transparency::open_objections(&state.db)
        .await?
        .into_iter()
        .map(|o| ObjectionLine {
            id: o.id,
            what: Ruling::of_action(&o.action)
                .map(|r| lang.t(&r.message_id()))
                .unwrap_or_default(),
            objector: o.objector.unwrap_or_else(|| "—".into()),
            first: o.first_actor_name.unwrap_or_else(|| "—".into()),
            reason: o.reason,
            filed: date_in(o.filed_at, lang),
            decidable: may_decide_objection(o.first_actor, actor.user_id),
        })
        .collect();
    page::private(
        StatusCode::OK,
        &ObjectionsPage {
            layout: Layout::new(lang.t("objections-title")).translated(),
            lines,
        },
    )
}

async fn decide(
    state: &AppState,
    session: &Session,
    id: &str,
    outcome: ObjectionOutcome,
    body: &[u8],
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let o = transparency::objection(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_decide_objection(o.first_actor, actor.user_id) {
        return Err(AppError::Invalid("objection-same-moderator".into()));
    }
    let answer: String = FormData::from_urlencoded(body)
        .trimmed("answer")
        .chars()
        .take(3000)
        .collect();
    let decided = transparency::decide_objection(
        &state.db,
        &o,
        outcome,
        &answer,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    if decided && let (Some(user), Some(email)) = (o.objector_id, o.objector_email.as_deref()) {
        let key = format!("notice-objection-{}", outcome.key());
        notify_in(
            state,
            user,
            email,
            "entscheidungen",
            |lang| {
                let args = [("answer", answer.as_str())];
                (
                    lang.t(&format!("{key}-subject")),
                    lang.t_args(&format!("{key}-text"), &args),
                )
            },
            "/moderation/transparenz",
        )
        .await?;
    }
    Ok(redirect("/moderation/widersprueche").into_response())
}

/// `POST /moderation/widersprueche/{id}/stattgeben`: the objection succeeds; the decision
/// is taken back where the portal can.
pub async fn uphold(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide(&state, &session, &id, ObjectionOutcome::Upheld, &body).await
}

/// `POST /moderation/widersprueche/{id}/zurueckweisen`: the decision stands.
pub async fn dismiss(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide(&state, &session, &id, ObjectionOutcome::Dismissed, &body).await
}

/// Records the rule a moderator cited (`regel` in the decision's form) on the decision
/// just written; no rule chosen, nothing cited.
pub async fn cite(
    state: &AppState,
    form: &FormData,
    ruling: Ruling,
    subject: (&str, i64),
    moderator: i64,
) -> Result<(), AppError> {
    if let Some(rule) = crate::domain::association::parse_rule(form.get("regel")) {
        transparency::cite(&state.db, ruling.action(), subject, rule, moderator).await?;
    }
    Ok(())
}
