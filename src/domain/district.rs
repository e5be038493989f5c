//! Bochum's six Stadtbezirke.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum District {
    Mitte,
    Wattenscheid,
    Nord,
    Ost,
    Sued,
    Suedwest,
}

impl District {
    pub const ALL: [District; 6] = [
        District::Mitte,
        District::Wattenscheid,
        District::Nord,
        District::Ost,
        District::Sued,
        District::Suedwest,
    ];

    /// The URL form: `mitte|wattenscheid|nord|ost|sued|suedwest`.
    pub fn slug(self) -> &'static str {
        match self {
            District::Mitte => "mitte",
            District::Wattenscheid => "wattenscheid",
            District::Nord => "nord",
            District::Ost => "ost",
            District::Sued => "sued",
            District::Suedwest => "suedwest",
        }
    }

    /// The official German name.
    pub fn name(self) -> &'static str {
        match self {
            District::Mitte => "Bochum-Mitte",
            District::Wattenscheid => "Wattenscheid",
            District::Nord => "Bochum-Nord",
            District::Ost => "Bochum-Ost",
            District::Sued => "Bochum-Süd",
            District::Suedwest => "Bochum-Südwest",
        }
    }

    pub fn parse(s: &str) -> Option<District> {
        District::ALL.into_iter().find(|d| d.slug() == s)
    }
}
