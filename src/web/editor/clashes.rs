//! Clash warnings in the editor: other published events of the same Sparte on the same
//! Bochum day (and in the same district), and other organisations' tentative dates.

use crate::db::event_writes;
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::editor::EventInput;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::listing::instant;

/// A warning that other events of the same Sparte take place that day (and district).
pub struct ClashWarning {
    pub text: String,
    pub events: Vec<(String, String)>,
    /// Tentative dates of other organisations that day, in words (members only).
    pub tentative: Vec<String>,
}

/// How many distinct days of a preview are checked for clashes.
const CLASH_DAYS: usize = 12;

/// Looks up clashes for the dates of a valid form: same local day, same district (when
/// the place has one), a shared Sparte, published and not cancelled.
pub async fn clash_warnings(
    state: &AppState,
    input: &EventInput,
    except: Option<i64>,
) -> Result<Vec<ClashWarning>, AppError> {
    use crate::domain::editor::Place;
    let lang = Lang::current();
    let district: Option<String> = match &input.place {
        Place::Venue(id) => crate::db::venues::by_ids(&state.db, &[*id])
            .await?
            .first()
            .map(|v| v.district.clone()),
        Place::NewVenue(p) => Some(p.district.slug().to_owned()),
        Place::Text(_) => None,
    };
    let where_words = district
        .as_deref()
        .and_then(District::parse)
        .map_or("in Bochum".to_owned(), |d| format!("in {}", d.name()));
    let sparten: Vec<String> = state
        .categories
        .list()
        .iter()
        .filter(|c| input.category_ids.contains(&c.id))
        .map(|c| c.name_in(lang == Lang::En).to_owned())
        .collect();
    let sparten = sparten.join(" / ");
    let mut days: Vec<chrono::NaiveDate> = input
        .schedule
        .slots(state.clock.now())
        .iter()
        .map(|s| calendar::local_date(instant(s.starts_at)))
        .filter(|d| *d >= calendar::local_date(state.clock.now()))
        .collect();
    days.dedup();
    let mut out = Vec::new();
    for day in days.into_iter().take(CLASH_DAYS) {
        let from = calendar::start_of_day(day).timestamp();
        let to = calendar::start_of_day(day.succ_opt().unwrap_or(day)).timestamp();
        let found = event_writes::clashes(
            &state.db,
            from,
            to,
            district.as_deref(),
            &input.category_ids,
            except,
        )
        .await?;
        let own: Vec<i64> = input.organization_id.into_iter().collect();
        let reserved = crate::db::planning::clashing(
            &state.db,
            crate::domain::pinboard::day_number(day),
            district.as_deref(),
            &input.category_ids,
            &own,
        )
        .await?;
        let tentative: Vec<String> = reserved
            .iter()
            .map(|t| {
                let time = if t.time.is_empty() {
                    String::new()
                } else {
                    lang.t_args("editor-clash-time", &[("time", &t.time)])
                };
                format!(
                    "{}: {} ({}{time})",
                    t.organization_name, t.title, t.category_name
                )
            })
            .collect();
        if found.is_empty() && tentative.is_empty() {
            continue;
        }
        let day_words = calendar::short_date_in(day, lang.dates());
        let words = |key: &str, count: usize| {
            let count = count.to_string();
            lang.t_args(
                key,
                &[
                    ("day", &day_words),
                    ("where", &where_words),
                    ("count", &count),
                    ("sparten", &sparten),
                ],
            )
        };
        let n = found.len();
        if n == 0 {
            let m = tentative.len();
            out.push(ClashWarning {
                text: words(
                    if m == 1 {
                        "editor-clash-reserved-one"
                    } else {
                        "editor-clash-reserved-many"
                    },
                    m,
                ),
                events: Vec::new(),
                tentative,
            });
            continue;
        }
        out.push(ClashWarning {
            tentative,
            text: words(
                if n == 1 {
                    "editor-clash-events-one"
                } else {
                    "editor-clash-events-many"
                },
                n,
            ),
            events: found
                .into_iter()
                .map(|c| (format!("/veranstaltungen/{}", c.slug), c.title))
                .collect(),
        });
    }
    Ok(out)
}
