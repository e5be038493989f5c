//! „Mein Kulturkalender“: what a personal calendar holds (saved list views, follows of
//! organisers, venues and Sparten, the Merkliste) and how a saved list view is filed.

use super::UnknownKey;
use super::filter::EventFilter;

/// The most entries one personal calendar keeps.
pub const MAX_ITEMS: usize = 100;

/// One kind of entry in a personal calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A saved list view: its query string (German names, as the list page writes it).
    Selection,
    /// Following an organiser (its slug).
    Organizer,
    /// Following a venue (its slug).
    Venue,
    /// Following a Sparte (its slug).
    Sparte,
    /// An event on the Merkliste (its id).
    Watch,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Selection,
        ItemKind::Organizer,
        ItemKind::Venue,
        ItemKind::Sparte,
        ItemKind::Watch,
    ];

    /// The stored key (also the form value).
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Selection => "auswahl",
            ItemKind::Organizer => "veranstalter",
            ItemKind::Venue => "ort",
            ItemKind::Sparte => "sparte",
            ItemKind::Watch => "merkliste",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.key() == s)
    }

    /// Whether this is a follow (organiser, venue, Sparte).
    pub fn is_follow(self) -> bool {
        matches!(
            self,
            ItemKind::Organizer | ItemKind::Venue | ItemKind::Sparte
        )
    }
}

impl TryFrom<String> for ItemKind {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<ItemKind, UnknownKey> {
        ItemKind::parse(&s).ok_or_else(|| UnknownKey::new("personal calendar entry", s))
    }
}

/// How a list view is kept: a view that is nothing but one organiser, one venue or one
/// Sparte (a venue's programme, a Sparte's page) is a follow of it; anything else is a
/// saved selection with its query string. `None` for the unfiltered list (saving
/// „everything“ would make the digest the whole calendar).
pub fn file(filter: &EventFilter) -> Option<(ItemKind, String)> {
    if filter.is_empty() {
        return None;
    }
    let only = |f: EventFilter| f == *filter;
    if let Some(o) = &filter.organizer
        && only(EventFilter {
            organizer: Some(o.clone()),
            ..EventFilter::default()
        })
    {
        return Some((ItemKind::Organizer, o.to_string()));
    }
    if let Some(v) = &filter.venue
        && only(EventFilter {
            venue: Some(v.clone()),
            ..EventFilter::default()
        })
    {
        return Some((ItemKind::Venue, v.to_string()));
    }
    if let [c] = filter.categories.as_slice()
        && only(EventFilter {
            categories: vec![c.clone()],
            ..EventFilter::default()
        })
    {
        return Some((ItemKind::Sparte, c.to_string()));
    }
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in filter.to_pairs() {
        s.append_pair(k, &v);
    }
    Some((ItemKind::Selection, s.finish()))
}

/// The filter a follow stands for (`None` for selections and the Merkliste, or a bad
/// slug).
pub fn follow_filter(kind: ItemKind, value: &str) -> Option<EventFilter> {
    let slug = super::slug::Slug::parse(value)?;
    match kind {
        ItemKind::Organizer => Some(EventFilter {
            organizer: Some(slug),
            ..EventFilter::default()
        }),
        ItemKind::Venue => Some(EventFilter {
            venue: Some(slug),
            ..EventFilter::default()
        }),
        ItemKind::Sparte => Some(EventFilter {
            categories: vec![slug],
            ..EventFilter::default()
        }),
        ItemKind::Selection | ItemKind::Watch => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::GERMAN;

    fn filter(q: &str) -> EventFilter {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(q.as_bytes()).into_owned().collect();
        EventFilter::parse(&pairs, &GERMAN).unwrap_or_default()
    }

    #[test]
    fn a_programme_is_a_follow_and_anything_else_a_selection() {
        assert_eq!(
            file(&filter("ort=bahnhof-langendreer")),
            Some((ItemKind::Venue, "bahnhof-langendreer".into()))
        );
        assert_eq!(
            file(&filter("sparte=musik")),
            Some((ItemKind::Sparte, "musik".into()))
        );
        assert_eq!(
            file(&filter("veranstalter=prinz-regent")),
            Some((ItemKind::Organizer, "prinz-regent".into()))
        );
        assert_eq!(
            file(&filter(
                "sparte=musik&bezirk=wattenscheid&zielgruppe=kinder"
            )),
            Some((
                ItemKind::Selection,
                "sparte=musik&bezirk=wattenscheid&zielgruppe=kinder".into()
            ))
        );
        assert_eq!(file(&filter("")), None);
    }

    #[test]
    fn kinds_read_back_what_they_store() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.key()), Some(k));
        }
    }
}
