//! `GET /orte` (all venues, filtered by district and access features, as a list or a map)
//! and `GET /orte/{slug}` (address, opening hours, access profile and what is on).

use super::events::list::{Results, programme};
use super::images::ImageView;
use super::layout::Layout;
use super::options::{self, Choice};
use super::{AppState, page, query};
use crate::db::directory::Named;
use crate::db::{
    organizations,
    venues::{self, VenueRow},
};
use crate::domain::district::District;
use crate::domain::filter::{EventFilter, ParamError, Problem};
use crate::domain::geo;
use crate::domain::slug::Slug;
use crate::domain::venue::AccessFeature;
use crate::error::AppError;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

#[derive(Template)]
#[template(path = "venues/show.html")]
pub struct VenuePage {
    pub layout: Layout,
    pub venue: VenueRow,
    /// „Stadtbezirk Bochum-Mitte“, or empty.
    pub district: String,
    pub access: Vec<String>,
    pub checked: String,
    pub hours: Vec<(&'static str, String)>,
    pub hours_note: String,
    pub image: Option<ImageView>,
    /// The photo's absolute URL for previews, or empty.
    pub og_image: String,
    pub keeper: Option<Named>,
    pub results: Results,
    /// schema.org `Place` (script-safe JSON-LD).
    pub jsonld: String,
    /// „Im Magazin“: public articles linked to the venue.
    pub magazine: Vec<crate::web::magazine::Teaser>,
}

pub struct DistrictGroup {
    pub name: &'static str,
    pub venues: Vec<VenueRow>,
}

/// One venue on the map page: its number on the drawn overview and in the list.
pub struct Dot {
    pub n: usize,
    pub x: f64,
    pub y: f64,
    pub venue: VenueRow,
    pub district: &'static str,
}

#[derive(Template)]
#[template(path = "venues/index.html")]
pub struct VenueIndex {
    pub layout: Layout,
    pub districts: Vec<Choice>,
    pub features: Vec<Choice>,
    pub total: usize,
    pub map: bool,
    /// Links to the other view with the same filters.
    pub list_href: String,
    pub map_href: String,
    pub groups: Vec<DistrictGroup>,
    pub dots: Vec<Dot>,
    /// Venues without coordinates (not on the map, still listed).
    pub unplaced: Vec<VenueRow>,
    pub width: f64,
    pub height: f64,
    /// Tile server and attribution, when configured.
    pub tiles: Option<(String, String)>,
    pub map_assets: [&'static str; 3],
}

const MAP_WIDTH: f64 = 640.0;

/// `GET /orte?bezirk=&zugang=&ansicht=karte`
pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let pairs = query::pairs(raw.as_deref());
    let mut errors = Vec::new();
    let mut districts: Vec<District> = Vec::new();
    let mut features: Vec<AccessFeature> = Vec::new();
    for (k, v) in &pairs {
        match k.as_str() {
            "bezirk" if !v.is_empty() => match District::parse(v) {
                Some(d) => districts.push(d),
                None => errors.push(ParamError::new(k, Problem::InvalidChoice(v.clone()))),
            },
            "zugang" if !v.is_empty() => match AccessFeature::parse(v) {
                Some(f) => features.push(f),
                None => errors.push(ParamError::new(k, Problem::InvalidChoice(v.clone()))),
            },
            _ => {}
        }
    }
    let map = match query::single(&pairs, "ansicht") {
        None | Some("" | "liste") => false,
        Some("karte") => true,
        Some(v) => {
            errors.push(ParamError::new(
                "ansicht",
                Problem::InvalidChoice(v.to_owned()),
            ));
            false
        }
    };
    if !errors.is_empty() {
        return Err(AppError::BadRequest(errors));
    }
    let chosen: Vec<VenueRow> = venues::all(&state.db)
        .await?
        .into_iter()
        .filter(|v| {
            let access = v.access();
            (districts.is_empty() || districts.iter().any(|d| d.slug() == v.district))
                && features.iter().all(|f| access.has(*f))
        })
        .collect();
    let mut base: Vec<(&str, String)> = Vec::new();
    for d in &districts {
        base.push(("bezirk", d.slug().to_owned()));
    }
    for f in &features {
        base.push(("zugang", f.slug().to_owned()));
    }
    let list_href = query::url("/orte", &base);
    base.push(("ansicht", "karte".to_owned()));
    let map_href = query::url("/orte", &base);
    let total = chosen.len();
    let (placed, unplaced): (Vec<VenueRow>, Vec<VenueRow>) = if map {
        chosen
            .into_iter()
            .partition(|v| v.lat.is_some() && v.lon.is_some())
    } else {
        (Vec::new(), chosen)
    };
    let points: Vec<(f64, f64)> = placed
        .iter()
        .map(|v| (v.lat.unwrap_or_default(), v.lon.unwrap_or_default()))
        .collect();
    let (height, xy) = geo::project(&points, MAP_WIDTH, 24.0);
    let dots: Vec<Dot> = placed
        .into_iter()
        .zip(xy)
        .enumerate()
        .map(|(i, (venue, (x, y)))| Dot {
            n: i + 1,
            x,
            y,
            district: District::parse(&venue.district).map_or("", District::name),
            venue,
        })
        .collect();
    let groups = if map {
        Vec::new()
    } else {
        District::ALL
            .iter()
            .map(|d| DistrictGroup {
                name: d.name(),
                venues: unplaced
                    .iter()
                    .filter(|v| v.district == d.slug())
                    .cloned()
                    .collect(),
            })
            .filter(|g| !g.venues.is_empty())
            .collect()
    };
    let tiles = if map {
        state
            .map
            .as_ref()
            .map(|t| (t.url.clone(), t.attribution.clone()))
    } else {
        None
    };
    let lang = crate::i18n::Lang::current();
    let view = VenueIndex {
        layout: Layout::new(lang.t(if map { "venues-map" } else { "venues-title" }))
            .in_section("orte")
            .translated(),
        districts: options::districts(|d| districts.contains(&d)),
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
        total,
        map,
        list_href,
        map_href,
        groups,
        dots,
        unplaced: if map { unplaced } else { Vec::new() },
        width: MAP_WIDTH,
        height,
        tiles,
        map_assets: crate::web::assets::map_paths(),
    };
    let mut response = page::html(&headers, &view)?;
    if let (true, Some(t)) = (map, &state.map) {
        // The one page that may load tiles from the configured server.
        let csp = format!(
            "default-src 'self'; img-src 'self' data: {}; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            t.origin
        );
        if let Ok(value) = HeaderValue::from_str(&csp) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    Ok(response)
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    if let Some(stem) = slug.strip_suffix(".ics") {
        return crate::web::feeds::venue_ics(&state, &headers, stem).await;
    }
    let Some(slug) = Slug::parse(&slug) else {
        return Err(AppError::NotFound);
    };
    let Some(venue) = venues::by_slug(&state.db, slug.as_str()).await? else {
        return Err(AppError::NotFound);
    };
    let filter = EventFilter {
        venue: Some(slug.clone()),
        ..EventFilter::default()
    };
    let results = programme(&state, &filter, raw.as_deref(), &format!("/orte/{slug}")).await?;
    let keeper = match venue.organization_id {
        Some(id) => organizations::by_id(&state.db, id).await?.map(|o| Named {
            slug: o.slug,
            name: o.name,
        }),
        None => None,
    };
    let access = venue.access();
    let hours = venue.hours();
    let image = ImageView::from_variants(0, &venue.image, venue.image_alt.clone(), String::new());
    let mut ld = crate::web::schema::place(&venue, &state.base_url);
    let spec = hours.schema_org();
    if !spec.is_empty() {
        ld["openingHoursSpecification"] = serde_json::json!(spec);
    }
    if let Some(img) = &image {
        ld["image"] = serde_json::json!(format!("{}{}", state.base_url, img.src));
    }
    let amenities: Vec<serde_json::Value> = AccessFeature::ALL
        .iter()
        .map(|f| {
            serde_json::json!({
                "@type": "LocationFeatureSpecification",
                "name": f.label(),
                "value": access.has(*f),
            })
        })
        .collect();
    ld["amenityFeature"] = serde_json::json!(amenities);
    let lang = crate::i18n::Lang::current();
    let magazine = crate::web::magazine::linked(&state, "venue", venue.id).await?;
    let view = VenuePage {
        magazine,
        layout: Layout::new(venue.name.clone())
            .in_section("orte")
            .translated(),
        district: District::parse(&venue.district)
            .map(|d| lang.t_args("venue-district", &[("name", d.name())]))
            .unwrap_or_default(),
        access: access
            .word_ids()
            .into_iter()
            .map(|(id, german)| lang.t_or(&id, german))
            .collect(),
        checked: if access.check == crate::domain::venue::AccessCheck::Unstated {
            String::new()
        } else {
            lang.t_or(
                &format!("venue-check-{}", access.check.key()),
                access.check.label(),
            )
        },
        hours: if hours.days.iter().all(Vec::is_empty) {
            Vec::new()
        } else {
            hours.lines_in(lang.dates())
        },
        hours_note: hours.note.clone(),
        og_image: image
            .as_ref()
            .map(|i| format!("{}{}", state.base_url, i.src))
            .unwrap_or_default(),
        image,
        keeper,
        jsonld: crate::web::schema::script_safe(&ld),
        venue,
        results,
    };
    page::html(&headers, &view)
}
