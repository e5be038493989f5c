//! The magazine editor's form: an [`ArticleDraft`] or messages per field (Fluent ids).

use super::Rubric;
use super::body;
use crate::domain::account::{FieldErrors, Message};
use crate::domain::form::FormData;
use crate::domain::slug::Slug;

pub const MAX_TITLE: usize = 160;
pub const MAX_LEAD: usize = 600;
pub const MAX_BODY: usize = 60_000;
pub const MAX_AUTHORS: usize = 5;

/// A valid article as its writers describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: String,
    pub title_en: String,
    pub lead: String,
    pub lead_en: String,
    pub body: String,
    pub body_en: String,
    pub rubric: Rubric,
    /// The Sparte's slug, if one is chosen.
    pub sparte: Option<Slug>,
    /// The authors' names as written, in order.
    pub authors: Vec<String>,
    /// The member organisation proposing it (guest article), chosen by id.
    pub guest_org: Option<i64>,
    /// Why a published article was changed (required for a correction).
    pub note: String,
}

fn text(
    form: &FormData,
    field: &'static str,
    max: usize,
    required: bool,
    errors: &mut FieldErrors,
) -> String {
    let value = form.trimmed(field).replace("\r\n", "\n");
    if required && value.is_empty() {
        errors.add(field, format!("magazine-{field}-missing").as_str());
    } else if value.chars().count() > max {
        errors.add(field, Message::new("magazine-too-long").with("max", max));
    }
    value
}

impl ArticleDraft {
    /// Reads the form. `guest` writers (no magazine editors) propose for one of
    /// `own_orgs` and always write „Aus der Szene“.
    pub fn parse(
        form: &FormData,
        guest: bool,
        own_orgs: &[i64],
    ) -> Result<ArticleDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = text(form, "title", MAX_TITLE, true, &mut errors);
        let title_en = text(form, "title_en", MAX_TITLE, false, &mut errors);
        let lead = text(form, "lead", MAX_LEAD, true, &mut errors);
        let lead_en = text(form, "lead_en", MAX_LEAD, false, &mut errors);
        let body = text(form, "body", MAX_BODY, true, &mut errors);
        let body_en = text(form, "body_en", MAX_BODY, false, &mut errors);
        for (field, value) in [("body", &body), ("body_en", &body_en)] {
            if let Some(p) = body::parse(value).1.first() {
                errors.add(field, Message::new(p.id).with("line", p.line));
            }
        }
        let rubric = if guest {
            Some(Rubric::Scene)
        } else {
            Rubric::parse(form.trimmed("rubric"))
        };
        if rubric.is_none() {
            errors.add("rubric", "magazine-rubric-missing");
        }
        let sparte = match form.trimmed("sparte") {
            "" => None,
            s => {
                let slug = Slug::parse(s);
                if slug.is_none() {
                    errors.add("sparte", "magazine-sparte-unknown");
                }
                slug
            }
        };
        let authors: Vec<String> = form
            .trimmed("authors")
            .split([',', ';'])
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty())
            .collect();
        if authors.is_empty() {
            errors.add("authors", "magazine-authors-missing");
        } else if authors.len() > MAX_AUTHORS
            || authors
                .iter()
                .any(|a| a.chars().count() > 80 || Slug::from_title(a).as_str().is_empty())
        {
            errors.add(
                "authors",
                Message::new("magazine-authors-invalid").with("max", MAX_AUTHORS),
            );
        }
        let guest_org = match form.trimmed("organisation") {
            "" => None,
            s => s
                .parse::<i64>()
                .ok()
                .filter(|o| own_orgs.contains(o))
                .or_else(|| {
                    errors.add("organisation", "magazine-organisation-unknown");
                    None
                }),
        };
        // A guest with one organisation proposes for it without choosing.
        let guest_org = match (guest, guest_org, own_orgs) {
            (true, None, [only]) if form.trimmed("organisation").is_empty() => Some(*only),
            (_, chosen, _) => chosen,
        };
        if guest && guest_org.is_none() {
            errors.add("organisation", "magazine-organisation-missing");
        }
        let note = text(form, "note", MAX_LEAD, false, &mut errors);
        match rubric {
            Some(rubric) if errors.is_empty() => Ok(ArticleDraft {
                title,
                title_en,
                lead,
                lead_en,
                body,
                body_en,
                rubric,
                sparte,
                authors,
                guest_org,
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_complete_form_is_a_draft() {
        let d = ArticleDraft::parse(
            &form(&[
                ("title", "Die Rotunde lebt"),
                ("lead", "Ein Besuch."),
                ("body", "Text\n[[ort:rotunde]]"),
                ("rubric", "portraet"),
                ("authors", "Ada Muster,  Ben  Beispiel"),
            ]),
            false,
            &[],
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(d.rubric, Rubric::Portrait);
        assert_eq!(d.authors, vec!["Ada Muster", "Ben Beispiel"]);
    }

    #[test]
    fn guests_write_aus_der_szene_for_their_organisation() {
        let fields = [
            ("title", "Wir proben"),
            ("lead", "Ein Blick hinter die Bühne."),
            ("body", "Text"),
            ("rubric", "interview"),
            ("authors", "Ada"),
            ("organisation", "9"),
        ];
        let d = ArticleDraft::parse(&form(&fields), true, &[9]).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((d.rubric, d.guest_org), (Rubric::Scene, Some(9)));
        let e = ArticleDraft::parse(&form(&fields), true, &[8])
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("organisation"), Some("magazine-organisation-unknown"));
    }

    #[test]
    fn missing_and_broken_fields_are_named() {
        let e = ArticleDraft::parse(&form(&[("body", "[[bild:x-1.jpg|]]")]), false, &[])
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("title"), Some("magazine-title-missing"));
        assert_eq!(e.get("body"), Some("magazine-figure-alt"));
        assert_eq!(e.get("rubric"), Some("magazine-rubric-missing"));
        assert_eq!(e.get("authors"), Some("magazine-authors-missing"));
    }
}
