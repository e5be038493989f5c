//! Organisations in the members' area: owners edit the data and manage members (invite by
//! e-mail, change role, remove); members apply to found or join an organisation.

use crate::auth;
use crate::db::moderation;
use crate::db::organizations::{self, MemberRow, OrgEdit, OrgRow};
use crate::domain::account::{Email, FieldErrors};
use crate::domain::form::FormData;
use crate::domain::permissions::{Actor, OrgRole};
use crate::error::AppError;
use crate::web::account::{current_user, require_actor};
use crate::web::editor::form::FormView;
use crate::web::editor::lifecycle::AuditView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "orgs/manage.html")]
pub struct ManagePage {
    pub layout: Layout,
    pub org: OrgRow,
    /// Owners and editors edit the profile; only owners manage members.
    pub editor: bool,
    pub categories: Vec<crate::web::editor::Choice>,
    /// The same Sparten by slug, for the import's fallback.
    pub sparten: Vec<crate::web::editor::Choice>,
    pub districts: Vec<crate::web::editor::Choice>,
    pub members: Vec<MemberRow>,
    pub owner: bool,
    pub me: i64,
    pub f: FormView,
    pub notice: String,
    pub lines: Vec<AuditView>,
    pub tokens: Vec<TokenView>,
    /// A token just created, shown this once.
    pub new_token: String,
    /// The iframe snippet for the organisation's own website.
    pub snippet: String,
    pub logo: Option<String>,
    pub subscriptions: Vec<SubscriptionView>,
    /// Venues whose data this organisation keeps.
    pub venues: Vec<crate::db::directory::Named>,
}

/// A subscribed calendar as the organisation's page shows it.
pub struct SubscriptionView {
    pub id: i64,
    pub url: String,
    pub status: String,
    pub checked: String,
    pub report: String,
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub used: String,
    pub revoked: bool,
}

async fn org_for(state: &AppState, actor: &Actor, slug: &str) -> Result<OrgRow, AppError> {
    let org = organizations::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role_in(org.id).is_none() && !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

/// The organisation `slug` when the logged-in person may manage it (owners, admins).
async fn managed(
    state: &AppState,
    session: &Session,
    slug: &str,
) -> Result<(crate::db::users::UserRow, Actor, OrgRow), AppError> {
    let (user, actor) = require_actor(state, session).await?;
    let org = org_for(state, &actor, slug).await?;
    if !actor.can_manage_org(org.id) {
        return Err(AppError::Forbidden);
    }
    Ok((user, actor, org))
}

async fn render(
    state: &AppState,
    actor: &Actor,
    org: OrgRow,
    f: FormView,
    notice: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    render_with_token(state, actor, org, f, notice, status, String::new()).await
}

/// The organisation's page again with the form as sent and what is wrong with it.
async fn refused(
    state: &AppState,
    actor: &Actor,
    org: OrgRow,
    form: FormData,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let f = FormView::new(form, errors);
    render(
        state,
        actor,
        org,
        f,
        String::new(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

async fn render_with_token(
    state: &AppState,
    actor: &Actor,
    org: OrgRow,
    f: FormView,
    notice: String,
    status: StatusCode,
    new_token: String,
) -> Result<Response, AppError> {
    let owner = actor.can_manage_org(org.id);
    let lang = Lang::current();
    let when = |t: i64| {
        crate::domain::calendar::date_time_in(crate::web::listing::instant(t), lang.dates())
    };
    let lines = if owner {
        moderation::audit_of_organization(&state.db, org.id, 100).await?
    } else {
        Vec::new()
    };
    let tokens = if owner {
        crate::db::api_tokens::of_organization(&state.db, org.id)
            .await?
            .into_iter()
            .map(|t| TokenView {
                id: t.id,
                name: t.name,
                created: when(t.created_at),
                used: t.last_used_at.map_or_else(|| lang.t("orgs-never"), when),
                revoked: t.revoked_at.is_some(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let subscriptions = crate::db::subscriptions::of_organization(&state.db, org.id)
        .await?
        .into_iter()
        .map(|s| SubscriptionView {
            id: s.id,
            status: lang.t(match s.last_status.as_str() {
                "ok" => "orgs-sub-ok",
                "unveraendert" => "orgs-sub-unchanged",
                "fehler" => "orgs-sub-error",
                _ => "orgs-sub-new",
            }),
            checked: s.checked_at.map_or_else(|| lang.t("orgs-never"), when),
            report: s.last_report,
            url: s.url,
        })
        .collect();
    let view = ManagePage {
        subscriptions,
        logo: crate::web::images::ImageView::smallest(&org.logo),
        venues: crate::db::venues::kept_by(&state.db, org.id)
            .await?
            .into_iter()
            .map(|v| crate::db::directory::Named {
                slug: v.slug,
                name: v.name,
            })
            .collect(),
        tokens,
        new_token,
        snippet: format!(
            "<iframe data-kulturportal src=\"{base}{prefix}/einbetten?veranstalter={slug}\" title=\"{title}\" style=\"width:100%;border:0;height:600px\" loading=\"lazy\"></iframe>\n<script src=\"{base}/einbetten.js\" async></script>",
            base = state.base_url,
            // The list in the language of the page the snippet is taken from.
            prefix = Lang::current().prefix(),
            slug = org.slug,
            title = Lang::current()
                .t_args("embed-frame-title", &[("name", &org.name)])
                .replace('"', "&quot;"),
        ),
        layout: Layout::new(org.name.clone())
            .in_section("mein-bereich")
            .translated(),
        editor: actor.role_in(org.id).is_some() || actor.is_admin(),
        categories: state
            .categories
            .list()
            .iter()
            .map(|c| crate::web::editor::Choice {
                value: c.id.to_string(),
                label: c.name_in(lang == Lang::En).to_owned(),
            })
            .collect(),
        sparten: state
            .categories
            .list()
            .iter()
            .map(|c| crate::web::editor::Choice {
                value: c.slug.clone(),
                label: c.name_in(lang == Lang::En).to_owned(),
            })
            .collect(),
        districts: crate::domain::district::District::ALL
            .iter()
            .map(|d| crate::web::editor::Choice {
                value: d.slug().into(),
                label: d.name().into(),
            })
            .collect(),
        members: organizations::members(&state.db, org.id).await?,
        owner,
        me: actor.user_id,
        org,
        f,
        notice,
        lines: lines.into_iter().map(AuditView::from).collect(),
    };
    page::private(status, &view)
}

async fn org_form(state: &AppState, org: &OrgRow) -> Result<FormData, AppError> {
    let (email, phone) = organizations::contact(&state.db, org.id).await?;
    let social = organizations::social_links(&state.db, org.id).await?;
    let sparten = crate::db::directory::organization_categories(&state.db).await?;
    let mut f = FormData::default();
    f.set("social", social.join("\n"));
    f.set("district", org.district.clone().unwrap_or_default());
    let all = state.categories.list();
    for slug in sparten.get(&org.id).cloned().unwrap_or_default() {
        if let Some(c) = all.iter().find(|c| c.slug == slug) {
            f.push("sparte", c.id.to_string());
        }
    }
    f.set("name", org.name.clone());
    f.set("description", org.description.clone());
    f.set("description_en", org.description_en.clone());
    f.set("website", org.website.clone());
    f.set("email", email);
    f.set("phone", phone);
    Ok(f)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    pub ok: Option<String>,
}

/// `GET /mein-bereich/organisationen/{slug}`
pub async fn manage(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Notice>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let f = FormView::new(org_form(&state, &org).await?, FieldErrors::default());
    let notice = match q.ok.as_deref() {
        Some(
            k @ ("daten" | "eingeladen" | "mitglieder" | "widerrufen" | "logo" | "abonniert"
            | "abgerufen" | "abbestellt" | "logo-entfernt"),
        ) => Lang::current().t(&format!("orgs-ok-{k}")),
        _ => String::new(),
    };
    render(&state, &actor, org, f, notice, StatusCode::OK).await
}

/// `POST /mein-bereich/organisationen/{slug}/daten`
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    // Owners and editors keep the profile up to date (org_for admits members and admins).
    let org = org_for(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let name = form.trimmed("name").to_owned();
    if name.chars().count() < 2 || name.chars().count() > 120 {
        errors.add("name", "orgs-name-invalid");
    }
    let website = form.trimmed("website").to_owned();
    if !(website.is_empty() || website.starts_with("https://") || website.starts_with("http://")) {
        errors.add("website", "orgs-website-invalid");
    }
    let email = form.trimmed("email").to_owned();
    if !email.is_empty() && Email::parse(&email).is_none() {
        errors.add("email", "orgs-email-invalid");
    }
    let description: String = form.trimmed("description").chars().take(10_000).collect();
    let description_en: String = form
        .trimmed("description_en")
        .chars()
        .take(10_000)
        .collect();
    let social: Vec<String> = form
        .get("social")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if social.len() > 10
        || social
            .iter()
            .any(|u| !u.starts_with("https://") || u.len() > 300 || url::Url::parse(u).is_err())
    {
        errors.add("social", "orgs-social-invalid");
    }
    let district = match form.get("district") {
        "" => None,
        d => match crate::domain::district::District::parse(d) {
            Some(d) => Some(d.slug().to_owned()),
            None => {
                errors.add("district", "orgs-district-unknown");
                None
            }
        },
    };
    let known: Vec<i64> = state.categories.list().iter().map(|c| c.id).collect();
    let mut category_ids: Vec<i64> = form
        .all("sparte")
        .iter()
        .filter_map(|v| v.parse().ok())
        .filter(|id| known.contains(id))
        .collect();
    category_ids.sort_unstable();
    category_ids.dedup();
    if !errors.is_empty() {
        return refused(&state, &actor, org, form, errors).await;
    }
    let edit = OrgEdit {
        name,
        description,
        description_en,
        website,
        email,
        phone: form.trimmed("phone").chars().take(40).collect(),
        social_links: social,
        district,
        category_ids,
    };
    organizations::update(
        &state.db,
        org.id,
        &edit,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/mein-bereich/organisationen/{slug}?ok=daten")).into_response())
}

/// `POST /mein-bereich/organisationen/{slug}/einladen`: a link by e-mail, valid 14 days.
pub async fn invite(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, actor, org) = managed(&state, &session, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let role = OrgRole::parse(form.get("role")).unwrap_or(OrgRole::Editor);
    let Some(email) = Email::parse(form.get("invite_email")) else {
        let mut errors = FieldErrors::default();
        errors.add("invite_email", "orgs-email-invalid");
        let mut data = org_form(&state, &org).await?;
        data.set("invite_email", form.get("invite_email"));
        return render(
            &state,
            &actor,
            org,
            FormView::new(data, errors),
            String::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let (token, hash) = auth::new_token();
    let now = state.clock.now().timestamp();
    organizations::invite(
        &state.db,
        org.id,
        email.as_str(),
        role.key(),
        &hash,
        actor.user_id,
        now,
    )
    .await?;
    // The invitee may have no account yet: the mail speaks the inviter's page language.
    let lang = Lang::current();
    let role_name = lang.t_or(&format!("orgs-role-{}", role.key()), role.label());
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}\n\n{}\n",
        lang.t("mail-hello"),
        lang.t_args(
            "notice-invite-text",
            &[
                ("inviter", user.display_name.as_str()),
                ("org", org.name.as_str()),
                ("role", role_name.as_str()),
            ]
        ),
        lang.t("notice-invite-link"),
        crate::web::notify::page_url(&state, lang, &format!("/einladung/{token}")),
        lang.t("notice-invite-ignore"),
    );
    let subject = lang.t_args("notice-invite-subject", &[("org", org.name.as_str())]);
    if let Err(e) = state.mailer.send(email.as_str(), &subject, &body).await {
        tracing::warn!(error = %format!("{e:#}"), "invitation mail not sent");
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=eingeladen"
    ))
    .into_response())
}

/// `POST /mein-bereich/organisationen/{slug}/mitglieder/{user_id}` with `role` =
/// `owner`, `editor` or `entfernen`.
pub async fn member(
    State(state): State<AppState>,
    session: Session,
    Path((slug, user_id)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor, org) = managed(&state, &session, &slug).await?;
    let user_id: i64 = user_id.parse().map_err(|_| AppError::NotFound)?;
    let form = FormData::from_urlencoded(&body);
    let role = match form.get("role") {
        "entfernen" => None,
        other => Some(
            OrgRole::parse(other)
                .ok_or_else(|| AppError::Invalid("orgs-role-unknown".into()))?
                .key(),
        ),
    };
    let ok = organizations::set_member(
        &state.db,
        org.id,
        user_id,
        role,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    if !ok {
        return Err(AppError::Invalid("orgs-last-owner".into()));
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=mitglieder"
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "orgs/invitation.html")]
pub struct InvitationPage {
    pub layout: Layout,
    pub token: String,
    pub org_name: String,
    pub role: String,
    pub logged_in: bool,
}

/// `GET /einladung/{token}`
pub async fn invitation(
    State(state): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now().timestamp();
    let inv = organizations::invitation(&state.db, &auth::token_hash(&token), now)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = organizations::by_id(&state.db, inv.organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = InvitationPage {
        layout: Layout::new(Lang::current().t("orgs-invitation-title")).translated(),
        token,
        org_name: org.name,
        role: OrgRole::parse(&inv.role).map_or_else(String::new, |r| {
            Lang::current().t_or(&format!("orgs-role-{}", r.key()), r.label())
        }),
        logged_in: current_user(&state, &session).await?.is_some(),
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /einladung/{token}`: the logged-in person joins.
pub async fn accept(
    State(state): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let now = state.clock.now().timestamp();
    let hash = auth::token_hash(&token);
    let inv = organizations::invitation(&state.db, &hash, now)
        .await?
        .ok_or(AppError::NotFound)?;
    organizations::accept_invitation(&state.db, &hash, &inv, user.id, now).await?;
    Ok(redirect("/mein-bereich").into_response())
}

#[derive(Template)]
#[template(path = "orgs/apply.html")]
pub struct ApplyPage {
    pub layout: Layout,
    pub f: FormView,
    pub organizations: Vec<OrgRow>,
    pub kinds: Vec<(&'static str, String)>,
    pub verified: bool,
    pub sent: bool,
}

const KINDS: [&str; 6] = [
    "collective",
    "ensemble",
    "institution",
    "festival",
    "association",
    "city_office",
];

async fn apply_page(
    state: &AppState,
    actor: &Actor,
    f: FormView,
    sent: bool,
    status: StatusCode,
) -> Result<Response, AppError> {
    let view = ApplyPage {
        layout: Layout::new(Lang::current().t("editor-apply-org"))
            .in_section("mein-bereich")
            .translated(),
        f,
        organizations: organizations::all(&state.db).await?,
        kinds: KINDS
            .iter()
            .map(|k| {
                (
                    *k,
                    Lang::current().t_or(
                        &format!("orgs-kind-{k}"),
                        crate::domain::event::org_kind_name(k),
                    ),
                )
            })
            .collect(),
        verified: actor.can_apply(),
        sent,
    };
    page::private(status, &view)
}

/// `GET /mein-bereich/organisation-beantragen`
pub async fn apply_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let mut f = FormData::default();
    f.set("mode", "neu");
    apply_page(
        &state,
        &actor,
        FormView::new(f, FieldErrors::default()),
        false,
        StatusCode::OK,
    )
    .await
}

/// `POST /mein-bereich/organisation-beantragen`
pub async fn apply(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    if !actor.can_apply() {
        return Err(AppError::Forbidden);
    }
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let message: String = form.trimmed("message").chars().take(2000).collect();
    let (org, name, kind) = if form.get("mode") == "beitreten" {
        match form.get("organisation").parse::<i64>().ok() {
            Some(id) if organizations::by_id(&state.db, id).await?.is_some() => {
                (Some(id), String::new(), String::new())
            }
            _ => {
                errors.add("organisation", "orgs-apply-org-missing");
                (None, String::new(), String::new())
            }
        }
    } else {
        let name = form.trimmed("name").to_owned();
        if name.chars().count() < 2 || name.chars().count() > 120 {
            errors.add("name", "orgs-apply-name-invalid");
        }
        let kind = form.get("kind");
        if !KINDS.contains(&kind) {
            errors.add("kind", "orgs-apply-kind-missing");
        }
        (None, name, kind.to_owned())
    };
    if !errors.is_empty() {
        return apply_page(
            &state,
            &actor,
            FormView::new(form, errors),
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    moderation::apply(
        &state.db,
        actor.user_id,
        org,
        &name,
        &kind,
        &message,
        state.clock.now().timestamp(),
    )
    .await?;
    crate::web::notify::notify_moderators_in(
        &state,
        |lang| {
            (
                lang.t("notice-application-subject"),
                lang.t("notice-application-text"),
            )
        },
        "/moderation#antraege",
    )
    .await?;
    apply_page(
        &state,
        &actor,
        FormView::new(FormData::default(), FieldErrors::default()),
        true,
        StatusCode::OK,
    )
    .await
}

/// `POST /mein-bereich/organisationen/{slug}/api-schluessel`: a new token, shown once.
pub async fn create_token(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor, org) = managed(&state, &session, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let name: String = form.trimmed("token_name").chars().take(80).collect();
    let name = if name.is_empty() {
        "API-Schlüssel".to_owned()
    } else {
        name
    };
    let (secret, _) = auth::new_token();
    let token = format!("kp_{secret}");
    let now = state.clock.now().timestamp();
    crate::db::api_tokens::create(
        &state.db,
        org.id,
        &name,
        &auth::token_hash(&token),
        actor.user_id,
        now,
    )
    .await?;
    let f = FormView::new(org_form(&state, &org).await?, FieldErrors::default());
    render_with_token(
        &state,
        &actor,
        org,
        f,
        Lang::current().t("orgs-new-token-notice"),
        StatusCode::OK,
        token,
    )
    .await
}

/// `POST /mein-bereich/organisationen/{slug}/api-schluessel/{id}/widerrufen`
pub async fn revoke_token(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor, org) = managed(&state, &session, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if !crate::db::api_tokens::revoke(
        &state.db,
        org.id,
        id,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=widerrufen"
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "orgs/import.html")]
pub struct ImportPage {
    pub layout: Layout,
    pub org: OrgRow,
    pub lines: Vec<String>,
    /// The report's first line (see `import::Summary`).
    pub summary: String,
    pub error: String,
    /// The `lang` of the error when it is German on a page in another language.
    pub error_lang: &'static str,
}

/// `POST /mein-bereich/organisationen/{slug}/import`: an iCalendar file, uploaded by an
/// owner or editor, imported like `kulturportal import ical`.
pub async fn import_ical(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    crate::web::editor::form::Submitted { form, upload }: crate::web::editor::form::Submitted,
) -> Result<Response, AppError> {
    use crate::import::Outcome;
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let fallback = if form.get("sparte").is_empty() {
        "soziokultur"
    } else {
        form.get("sparte")
    };
    let mut view = ImportPage {
        layout: Layout::new(Lang::current().t("orgs-import-title"))
            .in_section("mein-bereich")
            .translated(),
        lines: Vec::new(),
        summary: String::new(),
        error: String::new(),
        error_lang: "",
        org,
    };
    let Some(upload) = upload else {
        view.error = Lang::current().t("orgs-import-file-missing");
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let svc = state.services();
    match crate::import::file(&svc, &upload.bytes, &slug, fallback, state.clock.now()).await {
        Ok(outcomes) => {
            view.summary = crate::import::Summary::of(&outcomes).text();
            view.lines = outcomes.iter().map(Outcome::line).collect();
            page::private(StatusCode::OK, &view)
        }
        Err(crate::import::ImportError::Db(e)) => Err(e.into()),
        Err(crate::import::ImportError::Service(e)) => Err(e.into()),
        Err(e) => {
            view.error = e.to_string();
            if Lang::current() != Lang::De {
                view.error_lang = "de";
            }
            page::private(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
    }
}

/// `POST /mein-bereich/organisationen/{slug}/logo`: owners and editors upload the logo
/// (with its alt text) or remove it.
pub async fn logo(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    submitted: crate::web::editor::form::Submitted,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let now = state.clock.now().timestamp();
    let form = submitted.form;
    let Some(upload) = submitted.upload else {
        if form.has("remove_logo", "1") {
            organizations::set_logo(&state.db, org.id, None, actor.user_id, now).await?;
            return Ok(redirect(&format!(
                "/mein-bereich/organisationen/{slug}?ok=logo-entfernt"
            ))
            .into_response());
        }
        let mut errors = FieldErrors::default();
        errors.add("logo", "orgs-logo-missing");
        return refused(&state, &actor, org, form, errors).await;
    };
    match crate::web::images::accept(&form, upload, "logo_alt", "").await {
        Ok(accepted) => {
            let variants = crate::web::images::store(&state, &accepted).await?;
            organizations::set_logo(
                &state.db,
                org.id,
                Some((&variants, accepted.alt())),
                actor.user_id,
                now,
            )
            .await?;
            Ok(redirect(&format!("/mein-bereich/organisationen/{slug}?ok=logo")).into_response())
        }
        Err((field, message)) => {
            let mut errors = FieldErrors::default();
            errors.add(if field == "image" { "logo" } else { field }, message);
            refused(&state, &actor, org, form, errors).await
        }
    }
}

/// `POST /mein-bereich/organisationen/{slug}/abonnements`: subscribe to a calendar URL
/// (checked at once, fetched at once, then on the schedule).
pub async fn subscribe(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let url = crate::fetch::normalize(form.get("feed_url"));
    let sparte = form.get("feed_sparte").to_owned();
    let mut errors = FieldErrors::default();
    if url.len() > 500 {
        errors.add("feed_url", "orgs-url-too-long");
    } else if let Err(e) = crate::fetch::check(&url, &state.fetch) {
        errors.add("feed_url", e.to_string());
    }
    if !state.categories.list().iter().any(|c| c.slug == sparte) {
        errors.add("feed_sparte", "orgs-sparte-missing");
    }
    if !errors.is_empty() {
        return refused(&state, &actor, org, form, errors).await;
    }
    let now = state.clock.now();
    let added = crate::db::subscriptions::add(
        &state.db,
        org.id,
        &url,
        &sparte,
        actor.user_id,
        now.timestamp(),
    )
    .await?;
    if !added {
        errors.add("feed_url", "orgs-already-subscribed");
        return refused(&state, &actor, org, form, errors).await;
    }
    if let Some(sub) = crate::db::subscriptions::of_organization(&state.db, org.id)
        .await?
        .into_iter()
        .find(|s| s.url == url)
    {
        refresh_now(&state, &sub).await?;
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=abonniert#abonnements"
    ))
    .into_response())
}

async fn refresh_now(
    state: &AppState,
    sub: &crate::db::subscriptions::SubscriptionRow,
) -> Result<(), AppError> {
    let now = state.clock.now();
    crate::db::subscriptions::claim(&state.db, sub.id, now.timestamp(), i64::MAX).await?;
    crate::subscriptions::refresh(&state.services(), &state.fetch, sub, now).await?;
    Ok(())
}

/// `POST /mein-bereich/organisationen/{slug}/abonnements/{id}/{action}` with `abrufen`
/// (fetch now) or `entfernen` (end the subscription; imported events stay).
pub async fn subscription(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id, action)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let sub = crate::db::subscriptions::by_id(&state.db, id)
        .await?
        .filter(|s| s.organization_id == org.id)
        .ok_or(AppError::NotFound)?;
    let ok = match action.as_str() {
        "abrufen" => {
            refresh_now(&state, &sub).await?;
            "abgerufen"
        }
        "entfernen" => {
            crate::db::subscriptions::remove(
                &state.db,
                sub.id,
                org.id,
                actor.user_id,
                state.clock.now().timestamp(),
            )
            .await?;
            "abbestellt"
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok={ok}#abonnements"
    ))
    .into_response())
}

/// `POST /mein-bereich/organisationen/{slug}/von-webseite`: one event from a page with
/// schema.org JSON-LD, saved as a draft and opened in the editor.
pub async fn from_page(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let url = form.trimmed("page_url").to_owned();
    let sparte = match form.get("page_sparte") {
        "" => "soziokultur".to_owned(),
        s => s.to_owned(),
    };
    let mut errors = FieldErrors::default();
    if url.len() > 500 {
        errors.add("page_url", "orgs-url-too-long");
    } else if let Err(e) = crate::fetch::check(&url, &state.fetch) {
        errors.add("page_url", e.to_string());
    }
    if errors.is_empty() {
        match crate::import::page::from_page(
            &state.services(),
            &state.fetch,
            &url,
            &slug,
            &sparte,
            state.clock.now(),
        )
        .await
        {
            Ok((id, _)) => {
                return Ok(redirect(&format!(
                    "/mein-bereich/veranstaltungen/{id}?gespeichert=webseite"
                ))
                .into_response());
            }
            Err(crate::import::ImportError::Db(e)) => return Err(e.into()),
            Err(crate::import::ImportError::Service(e)) => return Err(e.into()),
            Err(e) => errors.add("page_url", e.to_string()),
        }
    }
    refused(&state, &actor, org, form, errors).await
}

/// `GET /import-vorlage.csv`: the CSV template with its example row.
pub async fn csv_template(State(state): State<AppState>) -> Response {
    let today = crate::domain::calendar::local_date(state.clock.now());
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"kulturportal-vorlage.csv\"",
            ),
        ],
        crate::import::template(today),
    )
        .into_response()
}
