//! A venue's access profile: its features (step-free entrance, lift, quiet room …) and
//! who checked them.

use serde::{Deserialize, Serialize};

/// One feature of a venue's access profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessFeature {
    StepFree,
    Lift,
    WheelchairSpaces,
    WheelchairWc,
    Parking,
    InductionLoop,
    Seating,
    QuietRoom,
    AssistanceDogs,
}

impl AccessFeature {
    pub const ALL: [AccessFeature; 9] = [
        AccessFeature::StepFree,
        AccessFeature::Lift,
        AccessFeature::WheelchairSpaces,
        AccessFeature::WheelchairWc,
        AccessFeature::Parking,
        AccessFeature::InductionLoop,
        AccessFeature::Seating,
        AccessFeature::QuietRoom,
        AccessFeature::AssistanceDogs,
    ];

    /// The URL and form value: `?zugang=stufenlos&zugang=aufzug`.
    pub fn slug(self) -> &'static str {
        match self {
            AccessFeature::StepFree => "stufenlos",
            AccessFeature::Lift => "aufzug",
            AccessFeature::WheelchairSpaces => "rollstuhlplaetze",
            AccessFeature::WheelchairWc => "rollstuhl-wc",
            AccessFeature::Parking => "parkplatz",
            AccessFeature::InductionLoop => "hoeranlage",
            AccessFeature::Seating => "sitzplaetze",
            AccessFeature::QuietRoom => "ruheraum",
            AccessFeature::AssistanceDogs => "assistenzhunde",
        }
    }

    /// In plain words, as the profile and the filters say it.
    pub fn label(self) -> &'static str {
        match self {
            AccessFeature::StepFree => "Stufenloser Zugang",
            AccessFeature::Lift => "Aufzug",
            AccessFeature::WheelchairSpaces => "Rollstuhlplätze",
            AccessFeature::WheelchairWc => "Rollstuhlgerechtes WC",
            AccessFeature::Parking => "Behindertenparkplatz",
            AccessFeature::InductionLoop => "Induktive Höranlage",
            AccessFeature::Seating => "Sitzplätze für alle, die sitzen müssen",
            AccessFeature::QuietRoom => "Ruheraum",
            AccessFeature::AssistanceDogs => "Assistenzhunde willkommen",
        }
    }

    pub fn parse(s: &str) -> Option<AccessFeature> {
        AccessFeature::ALL.into_iter().find(|f| f.slug() == s)
    }
}

/// Whether and how the access data was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AccessCheck {
    /// Nobody said.
    #[default]
    #[serde(rename = "")]
    Unstated,
    /// The house's own statement.
    #[serde(rename = "selbstauskunft")]
    SelfReported,
    /// Checked on site (by the portal's access team or a disability council).
    #[serde(rename = "geprueft")]
    Checked,
    /// Certified under „Reisen für Alle“.
    #[serde(rename = "reisen-fuer-alle")]
    Certified,
}

impl AccessCheck {
    pub const ALL: [AccessCheck; 4] = [
        AccessCheck::Unstated,
        AccessCheck::SelfReported,
        AccessCheck::Checked,
        AccessCheck::Certified,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            AccessCheck::Unstated => "",
            AccessCheck::SelfReported => "selbstauskunft",
            AccessCheck::Checked => "geprueft",
            AccessCheck::Certified => "reisen-fuer-alle",
        }
    }

    /// The message id's ending: `venue-check-{key}`.
    pub fn key(self) -> &'static str {
        match self {
            AccessCheck::Unstated => "unstated",
            AccessCheck::SelfReported => "self-reported",
            AccessCheck::Checked => "checked",
            AccessCheck::Certified => "certified",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessCheck::Unstated => "Keine Angabe, wer die Angaben geprüft hat",
            AccessCheck::SelfReported => "Angaben des Hauses (nicht vor Ort geprüft)",
            AccessCheck::Checked => "Vor Ort geprüft",
            AccessCheck::Certified => "Zertifiziert nach „Reisen für Alle“",
        }
    }

    /// Checked by someone other than the house itself.
    pub fn is_verified(self) -> bool {
        matches!(self, AccessCheck::Checked | AccessCheck::Certified)
    }

    pub fn parse(s: &str) -> Option<AccessCheck> {
        AccessCheck::ALL.into_iter().find(|c| c.slug() == s)
    }
}

const NO_STEP_FREE: &str = "Kein stufenloser Zugang";

/// A venue's access profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccessProfile {
    pub step_free: bool,
    pub lift: bool,
    pub wheelchair_spaces: bool,
    pub wheelchair_wc: bool,
    pub parking: bool,
    pub induction_loop: bool,
    pub seating: bool,
    pub quiet_room: bool,
    pub assistance_dogs: bool,
    pub check: AccessCheck,
    pub notes: String,
}

impl AccessProfile {
    pub fn has(&self, feature: AccessFeature) -> bool {
        match feature {
            AccessFeature::StepFree => self.step_free,
            AccessFeature::Lift => self.lift,
            AccessFeature::WheelchairSpaces => self.wheelchair_spaces,
            AccessFeature::WheelchairWc => self.wheelchair_wc,
            AccessFeature::Parking => self.parking,
            AccessFeature::InductionLoop => self.induction_loop,
            AccessFeature::Seating => self.seating,
            AccessFeature::QuietRoom => self.quiet_room,
            AccessFeature::AssistanceDogs => self.assistance_dogs,
        }
    }

    pub(super) fn set(&mut self, feature: AccessFeature, on: bool) {
        let flag = match feature {
            AccessFeature::StepFree => &mut self.step_free,
            AccessFeature::Lift => &mut self.lift,
            AccessFeature::WheelchairSpaces => &mut self.wheelchair_spaces,
            AccessFeature::WheelchairWc => &mut self.wheelchair_wc,
            AccessFeature::Parking => &mut self.parking,
            AccessFeature::InductionLoop => &mut self.induction_loop,
            AccessFeature::Seating => &mut self.seating,
            AccessFeature::QuietRoom => &mut self.quiet_room,
            AccessFeature::AssistanceDogs => &mut self.assistance_dogs,
        };
        *flag = on;
    }

    /// The profile as message ids with their German words (`venue-no-step-free`,
    /// `access-{slug}`), for pages in other languages.
    pub fn word_ids(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        if !self.step_free {
            out.push(("venue-no-step-free".to_owned(), NO_STEP_FREE));
        }
        out.extend(
            AccessFeature::ALL
                .into_iter()
                .filter(|f| self.has(*f))
                .map(|f| (format!("access-{}", f.slug()), f.label())),
        );
        out
    }

    /// The profile in plain words; a missing step-free entrance is said, not left out.
    pub fn words(&self) -> Vec<&'static str> {
        self.word_ids()
            .into_iter()
            .map(|(_, german)| german)
            .collect()
    }
}
