//! The fediverse's addresses: WebFinger (`acct:{handle}@{host}`), NodeInfo, every
//! actor's outbox (paged), followers (a count) and inbox, the shared inbox, and the
//! content negotiation that lets `/`, `/kulturszene/{slug}`, `/sparten/{slug}`,
//! `/veranstaltungen/{slug}` and `/magazin/{slug}` answer `Accept: application/activity+json`
//! with their actor or object. The work is in `crate::fediverse`.

use crate::app::AppState;
use crate::fediverse::inbox::{InboxError, Incoming};
use crate::fediverse::{self, ActorRef, objects};
use crate::web::page;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// Outbox items per page.
const PAGE: i64 = 20;
/// The last outbox page anyone may ask for (bounded work per request).
const MAX_PAGE: i64 = 500;

const ACTIVITY_TYPE: &str = "application/activity+json; charset=utf-8";

/// Whether the request asks for ActivityPub JSON (`application/activity+json`, or
/// `application/ld+json` with the ActivityStreams profile).
pub fn wants_activity(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            let t = t.trim().to_ascii_lowercase();
            t.starts_with("application/activity+json")
                || (t.starts_with("application/ld+json")
                    && t.contains("https://www.w3.org/ns/activitystreams"))
        })
}

fn problem(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text.to_owned(),
    )
        .into_response()
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::warn!(error = %e, "fediverse request failed");
    problem(StatusCode::INTERNAL_SERVER_ERROR, "Interner Fehler")
}

fn activity_json(request: &HeaderMap, value: &Value) -> Response {
    page::cached(request, ACTIVITY_TYPE, value.to_string().into_bytes())
}

/// Answers ActivityPub requests for the pages that are actors or objects; everything
/// else (and every browser) goes on to the page.
pub async fn negotiate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) || !wants_activity(req.headers()) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_owned();
    let headers = req.headers().clone();
    let now = state.clock.now().timestamp();
    let base = state.base_url.clone();
    let db = &state.db;
    let actor = if path == "/" {
        Ok(Some(ActorRef::Portal))
    } else if let Some(slug) = path
        .strip_prefix("/kulturszene/")
        .filter(|s| !s.contains(['/', '.']))
    {
        fediverse::organization(db, slug).await
    } else if let Some(slug) = path.strip_prefix("/sparten/").filter(|s| !s.contains('/')) {
        fediverse::sparte(db, slug).await
    } else if let Some(slug) = path
        .strip_prefix("/veranstaltungen/")
        .filter(|s| !s.contains(['/', '.']))
    {
        let id = match crate::db::event_details::published_id_by_slug(db, slug).await {
            Ok(id) => id,
            Err(e) => return internal(e),
        };
        let Some(id) = id else {
            return problem(StatusCode::NOT_FOUND, "Diese Veranstaltung gibt es nicht.");
        };
        return match objects::event_object(db, &base, id, now).await {
            Ok(Some((mut object, _, _))) => {
                if let Some(o) = object.as_object_mut() {
                    o.insert("@context".into(), objects::context());
                }
                activity_json(&headers, &object)
            }
            Ok(None) => problem(StatusCode::NOT_FOUND, "Diese Veranstaltung gibt es nicht."),
            Err(e) => internal(e),
        };
    } else if let Some(slug) = path
        .strip_prefix("/magazin/")
        .filter(|s| !s.contains(['/', '.']))
    {
        return article(db, &base, &headers, slug, now).await;
    } else {
        return next.run(req).await;
    };
    match actor {
        Ok(Some(actor)) => match objects::actor_document(db, &base, &actor, now).await {
            Ok(doc) => activity_json(&headers, &doc),
            Err(e) => internal(e),
        },
        Ok(None) => problem(StatusCode::NOT_FOUND, "Dieses Konto gibt es nicht."),
        Err(e) => internal(e),
    }
}

/// A magazine article as an `Article`; a withdrawn one as a `Tombstone` (410).
async fn article(
    db: &crate::db::Db,
    base: &str,
    headers: &HeaderMap,
    slug: &str,
    now: i64,
) -> Response {
    use crate::domain::magazine::ArticleState;
    let missing = || problem(StatusCode::NOT_FOUND, "Diesen Artikel gibt es nicht.");
    let a = match crate::db::articles::by_slug(db, slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return missing(),
        Err(e) => return internal(e),
    };
    if a.state == ArticleState::Withdrawn {
        let mut r = activity_json(headers, &fediverse::articles::tombstone(base, &a.slug));
        if r.status() == StatusCode::OK {
            *r.status_mut() = StatusCode::GONE;
        }
        return r;
    }
    if !a.is_public(now) {
        return missing();
    }
    match fediverse::articles::article_object(db, base, &a).await {
        Ok(mut object) => {
            object["@context"] = objects::context();
            activity_json(headers, &object)
        }
        Err(e) => internal(e),
    }
}

/// `GET /.well-known/webfinger?resource=acct:{handle}@{host}` (or an actor's address).
pub async fn webfinger(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let resource = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "resource")
        .map(|(_, v)| v.into_owned());
    let Some(resource) = resource.filter(|r| !r.is_empty() && r.len() <= 500) else {
        return problem(StatusCode::BAD_REQUEST, "resource fehlt");
    };
    let base = &state.base_url;
    let host = fediverse::host_of(base);
    let actor = if resource.starts_with("http://") || resource.starts_with("https://") {
        fediverse::actor_by_id(&state.db, base, &resource).await
    } else {
        let acct = resource.strip_prefix("acct:").unwrap_or(&resource);
        let acct = acct.strip_prefix('@').unwrap_or(acct);
        match acct.rsplit_once('@') {
            Some((handle, h)) if h.eq_ignore_ascii_case(&host) => {
                fediverse::actor_by_handle(&state.db, handle).await
            }
            _ => Ok(None),
        }
    };
    let actor = match actor {
        Ok(Some(a)) => a,
        Ok(None) => return problem(StatusCode::NOT_FOUND, "Dieses Konto gibt es nicht."),
        Err(e) => return internal(e),
    };
    let handle = match fediverse::handle_of(&state.db, &actor).await {
        Ok(h) => h,
        Err(e) => return internal(e),
    };
    let id = actor.id(base);
    let body = json!({
        "subject": format!("acct:{handle}@{host}"),
        "aliases": [id],
        "links": [
            { "rel": "self", "type": fediverse::ACTIVITY_JSON, "href": id },
            { "rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": id },
        ],
    });
    let mut r = page::cached(
        &HeaderMap::new(),
        "application/jrd+json",
        body.to_string().into_bytes(),
    );
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

/// `GET /.well-known/nodeinfo`: where the NodeInfo document is.
pub async fn nodeinfo_links(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let body = json!({
        "links": [{
            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
            "href": format!("{}/nodeinfo/2.1", state.base_url),
        }]
    });
    page::cached(&headers, "application/json", body.to_string().into_bytes())
}

/// `GET /nodeinfo/2.1`: what this server is.
pub async fn nodeinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (orgs, events) = match crate::db::fediverse::usage(&state.db).await {
        Ok(u) => u,
        Err(e) => return internal(e),
    };
    let sparten = state.categories.list().len() as i64;
    let body = json!({
        "version": "2.1",
        "software": {
            "name": "kulturportal",
            "version": env!("CARGO_PKG_VERSION"),
        },
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": ["atom1.0", "rss2.0"] },
        "openRegistrations": false,
        "usage": { "users": { "total": orgs + sparten + 1 }, "localPosts": events },
        "metadata": { "nodeName": "Kulturportal Bochum" },
    });
    page::cached(
        &headers,
        "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"",
        body.to_string().into_bytes(),
    )
}

async fn actor_of(state: &AppState, kind: Kind, slug: &str) -> Result<Option<ActorRef>, Response> {
    let found = match kind {
        Kind::Portal => Ok(Some(ActorRef::Portal)),
        Kind::Organization => fediverse::organization(&state.db, slug).await,
        Kind::Sparte => fediverse::sparte(&state.db, slug).await,
    };
    found.map_err(internal)
}

#[derive(Clone, Copy)]
enum Kind {
    Portal,
    Organization,
    Sparte,
}

async fn outbox(
    state: AppState,
    headers: HeaderMap,
    kind: Kind,
    slug: String,
    raw: Option<String>,
) -> Response {
    let actor = match actor_of(&state, kind, &slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return problem(StatusCode::NOT_FOUND, "Dieses Konto gibt es nicht."),
        Err(r) => return r,
    };
    let base = &state.base_url;
    let id = format!("{base}{}/outbox", actor.ap_path());
    let seite = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "seite")
        .map(|(_, v)| v.into_owned());
    let page_no = match seite.as_deref().map(str::parse::<i64>) {
        None => None,
        Some(Ok(n)) if (1..=MAX_PAGE).contains(&n) => Some(n),
        Some(_) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "seite muss eine Zahl von 1 bis 500 sein",
            );
        }
    };
    let offset = (page_no.unwrap_or(1) - 1) * PAGE;
    let now = state.clock.now().timestamp();
    // The portal also writes the magazine: its public articles come first (newest
    // first), then the events; the pages run through both.
    let (articles, article_total) = match portal_articles(&state, &actor, now, offset).await {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let (event_offset, event_limit) = if offset < article_total {
        (0, PAGE - articles.len() as i64)
    } else {
        (offset - article_total, PAGE)
    };
    let (ids, event_total) =
        match crate::db::fediverse::outbox_events(&state.db, &actor, event_limit, event_offset)
            .await
        {
            Ok(r) => r,
            Err(e) => return internal(e),
        };
    let total = article_total + event_total;
    let Some(n) = page_no else {
        let body = json!({
            "@context": objects::context(),
            "id": id,
            "type": "OrderedCollection",
            "totalItems": total,
            "first": format!("{id}?seite=1"),
            "last": format!("{id}?seite={}", ((total + PAGE - 1) / PAGE).max(1)),
        });
        return activity_json(&headers, &body);
    };
    let mut items = Vec::new();
    for a in &articles {
        let Ok(object) = fediverse::articles::article_object(&state.db, base, a).await else {
            continue;
        };
        let aid = format!(
            "{base}/ap/aktivitaeten/artikel-{}/create/{}",
            a.id,
            actor.key()
        );
        items.push(objects::activity("Create", &aid, &actor, base, object, now));
    }
    for event in ids {
        let made = objects::event_object(&state.db, base, event, now).await;
        let Ok(Some((object, owner, _))) = made else {
            continue;
        };
        let item = if owner == actor {
            let aid = format!(
                "{base}/ap/aktivitaeten/veranstaltung-{event}/create/{}",
                actor.key()
            );
            objects::activity("Create", &aid, &actor, base, object, now)
        } else {
            let aid = format!(
                "{base}/ap/aktivitaeten/veranstaltung-{event}/announce/{}",
                actor.key()
            );
            objects::activity("Announce", &aid, &actor, base, object["id"].clone(), now)
        };
        items.push(item);
    }
    let mut body = json!({
        "@context": objects::context(),
        "id": format!("{id}?seite={n}"),
        "type": "OrderedCollectionPage",
        "partOf": id,
        "totalItems": total,
        "orderedItems": items,
    });
    if n * PAGE < total && n < MAX_PAGE {
        body["next"] = json!(format!("{id}?seite={}", n + 1));
    }
    if n > 1 {
        body["prev"] = json!(format!("{id}?seite={}", n - 1));
    }
    activity_json(&headers, &body)
}

/// The portal's public magazine articles on the outbox page that starts at `offset`,
/// and how many there are (none for other actors).
async fn portal_articles(
    state: &AppState,
    actor: &ActorRef,
    now: i64,
    offset: i64,
) -> Result<(Vec<crate::db::articles::ArticleRow>, i64), crate::db::DbError> {
    if *actor != ActorRef::Portal {
        return Ok((Vec::new(), 0));
    }
    let all = crate::db::articles::ListFilter::default();
    let total = crate::db::articles::public_count(&state.db, &all, now).await?;
    if offset >= total {
        return Ok((Vec::new(), total));
    }
    let page = crate::db::articles::public(&state.db, &all, now, offset, PAGE).await?;
    Ok((page, total))
}

async fn followers(state: AppState, headers: HeaderMap, kind: Kind, slug: String) -> Response {
    let actor = match actor_of(&state, kind, &slug).await {
        Ok(Some(a)) => a,
        Ok(None) => return problem(StatusCode::NOT_FOUND, "Dieses Konto gibt es nicht."),
        Err(r) => return r,
    };
    let total = match crate::db::fediverse::count_followers(&state.db, &actor.key()).await {
        Ok(n) => n,
        Err(e) => return internal(e),
    };
    // Only the number: who follows whom is nobody else's business.
    let body = json!({
        "@context": objects::context(),
        "id": actor.followers(&state.base_url),
        "type": "OrderedCollection",
        "totalItems": total,
    });
    // Counted afresh each time (a follow changes it without changing any page).
    let mut r = activity_json(&headers, &body);
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

async fn inbox(
    state: AppState,
    kind: Option<Kind>,
    slug: String,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(kind) = kind {
        match actor_of(&state, kind, &slug).await {
            Ok(Some(_)) => {}
            Ok(None) => return problem(StatusCode::NOT_FOUND, "Dieses Konto gibt es nicht."),
            Err(r) => return r,
        }
    }
    let header = |name: &str| -> Option<String> {
        let values: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    let path_and_query = uri
        .0
        .path_and_query()
        .map_or_else(|| uri.0.path().to_owned(), |p| p.as_str().to_owned());
    let svc = state.services();
    let incoming = Incoming {
        path_and_query: &path_and_query,
        header: &header,
        body: &body,
    };
    match fediverse::inbox::receive(&svc, incoming).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(InboxError::Unauthorized(why)) => problem(StatusCode::UNAUTHORIZED, why),
        Err(InboxError::BadRequest(why)) => problem(StatusCode::BAD_REQUEST, why),
        Err(InboxError::Blocked) => problem(StatusCode::FORBIDDEN, "blocked"),
        Err(InboxError::NotFound) => problem(StatusCode::NOT_FOUND, "Dieses Konto gibt es nicht."),
        Err(InboxError::Internal(e)) => internal(e),
    }
}

pub async fn portal_outbox(
    State(s): State<AppState>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    outbox(s, h, Kind::Portal, String::new(), q).await
}
pub async fn organization_outbox(
    State(s): State<AppState>,
    h: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    outbox(s, h, Kind::Organization, slug, q).await
}
pub async fn sparte_outbox(
    State(s): State<AppState>,
    h: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    outbox(s, h, Kind::Sparte, slug, q).await
}
pub async fn portal_followers(State(s): State<AppState>, h: HeaderMap) -> Response {
    followers(s, h, Kind::Portal, String::new()).await
}
pub async fn organization_followers(
    State(s): State<AppState>,
    h: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    followers(s, h, Kind::Organization, slug).await
}
pub async fn sparte_followers(
    State(s): State<AppState>,
    h: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    followers(s, h, Kind::Sparte, slug).await
}
pub async fn shared_inbox(
    State(s): State<AppState>,
    uri: OriginalUri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    inbox(s, None, String::new(), uri, h, body).await
}
pub async fn portal_inbox(
    State(s): State<AppState>,
    uri: OriginalUri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    inbox(s, Some(Kind::Portal), String::new(), uri, h, body).await
}
pub async fn organization_inbox(
    State(s): State<AppState>,
    Path(slug): Path<String>,
    uri: OriginalUri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    inbox(s, Some(Kind::Organization), slug, uri, h, body).await
}
pub async fn sparte_inbox(
    State(s): State<AppState>,
    Path(slug): Path<String>,
    uri: OriginalUri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    inbox(s, Some(Kind::Sparte), slug, uri, h, body).await
}

/// `GET /ap/sozial/{id}`: a published post of the social-media desk as its `Note` (the
/// id other servers fetch when they boost or answer it); 404 for any other post.
pub async fn social_note(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return problem(StatusCode::NOT_FOUND, "Diesen Beitrag gibt es nicht.");
    };
    let post = match crate::db::social::by_id(&state.db, id).await {
        Ok(Some(p)) if p.state == crate::domain::social::PostState::Published => p,
        Ok(_) => return problem(StatusCode::NOT_FOUND, "Diesen Beitrag gibt es nicht."),
        Err(e) => return internal(e),
    };
    match fediverse::social::note_object(&state.db, &state.base_url, &post).await {
        Ok(Some(mut note)) => {
            note["@context"] = objects::context();
            activity_json(&headers, &note)
        }
        Ok(None) => problem(StatusCode::NOT_FOUND, "Diesen Beitrag gibt es nicht."),
        Err(e) => internal(e),
    }
}
