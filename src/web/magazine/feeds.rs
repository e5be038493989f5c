//! `GET /magazin.rss` and `/magazin.atom` (both take `rubrik=`): the newest public
//! articles with their lead and body (rendered as on the page, short codes as links).

use crate::db::articles::{self, ArticleRow, ListFilter};
use crate::domain::magazine::body::{self, Block, CardKind};
use crate::error::AppError;
use crate::web::{AppState, page, query};
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// Articles in a feed.
const FEED_SIZE: i64 = 30;

fn escape(s: &str) -> String {
    askama::filters::escape(s, askama::filters::Html)
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// The article as feed HTML: lead, body (figures and cards as links), correction.
fn feed_html(a: &ArticleRow, base: &str) -> String {
    let mut html = format!("<p><strong>{}</strong></p>", escape(&a.lead));
    for block in body::parse(&a.body).0 {
        match block {
            Block::Markdown(md) => html.push_str(&crate::web::markdown::render(&md)),
            Block::Card(kind, slug) => {
                let path = match kind {
                    CardKind::Event => "veranstaltungen",
                    CardKind::Venue => "orte",
                    CardKind::Organization => "kulturszene",
                };
                html.push_str(&format!(
                    "<p><a href=\"{base}/{path}/{slug}\">{base}/{path}/{slug}</a></p>",
                    slug = escape(slug.as_str())
                ));
            }
            Block::Figure(f) => html.push_str(&format!(
                "<figure><img src=\"{base}/medien/{}\" alt=\"{}\"><figcaption>{} {}</figcaption></figure>",
                escape(&f.key),
                escape(&f.alt),
                escape(&f.caption),
                escape(&f.credit)
            )),
            Block::Quote { text, by } => html.push_str(&format!(
                "<blockquote><p>{}</p><p>– {}</p></blockquote>",
                escape(&text),
                escape(&by)
            )),
        }
    }
    if !a.correction.is_empty() {
        html.push_str(&format!(
            "<p><em>Korrektur: {}</em></p>",
            escape(&a.correction)
        ));
    }
    html
}

async fn selection(
    state: &AppState,
    raw: Option<&str>,
) -> Result<(Vec<ArticleRow>, String), AppError> {
    let pairs = query::pairs(raw);
    let (filter, _) = super::list::read_filter(state, &pairs)?;
    let filter = ListFilter {
        category_id: None,
        ..filter
    };
    let now = state.clock.now().timestamp();
    let rows = articles::public(&state.db, &filter, now, 0, FEED_SIZE).await?;
    let title = match filter.rubric {
        Some(r) => format!("Kulturportal Bochum – Magazin: {}", r.label()),
        None => "Kulturportal Bochum – Magazin".to_owned(),
    };
    Ok((rows, title))
}

fn link_query(raw: Option<&str>) -> String {
    let pairs = query::pairs(raw);
    match query::single(&pairs, "rubrik") {
        Some(r) if !r.is_empty() => format!("?rubrik={r}"),
        _ => String::new(),
    }
}

fn instant(t: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t, 0).unwrap_or_default()
}

fn updated(a: &ArticleRow) -> i64 {
    a.corrected_at.or(a.publish_at).unwrap_or(a.updated_at)
}

/// `GET /magazin.rss?rubrik=`
pub async fn rss(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (rows, title) = selection(&state, raw.as_deref()).await?;
    let base = &state.base_url;
    let q = link_query(raw.as_deref());
    let mut channel = rss::Channel::default();
    channel.set_title(title);
    channel.set_link(format!("{base}/magazin{q}"));
    channel.set_description(
        "Porträts, Interviews, Hintergründe und Tipps aus der Bochumer Kulturszene.",
    );
    channel.set_language(Some("de-DE".to_owned()));
    channel.set_last_build_date(Some(state.clock.now().to_rfc2822()));
    let authors =
        articles::authors_of(&state.db, &rows.iter().map(|a| a.id).collect::<Vec<_>>()).await?;
    channel.set_items(
        rows.iter()
            .map(|a| {
                let mut item = rss::Item::default();
                item.set_title(Some(a.title.clone()));
                item.set_link(Some(format!("{base}/magazin/{}", a.slug)));
                item.set_description(Some(feed_html(a, base)));
                let mut guid = rss::Guid::default();
                guid.set_value(format!("{base}/magazin/{}", a.slug));
                guid.set_permalink(true);
                item.set_guid(Some(guid));
                item.set_pub_date(Some(
                    instant(a.publish_at.unwrap_or(a.created_at)).to_rfc2822(),
                ));
                let names: Vec<String> = authors
                    .iter()
                    .filter(|(id, _)| *id == a.id)
                    .map(|(_, au)| au.name.clone())
                    .collect();
                if !names.is_empty() {
                    let mut dc = rss::extension::dublincore::DublinCoreExtension::default();
                    dc.set_creators(names);
                    item.set_dublin_core_ext(Some(dc));
                }
                let mut cat = rss::Category::default();
                cat.set_name(a.rubric.label());
                item.set_categories(vec![cat]);
                item
            })
            .collect::<Vec<_>>(),
    );
    Ok(page::cached(
        &headers,
        "application/rss+xml; charset=utf-8",
        channel.to_string().into_bytes(),
    ))
}

/// `GET /magazin.atom?rubrik=`
pub async fn atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};
    let (rows, title) = selection(&state, raw.as_deref()).await?;
    let base = &state.base_url;
    let q = link_query(raw.as_deref());
    let link = |href: String, rel: &str| {
        let mut l = Link::default();
        l.set_href(href);
        l.set_rel(rel.to_owned());
        l
    };
    let authors =
        articles::authors_of(&state.db, &rows.iter().map(|a| a.id).collect::<Vec<_>>()).await?;
    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(format!("{base}/magazin.atom{q}"));
    feed.set_updated(instant(rows.iter().map(updated).max().unwrap_or(0)).fixed_offset());
    feed.set_links(vec![
        link(format!("{base}/magazin.atom{q}"), "self"),
        link(format!("{base}/magazin{q}"), "alternate"),
    ]);
    feed.set_entries(
        rows.iter()
            .map(|a| {
                let mut entry = Entry::default();
                entry.set_title(Text::plain(a.title.clone()));
                entry.set_id(format!("{base}/magazin/{}", a.slug));
                entry.set_updated(instant(updated(a)).fixed_offset());
                entry.set_published(Some(
                    instant(a.publish_at.unwrap_or(a.created_at)).fixed_offset(),
                ));
                entry.set_links(vec![link(
                    format!("{base}/magazin/{}", a.slug),
                    "alternate",
                )]);
                entry.set_summary(Some(Text::plain(a.lead.clone())));
                let mut people: Vec<Person> = authors
                    .iter()
                    .filter(|(id, _)| *id == a.id)
                    .map(|(_, au)| {
                        let mut p = Person::default();
                        p.set_name(au.name.clone());
                        p.set_uri(Some(format!("{base}/magazin/autoren/{}", au.slug)));
                        p
                    })
                    .collect();
                if people.is_empty() {
                    let mut p = Person::default();
                    p.set_name("Kulturportal Bochum");
                    people.push(p);
                }
                entry.set_authors(people);
                let mut cat = Category::default();
                cat.set_term(a.rubric.key());
                cat.set_label(Some(a.rubric.label().to_owned()));
                entry.set_categories(vec![cat]);
                let mut content = Content::default();
                content.set_content_type(Some("html".to_owned()));
                content.set_value(Some(feed_html(a, base)));
                entry.set_content(Some(content));
                entry
            })
            .collect::<Vec<_>>(),
    );
    Ok(page::cached(
        &headers,
        "application/atom+xml; charset=utf-8",
        feed.to_string().into_bytes(),
    ))
}
