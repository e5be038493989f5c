//! Votes on motions: the board adds a motion with its rules (secret or open, quorum,
//! majority, how long it is open); members vote yes / no / abstain for themselves and for
//! the members whose proxies they hold; the board closes it and every member hears the
//! result. A secret vote's numbers are shown only once it is closed.

use super::assemblies::{Viewer, assembly_view, viewer};
use super::board_member;
use crate::db::assemblies::{self, MotionRow, NewMotion, VoteError};
use crate::domain::account::FieldErrors;
use crate::domain::assembly::{Choice, Majority, Outcome, outcome};
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::AppState;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::page;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct MotionView {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub rules: String,
    pub open: bool,
    pub closed: bool,
    pub until: String,
    /// The members this viewer may still vote for: (member id, name; empty for oneself).
    pub votes_for: Vec<(i64, String)>,
    pub result: String,
    pub ballots: Vec<(String, String)>,
}

/// A closed vote's result with its numbers, in `lang`.
pub fn result_words(o: Outcome, lang: Lang) -> String {
    let key = match (o.quorate, o.passed) {
        (false, _) => "vote-result-no-quorum",
        (true, true) => "vote-result-passed",
        (true, false) => "vote-result-failed",
    };
    let (yes, no, abstain) = (
        o.tally.yes.to_string(),
        o.tally.no.to_string(),
        o.tally.abstain.to_string(),
    );
    lang.t_args(
        key,
        &[
            ("yes", yes.as_str()),
            ("no", no.as_str()),
            ("abstain", abstain.as_str()),
        ],
    )
}

/// A motion as the viewer sees it.
pub async fn motion_view(
    state: &AppState,
    v: &Viewer,
    m: MotionRow,
    proxies: &[(i64, String, i64, String)],
    lang: Lang,
) -> Result<MotionView, AppError> {
    let now = state.clock.now().timestamp();
    let voted = assemblies::voted(&state.db, m.id).await?;
    let mut votes_for = Vec::new();
    if let Some(me) = v.member
        && m.is_open(now)
    {
        if !voted.contains(&me) && !proxies.iter().any(|p| p.0 == me) {
            votes_for.push((me, String::new()));
        }
        for p in proxies
            .iter()
            .filter(|p| p.2 == me && !voted.contains(&p.0))
        {
            votes_for.push((p.0, p.1.clone()));
        }
    }
    let closed = m.is_closed(now);
    let (result, ballots) = if closed {
        let entitled = assemblies::entitled(&state.db).await?;
        let o = outcome(
            assemblies::tally(&state.db, &m).await?,
            entitled,
            m.quorum_percent,
            m.majority,
        );
        let result = result_words(o, lang);
        let ballots = if m.secret {
            Vec::new()
        } else {
            assemblies::open_ballots(&state.db, m.id)
                .await?
                .into_iter()
                .map(|(name, c)| (name, lang.t(&format!("vote-choice-{c}"))))
                .collect()
        };
        (result, ballots)
    } else {
        (String::new(), Vec::new())
    };
    let quorum = m.quorum_percent.to_string();
    let majority = lang.t(&format!("vote-majority-{}", m.majority.key()));
    let kind = lang.t(if m.secret {
        "vote-kind-secret"
    } else {
        "vote-kind-open"
    });
    Ok(MotionView {
        id: m.id,
        open: m.is_open(now),
        closed,
        until: crate::domain::calendar::date_time_in(
            crate::web::listing::instant(m.closes_at),
            lang.dates(),
        ),
        rules: lang.t_args(
            "vote-rules",
            &[
                ("kind", kind.as_str()),
                ("quorum", quorum.as_str()),
                ("majority", majority.as_str()),
            ],
        ),
        title: m.title,
        body: crate::web::markdown::render(&m.body),
        votes_for,
        result,
        ballots,
    })
}

/// `POST /verein/versammlungen/{id}/antraege`: the board puts a motion to the vote; a
/// refused form comes back with what was typed.
pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = board_member(&state, &session).await?;
    let v = viewer(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    assemblies::assembly(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let title: String = form.trimmed("title").chars().take(200).collect();
    if title.chars().count() < 3 {
        errors.add("title", "motion-title-missing");
    }
    let text: String = form.trimmed("text").chars().take(20_000).collect();
    let number = |name: &str, range: std::ops::RangeInclusive<i64>| {
        form.trimmed(name)
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
    };
    let quorum = number("quorum", 0..=100);
    if quorum.is_none() {
        errors.add("quorum", "motion-quorum-invalid");
    }
    let majority = Majority::parse(form.get("majority"));
    if majority.is_none() {
        errors.add("majority", "motion-majority-invalid");
    }
    let days = number("days", 1..=30);
    if days.is_none() {
        errors.add("days", "motion-days-invalid");
    }
    let (Some(quorum), Some(majority), Some(days), true) =
        (quorum, majority, days, errors.is_empty())
    else {
        let view = assembly_view(&state, &v, id, FormView::new(form, errors)).await?;
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let now = state.clock.now().timestamp();
    assemblies::add_motion(
        &state.db,
        id,
        &NewMotion {
            title: &title,
            body: &text,
            secret: form.get("secret") == "1",
            quorum_percent: quorum,
            majority,
            opens_at: now,
            closes_at: now + days * 86_400,
        },
        Some(actor),
        now,
    )
    .await?;
    Ok(redirect(&format!("/verein/versammlungen/{id}")).into_response())
}

async fn motion_of(state: &AppState, id: &str) -> Result<MotionRow, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    assemblies::motion(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// `POST /verein/abstimmungen/{id}/stimme`: a member votes (for itself, or with `fuer` for
/// a member whose proxy it holds).
pub async fn cast(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let v = viewer(&state, &session).await?;
    let Some(me) = v.member else {
        return Err(AppError::Forbidden);
    };
    let m = motion_of(&state, &id).await?;
    let form = FormData::from_urlencoded(&body);
    let choice = Choice::parse(form.get("choice"))
        .ok_or_else(|| AppError::Invalid("vote-choice-missing".into()))?;
    let member = match form.trimmed("fuer") {
        "" => me,
        other => other
            .parse()
            .map_err(|_| AppError::Invalid("vote-no-proxy".into()))?,
    };
    match assemblies::cast(
        &state.db,
        &m,
        me,
        member,
        choice,
        state.clock.now().timestamp(),
    )
    .await
    {
        Ok(()) => Ok(redirect(&format!("/verein/versammlungen/{}", m.assembly_id)).into_response()),
        Err(VoteError::Refused(r)) => Err(AppError::Invalid(r.to_string())),
        Err(VoteError::Db(e)) => Err(e.into()),
    }
}

/// `POST /verein/abstimmungen/{id}/schliessen`: the board closes the vote; every member
/// hears the result with its numbers.
pub async fn close(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = board_member(&state, &session).await?;
    let m = motion_of(&state, &id).await?;
    let now = state.clock.now().timestamp();
    if assemblies::close(&state.db, m.id, Some(actor), now).await? {
        let o = outcome(
            assemblies::tally(&state.db, &m).await?,
            assemblies::entitled(&state.db).await?,
            m.quorum_percent,
            m.majority,
        );
        let link = format!("/verein/versammlungen/{}", m.assembly_id);
        super::tell_members(
            &state,
            |lang| {
                let result = result_words(o, lang);
                let args = [("title", m.title.as_str()), ("result", result.as_str())];
                (
                    lang.t_args("notice-vote-subject", &args),
                    lang.t_args("notice-vote-text", &args),
                )
            },
            &link,
        )
        .await?;
    }
    Ok(redirect(&format!("/verein/versammlungen/{}", m.assembly_id)).into_response())
}
