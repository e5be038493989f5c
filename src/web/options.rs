//! One type for the options of a form field (select options, radio buttons, checkboxes),
//! and the lists of them that many pages offer: districts and Sparten.

use crate::domain::category::Category;
use crate::domain::district::District;
use crate::web::i18n::Lang;

/// One option: the value sent, the words shown, and whether it is chosen. Filters set
/// `checked` from the request; forms that are shown again from `FormData` ask `f.on(…)`
/// in the template instead and leave it false.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

impl Choice {
    /// An option that is not chosen.
    pub fn new(value: impl ToString, label: impl Into<String>) -> Choice {
        Choice {
            value: value.to_string(),
            label: label.into(),
            checked: false,
        }
    }

    /// The same option, chosen when `yes`.
    pub fn checked_if(self, yes: bool) -> Choice {
        Choice {
            checked: yes,
            ..self
        }
    }
}

/// Bochum's districts by slug, chosen where `checked` says so.
pub fn districts(checked: impl Fn(District) -> bool) -> Vec<Choice> {
    District::ALL
        .iter()
        .map(|d| Choice::new(d.slug(), d.name()).checked_if(checked(*d)))
        .collect()
}

/// The Sparten by slug (as filters name them), in `lang`, chosen where `checked` says so.
pub fn sparten_by_slug(
    all: &[Category],
    lang: Lang,
    checked: impl Fn(&Category) -> bool,
) -> Vec<Choice> {
    all.iter()
        .map(|c| Choice::new(&c.slug, c.name_in(lang.dates())).checked_if(checked(c)))
        .collect()
}

/// The Sparten by id (as forms send them), in `lang`.
pub fn sparten_by_id(all: &[Category], lang: Lang) -> Vec<Choice> {
    all.iter()
        .map(|c| Choice::new(c.id, c.name_in(lang.dates())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_carry_value_words_and_choice() {
        let c = Choice::new(7, "Tanz");
        assert_eq!(
            (c.value.as_str(), c.label.as_str(), c.checked),
            ("7", "Tanz", false)
        );
        assert!(c.checked_if(true).checked);
        let all = districts(|d| d.slug() == "mitte");
        assert_eq!(all.len(), District::ALL.len());
        assert_eq!(all.iter().filter(|c| c.checked).count(), 1);
        let sparten = [Category {
            id: 3,
            slug: "tanz".into(),
            name: "Tanz".into(),
            name_en: "Dance".into(),
        }];
        assert_eq!(sparten_by_id(&sparten, Lang::En)[0].label, "Dance");
        let by_slug = sparten_by_slug(&sparten, Lang::De, |_| true);
        assert_eq!(
            (by_slug[0].value.as_str(), by_slug[0].checked),
            ("tanz", true)
        );
    }
}
