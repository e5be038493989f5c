//! Magazine articles on the fediverse: an `Article` (name, HTML content, the lead as
//! `summary`, its address, the portal as author, published/updated, the lead picture as
//! attachment, its Sparte as hashtag). The portal's actor sends it (`Create` when it is
//! published, `Update` when corrected, `Delete` when withdrawn); the organisation that
//! proposed a guest article boosts it to its own followers (`Announce`).

use super::objects::{PUBLIC, hashtag};
use super::{ActorRef, html_escape};
use crate::db::articles::ArticleRow;
use crate::db::{self, Db};
use crate::domain::calendar;
use crate::domain::magazine::body::{self, Block, CardKind};
use crate::web::listing::instant;
use serde_json::{Value, json};

/// The article's address (its id on the fediverse).
pub fn article_url(base: &str, slug: &str) -> String {
    format!("{base}/magazin/{slug}")
}

/// What stays of a withdrawn article.
pub fn tombstone(base: &str, slug: &str) -> Value {
    json!({ "id": article_url(base, slug), "type": "Tombstone", "formerType": "Article" })
}

/// The actors that tell about an article: the portal, and the organisation that
/// proposed it (if any; it boosts).
pub fn actors_of(a: &ArticleRow) -> (ActorRef, Option<String>) {
    (
        ActorRef::Portal,
        a.guest_org.map(|id| format!("organization:{id}")),
    )
}

/// The body as HTML for other servers: Markdown rendered and sanitised, cards as links,
/// figures as links to the picture, quotes as quotes.
fn content(base: &str, text: &str) -> String {
    let mut html = String::new();
    for block in body::parse(text).0 {
        match block {
            Block::Markdown(m) => html.push_str(&crate::web::markdown::render(&m)),
            Block::Card(kind, slug) => {
                let path = match kind {
                    CardKind::Event => "veranstaltungen",
                    CardKind::Venue => "orte",
                    CardKind::Organization => "kulturszene",
                };
                let url = format!("{base}/{path}/{}", slug.as_str());
                html.push_str(&format!("<p><a href=\"{url}\">{url}</a></p>"));
            }
            Block::Figure(f) => html.push_str(&format!(
                "<p><a href=\"{base}/medien/{}\">{}</a></p>",
                html_escape(&f.key),
                html_escape(&f.alt)
            )),
            Block::Quote { text, by } => html.push_str(&format!(
                "<blockquote><p>{}</p><p>– {}</p></blockquote>",
                html_escape(&text),
                html_escape(&by)
            )),
        }
    }
    html
}

/// The article as an ActivityPub `Article` (German texts: the portal's language).
pub async fn article_object(db: &Db, base: &str, a: &ArticleRow) -> Result<Value, db::DbError> {
    let url = article_url(base, &a.slug);
    let when = |t: i64| calendar::rfc3339_local(instant(t));
    let mut html = String::new();
    if let Some(at) = a.corrected_at.filter(|_| !a.correction.is_empty()) {
        html.push_str(&format!(
            "<p><em>Korrektur vom {}: {}</em></p>",
            calendar::long_date(calendar::local_date(instant(at))),
            html_escape(&a.correction)
        ));
    }
    html.push_str(&content(base, &a.body));
    let mut tags: Vec<Value> = vec![json!({
        "type": "Hashtag",
        "name": "#KulturBochum",
        "href": format!("{base}/magazin"),
    })];
    if let Some(id) = a.category_id
        && let Some(c) = db::categories::all(db)
            .await?
            .into_iter()
            .find(|c| c.id == id)
    {
        tags.push(json!({
            "type": "Hashtag",
            "name": format!("#{}", hashtag(&c.name)),
            "href": format!("{base}/sparten/{}", c.slug),
        }));
    }
    let portal = ActorRef::Portal;
    let published = a.publish_at.unwrap_or(a.created_at);
    let mut object = json!({
        "id": url,
        "type": "Article",
        "name": a.title,
        "summary": a.lead,
        "content": html,
        "mediaType": "text/html",
        "url": url,
        "attributedTo": portal.id(base),
        "to": [PUBLIC],
        "cc": [portal.followers(base)],
        "published": when(published),
        "updated": when(a.corrected_at.unwrap_or(published).max(published)),
        "tag": tags,
        "inLanguage": "de",
    });
    if let Some(v) = crate::web::images::ImageView::from_variants(
        0,
        &a.image,
        a.image_alt.clone(),
        a.image_credit.clone(),
    ) {
        object["attachment"] = json!([{
            "type": "Document",
            "mediaType": "image/jpeg",
            "url": format!("{base}{}", v.src),
            "name": v.alt,
        }]);
    }
    Ok(object)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bodies_become_html_with_links() {
        let html = super::content(
            "https://k.test",
            "Ein *Abend*.\n[[veranstaltung:jazz]]\n[[zitat:Kunst <b>braucht</b> Räume.|Ada]]",
        );
        assert!(html.contains("<em>Abend</em>"), "{html}");
        assert!(
            html.contains("https://k.test/veranstaltungen/jazz"),
            "{html}"
        );
        assert!(html.contains("Kunst &lt;b&gt;braucht"), "{html}");
    }
}
