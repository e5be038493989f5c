//! The scene: `/kulturszene` (the directory of organisations and venues), organisation
//! profiles at `/kulturszene/{slug}`, and fair visibility — the „Entdecken“ block, its
//! click counter `/entdecken/{slug}`, the public explanation `/wie-wir-sortieren` and the
//! admins' report `/verwaltung/sichtbarkeit`.

use crate::db::directory::{self, Named, OrgEntry, PastEvent};
use crate::db::{organizations, venues};
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::event::org_kind_name;
use crate::domain::fairness::{self, Candidate};
use crate::domain::filter::{EventFilter, ParamError, Problem};
use crate::domain::slug::Slug;
use crate::domain::venue::AccessFeature;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::search::analyzer::{MIN_PART, Word, fold, parts, words};
use crate::web::account::require_actor;
use crate::web::events::list::{Results, programme};
use crate::web::i18n::redirect;
use crate::web::images::ImageView;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::options::{self, Choice};
use crate::web::{AppState, markdown, page, query};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// How many organisations the „Entdecken“ block shows.
pub const DISCOVER: usize = 4;
/// The window of exposure that lowers an organisation's chance.
pub const EXPOSURE_DAYS: i64 = 30;
/// Organisations with fewer coming dates than this count as small in the report.
pub const SMALL_BELOW: i64 = 5;

fn today(state: &AppState) -> i64 {
    state.clock.now().timestamp().div_euclid(86_400)
}

/// One organisation in the „Entdecken“ block.
pub struct Discovered {
    pub slug: String,
    /// The organisation's logo (none: the card shows its name only).
    pub picture: Option<ImageView>,
    pub name: String,
    pub kind: String,
    pub teaser: String,
}

/// Draws the „Entdecken“ block and counts the showing.
pub async fn discover(state: &AppState) -> Result<Vec<Discovered>, AppError> {
    let now = state.clock.now().timestamp();
    let orgs: Vec<OrgEntry> = directory::organizations(&state.db, now)
        .await?
        .into_iter()
        .filter(|o| o.upcoming > 0)
        .collect();
    let exposure = directory::recent_exposure(&state.db, today(state) - EXPOSURE_DAYS).await?;
    let candidates: Vec<Candidate> = orgs
        .iter()
        .map(|o| Candidate {
            id: o.id,
            recent_exposure: exposure.get(&o.id).copied().unwrap_or(0),
        })
        .collect();
    let chosen = fairness::draw(&candidates, DISCOVER, crate::auth::random_unit);
    directory::record_shown(&state.db, &chosen, today(state)).await?;
    Ok(chosen
        .iter()
        .filter_map(|id| orgs.iter().find(|o| o.id == *id))
        .map(|o| Discovered {
            picture: logo_view(&o.logo, &o.logo_alt, &o.name),
            slug: o.slug.clone(),
            name: o.name.clone(),
            kind: kind_label(&o.kind, Lang::current()),
            teaser: crate::web::schema::plain_text(&o.description, 140),
        })
        .collect())
}

/// `GET /entdecken/{slug}`: counts a click from the block, then opens the profile.
pub async fn clicked(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&slug).ok_or(AppError::NotFound)?;
    let org = organizations::by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    directory::record_click(&state.db, org.id, today(&state)).await?;
    Ok(redirect(&format!("/kulturszene/{slug}")).into_response())
}

/// An organisation's logo as a card shows it (alt text „Logo: …“ when none was entered).
fn logo_view(json: &str, alt: &str, name: &str) -> Option<ImageView> {
    let alt = if alt.is_empty() {
        Lang::current().t_args("logo-alt", &[("name", name)])
    } else {
        alt.to_owned()
    };
    ImageView::from_variants(0, json, alt, String::new())
}

/// One row of the directory.
pub struct Entry {
    /// A venue's photo or an organisation's logo.
    pub picture: Option<ImageView>,
    pub href: String,
    pub name: String,
    pub kind: String,
    pub district: &'static str,
    pub teaser: String,
}

#[derive(Template)]
#[template(path = "scene/index.html")]
pub struct DirectoryPage {
    pub layout: Layout,
    pub q: String,
    pub kinds: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub features: Vec<Choice>,
    pub entries: Vec<Entry>,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub discover: Vec<Discovered>,
}

const KINDS: [&str; 7] = [
    "institution",
    "collective",
    "ensemble",
    "festival",
    "association",
    "city_office",
    "ort",
];
const PER_PAGE: usize = 50;

/// The kind of an entry in the language of the page (`scene-kind-…`).
fn kind_label(kind: &str, lang: Lang) -> String {
    let german = if kind == "ort" {
        "Ort"
    } else {
        org_kind_name(kind)
    };
    let key = if KINDS.contains(&kind) { kind } else { "other" };
    lang.t_or(&format!("scene-kind-{key}"), german)
}

/// Lowercased and folded, as the search index compares words.
fn folded(word: &str) -> String {
    fold(&word.to_lowercase())
}

/// The event search's rules on a short text: every query word must match a word of the
/// text by its folded beginning (`mull` → „Müller“), by its stem (`Theatern` → „Theater“),
/// or as a compound part (`Chor` → „Kinderchor“).
fn matches(query: &[Word], haystack: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let hay = words(haystack);
    query.iter().all(|q| {
        hay.iter().any(|h| {
            h.folded.starts_with(q.folded.as_str())
                || h.stem == q.stem
                || (q.stem.chars().count() >= MIN_PART
                    && parts(&h.stem).any(|p| p.starts_with(q.stem.as_str())))
        })
    })
}

/// `GET /kulturszene?q=&art=&bezirk=&sparte=&seite=`
pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let pairs = query::pairs(raw.as_deref());
    let all = |k: &str| query::all(&pairs, k);
    let q: String = query::single(&pairs, "q")
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let kinds = all("art");
    let districts = all("bezirk");
    let sparten = all("sparte");
    let zugang = all("zugang");
    let features: Vec<AccessFeature> = zugang
        .iter()
        .filter_map(|z| AccessFeature::parse(z))
        .collect();
    if let Some(bad) = zugang.iter().find(|z| AccessFeature::parse(z).is_none()) {
        return Err(AppError::BadRequest(vec![ParamError::new(
            "zugang",
            Problem::InvalidChoice(bad.clone()),
        )]));
    }
    let page_no = query::page(&pairs, "seite")?;
    let query = words(&q);
    let now = state.clock.now().timestamp();
    let lang = Lang::current();
    let categories = directory::organization_categories(&state.db).await?;
    let mut entries: Vec<Entry> = Vec::new();
    // Access features belong to venues: choosing one shows venues only.
    let want_orgs = (kinds.is_empty() || kinds.iter().any(|k| k != "ort")) && features.is_empty();
    if want_orgs {
        for o in directory::organizations(&state.db, now).await? {
            let district = o.district.clone().unwrap_or_default();
            let cats = categories.get(&o.id).cloned().unwrap_or_default();
            let ok = (kinds.is_empty() || kinds.contains(&o.kind))
                && (districts.is_empty() || districts.contains(&district))
                && (sparten.is_empty() || sparten.iter().any(|s| cats.contains(s)))
                && matches(&query, &format!("{} {}", o.name, o.description));
            if ok {
                entries.push(Entry {
                    picture: logo_view(&o.logo, &o.logo_alt, &o.name),
                    href: format!("/kulturszene/{}", o.slug),
                    name: o.name,
                    kind: kind_label(&o.kind, lang),
                    district: District::parse(&district).map_or("", District::name),
                    teaser: crate::web::schema::plain_text(&o.description, 160),
                });
            }
        }
    }
    // Venues have no Sparten; a Sparte filter shows organisations only.
    if (kinds.is_empty() || kinds.iter().any(|k| k == "ort")) && sparten.is_empty() {
        for v in venues::all(&state.db).await? {
            let access = v.access();
            let ok = (districts.is_empty() || districts.contains(&v.district))
                && features.iter().all(|f| access.has(*f))
                && matches(
                    &query,
                    &format!("{} {} {}", v.name, v.street, v.description),
                );
            if ok {
                entries.push(Entry {
                    picture: ImageView::from_variants(
                        0,
                        &v.image,
                        v.image_alt.clone(),
                        String::new(),
                    ),
                    href: format!("/orte/{}", v.slug),
                    name: v.name,
                    kind: kind_label("ort", lang),
                    district: District::parse(&v.district).map_or("", District::name),
                    teaser: crate::web::schema::plain_text(&v.description, 160),
                });
            }
        }
    }
    // A–Z as people expect it: case and umlauts folded.
    entries.sort_by_cached_key(|e| folded(&e.name));
    let total = entries.len();
    let start = (page_no as usize - 1) * PER_PAGE;
    let entries: Vec<Entry> = entries.into_iter().skip(start).take(PER_PAGE).collect();
    let mut base: Vec<(&str, String)> = Vec::new();
    if !q.is_empty() {
        base.push(("q", q.clone()));
    }
    for k in &kinds {
        base.push(("art", k.clone()));
    }
    for d in &districts {
        base.push(("bezirk", d.clone()));
    }
    for s in &sparten {
        base.push(("sparte", s.clone()));
    }
    for z in &features {
        base.push(("zugang", z.slug().to_owned()));
    }
    let with_page = |n: u32| {
        let mut p = base.clone();
        if n > 1 {
            p.push(("seite", n.to_string()));
        }
        query::url("/kulturszene", &p)
    };
    let view = DirectoryPage {
        layout: Layout::new(lang.t("nav-scene"))
            .in_section("kulturszene")
            .translated(),
        kinds: KINDS
            .iter()
            .map(|k| Choice::new(k, kind_label(k, lang)).checked_if(kinds.iter().any(|x| x == k)))
            .collect(),
        districts: options::districts(|d| districts.iter().any(|x| x == d.slug())),
        categories: options::sparten_by_slug(&state.categories.list(), lang, |c| {
            sparten.contains(&c.slug)
        }),
        features: AccessFeature::ALL
            .iter()
            .map(|f| {
                Choice::new(
                    f.slug(),
                    lang.t_or(&format!("access-{}", f.slug()), f.label()),
                )
                .checked_if(features.contains(f))
            })
            .collect(),
        q,
        total,
        prev: (page_no > 1).then(|| with_page(page_no - 1)),
        next: (start + PER_PAGE < total).then(|| with_page(page_no + 1)),
        entries,
        discover: if page_no == 1 {
            discover(&state).await?
        } else {
            Vec::new()
        },
    };
    page::html(&headers, &view)
}

#[derive(Template)]
#[template(path = "scene/show.html")]
pub struct ProfilePage {
    pub layout: Layout,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub verified: bool,
    pub district: &'static str,
    pub description_html: String,
    /// „en“ when the description shown is the English one, „de“ when an English page
    /// shows the German one.
    pub description_lang: &'static str,
    /// „Über …“ / "About …".
    pub about_name: String,
    /// „von …“ / "of …" after a social link, for screen readers.
    pub of_name: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub social: Vec<(String, String)>,
    pub sparten: Vec<Named>,
    pub venues: Vec<Named>,
    pub results: Results,
    pub archive: Vec<(PastEvent, String)>,
    pub jsonld: String,
    /// The logo's URL and alt text.
    pub logo: Option<(String, String)>,
    /// Venues this organisation keeps (as opposed to plays in).
    pub houses: Vec<Named>,
    /// Its fediverse handle, `@slug@host` (another when the slug is taken).
    pub fediverse: String,
    /// „Im Magazin“: public articles linked to the organisation.
    pub magazine: Vec<crate::web::magazine::Teaser>,
}

/// A social profile link by its host: plain links only, no embeds.
fn social_label(url: &str) -> String {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split('/')
        .next()
        .unwrap_or("")
        .trim_start_matches("www.");
    match host {
        "instagram.com" => "Instagram".into(),
        "facebook.com" => "Facebook".into(),
        "youtube.com" | "youtu.be" => "YouTube".into(),
        "tiktok.com" => "TikTok".into(),
        "bsky.app" => "Bluesky".into(),
        h if !h.is_empty() => h.to_owned(),
        _ => "Link".into(),
    }
}

/// `GET /kulturszene/{slug}` (and `{slug}.ics`, the programme as a calendar).
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    if file.ends_with(".ics") {
        return crate::web::feeds::organization_ics(State(state), headers, Path(file)).await;
    }
    let slug = Slug::parse(&file).ok_or(AppError::NotFound)?;
    let org = organizations::by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let (email, phone) = organizations::contact(&state.db, org.id).await?;
    let social: Vec<String> = organizations::social_links(&state.db, org.id).await?;
    let filter = EventFilter {
        organizer: Some(slug.clone()),
        ..EventFilter::default()
    };
    let results = programme(
        &state,
        &filter,
        raw.as_deref(),
        &format!("/kulturszene/{slug}"),
    )
    .await?;
    let now = state.clock.now().timestamp();
    let lang = Lang::current();
    let archive = directory::archive(&state.db, org.id, now, 20)
        .await?
        .into_iter()
        .map(|p| {
            let date =
                calendar::long_date_in(calendar::local_date(instant(p.last_start)), lang.dates());
            let when = lang.t_args("scene-last", &[("date", &date)]);
            (p, when)
        })
        .collect();
    let categories = directory::organization_categories(&state.db).await?;
    let all = state.categories.list();
    let sparten = categories
        .get(&org.id)
        .map(|slugs| {
            slugs
                .iter()
                .filter_map(|s| all.iter().find(|c| &c.slug == s))
                .map(|c| Named {
                    slug: c.slug.clone(),
                    name: c.name_in(lang.dates()).to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    let url = format!("{}/kulturszene/{slug}", state.base_url);
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": if org.kind == "city_office" { "GovernmentOrganization" } else { "Organization" },
        "name": org.name,
        "url": url,
        "description": crate::web::schema::plain_text(&org.description, 500),
    });
    let mut same_as: Vec<String> = social.clone();
    if !org.website.is_empty() {
        same_as.insert(0, org.website.clone());
    }
    if !same_as.is_empty() {
        ld["sameAs"] = serde_json::json!(same_as);
    }
    if !email.is_empty() {
        ld["email"] = serde_json::json!(email);
    }
    let logo =
        crate::web::images::ImageView::smallest(&org.logo).map(|src| (src, org.logo_alt.clone()));
    if let Some((src, _)) = &logo {
        ld["logo"] = serde_json::json!(format!("{}{src}", state.base_url));
    }
    let houses: Vec<Named> = venues::kept_by(&state.db, org.id)
        .await?
        .into_iter()
        .map(|v| Named {
            slug: v.slug,
            name: v.name,
        })
        .collect();
    let english_text = lang == Lang::En && !org.description_en.is_empty();
    let actor = crate::fediverse::ActorRef::Organization {
        id: org.id,
        slug: org.slug.clone(),
        name: org.name.clone(),
    };
    let fediverse = format!(
        "@{}@{}",
        crate::fediverse::handle_of(&state.db, &actor).await?,
        crate::fediverse::host_of(&state.base_url)
    );
    let magazine = crate::web::magazine::linked(&state, "organization", org.id).await?;
    let view = ProfilePage {
        fediverse,
        magazine,
        layout: Layout::new(org.name.clone())
            .in_section("kulturszene")
            .translated(),
        slug: slug.as_str().to_owned(),
        kind: kind_label(&org.kind, lang),
        about_name: lang.t_args("scene-about", &[("name", &org.name)]),
        of_name: lang.t_args("venue-website-of", &[("name", &org.name)]),
        verified: org.verified,
        district: org
            .district
            .as_deref()
            .and_then(District::parse)
            .map_or("", District::name),
        description_lang: if english_text {
            "en"
        } else {
            lang.german_mark()
        },
        description_html: markdown::render(if english_text {
            &org.description_en
        } else {
            &org.description
        }),
        website: if org.website.starts_with("https://") || org.website.starts_with("http://") {
            org.website.clone()
        } else {
            String::new()
        },
        email,
        phone,
        social: social
            .iter()
            .map(|u| (social_label(u), u.clone()))
            .collect(),
        sparten,
        venues: directory::venues_of(&state.db, org.id).await?,
        results,
        archive,
        jsonld: crate::web::schema::script_safe(&ld),
        logo,
        houses,
        name: org.name,
    };
    page::html(&headers, &view)
}

#[derive(Template)]
#[template(path = "scene/fairness.html")]
pub struct FairnessPage {
    pub layout: Layout,
    pub days_text: String,
    pub count_text: String,
}

/// `GET /wie-wir-sortieren`: the weighting explained in plain words.
pub async fn explained(headers: HeaderMap) -> Result<Response, AppError> {
    page::html(
        &headers,
        &FairnessPage {
            layout: Layout::new(Lang::current().t("footer-ranking")).translated(),
            days_text: EXPOSURE_DAYS.to_string(),
            count_text: DISCOVER.to_string(),
        },
    )
}

pub struct WeekRow {
    pub week: String,
    pub shown_small: i64,
    pub shown_all: i64,
    pub share: String,
    pub clicked_small: i64,
    pub clicked_all: i64,
}

#[derive(Template)]
#[template(path = "scene/report.html")]
pub struct ReportPage {
    pub layout: Layout,
    /// The share explained, with the numbers.
    pub intro: String,
    pub weeks: Vec<WeekRow>,
}

/// `GET /verwaltung/sichtbarkeit`: the share of exposure that went to small actors.
pub async fn report(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    if !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now().timestamp();
    let orgs = directory::organizations(&state.db, now).await?;
    let small: Vec<i64> = orgs
        .iter()
        .filter(|o| o.upcoming < SMALL_BELOW)
        .map(|o| o.id)
        .collect();
    let weeks = directory::weekly_shares(&state.db, &small, 12, today(&state)).await?;
    let lang = Lang::current();
    let view = ReportPage {
        layout: Layout::new(lang.t("scene-report-title")).translated(),
        intro: lang.t_args(
            "scene-report-intro",
            &[
                ("small", &small.len().to_string()),
                ("all", &orgs.len().to_string()),
                ("below", &SMALL_BELOW.to_string()),
            ],
        ),
        weeks: weeks
            .into_iter()
            .map(|w| WeekRow {
                week: lang.t_args(
                    "scene-report-week-from",
                    &[(
                        "date",
                        &calendar::long_date_in(
                            calendar::local_date(instant(w.week * 7 * 86_400)),
                            lang.dates(),
                        ),
                    )],
                ),
                share: if w.shown_all > 0 {
                    let share = w.shown_small as f64 * 100.0 / w.shown_all as f64;
                    // „42 %“ in German, "42%" in English.
                    if lang == Lang::De {
                        format!("{share:.0} %")
                    } else {
                        format!("{share:.0}%")
                    }
                } else {
                    "–".into()
                },
                shown_small: w.shown_small,
                shown_all: w.shown_all,
                clicked_small: w.clicked_small,
                clicked_all: w.clicked_all,
            })
            .collect(),
    };
    page::private(StatusCode::OK, &view)
}
