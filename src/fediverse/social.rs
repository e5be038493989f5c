//! The social-media desk's posts on the fediverse: a `Note` from the portal's actor with
//! the channel's text, the link to the event or article, the hashtags as `Hashtag` tags
//! and the square picture as attachment with its alt text.

use super::objects::PUBLIC;
use super::{ActorRef, html_escape};
use crate::db::social::PostRow;
use crate::db::{self, Db};
use crate::domain::calendar;
use crate::media::social::Format;
use crate::web::listing::instant;
use crate::web::social::cards;
use serde_json::{Value, json};

/// The post's id on the fediverse.
pub fn note_url(base: &str, id: i64) -> String {
    format!("{base}/ap/sozial/{id}")
}

fn tag_href(base: &str, tag: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(tag.as_bytes()).collect();
    format!("{base}/veranstaltungen?q={q}")
}

/// The HTML of a post: its paragraphs, the link, the hashtags as links.
fn content(base: &str, text: &str, link: &str, tags: &[String]) -> String {
    let mut html = String::new();
    for paragraph in text.trim().split("\n\n").filter(|p| !p.trim().is_empty()) {
        let lines: Vec<String> = paragraph.trim().lines().map(html_escape).collect();
        html.push_str(&format!("<p>{}</p>", lines.join("<br>")));
    }
    let link = html_escape(link);
    html.push_str(&format!("<p><a href=\"{link}\">{link}</a></p>"));
    if !tags.is_empty() {
        let links: Vec<String> = tags
            .iter()
            .map(|t| {
                format!(
                    "<a href=\"{}\" class=\"mention hashtag\" rel=\"tag\">#<span>{}</span></a>",
                    html_escape(&tag_href(base, t)),
                    html_escape(t)
                )
            })
            .collect();
        html.push_str(&format!("<p>{}</p>", links.join(" ")));
    }
    html
}

/// The post as a `Note` (None when it has no fediverse text or its subject is gone).
pub async fn note_object(db: &Db, base: &str, p: &PostRow) -> Result<Option<Value>, db::DbError> {
    let texts = db::social::texts_of(db, &[p.id]).await?;
    let Some(text) = texts
        .iter()
        .find(|t| t.channel == crate::domain::social::Channel::Fediverse)
    else {
        return Ok(None);
    };
    let (made, kind, subject) = match (p.event_id, p.article_id) {
        (Some(e), _) => (
            cards::event_card(db, e, Format::Square).await?,
            "veranstaltung",
            e,
        ),
        (_, Some(a)) => (
            cards::article_card(db, a, Format::Square).await?,
            "artikel",
            a,
        ),
        _ => return Ok(None),
    };
    let link = format!("{base}{}", p.path());
    let tags = p.tags();
    let portal = ActorRef::Portal;
    let mut object = json!({
        "id": note_url(base, p.id),
        "type": "Note",
        "attributedTo": portal.id(base),
        "content": content(base, &text.body, &link, &tags),
        "contentMap": { "de": content(base, &text.body, &link, &tags) },
        "url": link,
        "to": [PUBLIC],
        "cc": [portal.followers(base)],
        "published": calendar::rfc3339_local(instant(p.published_at.unwrap_or(p.planned_at))),
        "sensitive": false,
        "tag": tags.iter().map(|t| json!({
            "type": "Hashtag",
            "name": format!("#{t}"),
            "href": tag_href(base, t),
        })).collect::<Vec<_>>(),
    });
    if let Some(made) = made {
        let (width, height) = Format::Square.size();
        object["attachment"] = json!([{
            "type": "Document",
            "mediaType": "image/jpeg",
            "url": format!("{base}{}", cards::public_path(kind, subject, &made.card)),
            "name": made.alt,
            "width": width,
            "height": height,
        }]);
    }
    Ok(Some(object))
}

#[cfg(test)]
mod tests {
    #[test]
    fn posts_become_paragraphs_with_escaped_text_and_tag_links() {
        let html = super::content(
            "https://k.test",
            "Heute <b>Jazz</b>!\nIm Keller.\n\nKommt vorbei.",
            "https://k.test/veranstaltungen/jazz",
            &["Jazz".into()],
        );
        assert!(
            html.starts_with(
                "<p>Heute &lt;b&gt;Jazz&lt;/b&gt;!<br>Im Keller.</p><p>Kommt vorbei.</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://k.test/veranstaltungen?q=Jazz\""),
            "{html}"
        );
    }
}
