//! Demo and synthetic data. The demo is a realistic, deterministic Bochum relative to the
//! day it is seeded: real venues and institutions, clearly fictional collectives, and a
//! season of German events over the next 90 days, with example pictures drawn on the
//! machine (see [`pictures`]).

mod artwork;
mod association;
pub mod catalog;
mod extras;
mod magazine;
pub mod pictures;
pub mod rng;
mod save;
mod statistics;
pub mod synthetic;

use crate::db::seed::{self, NewEvent, NewOccurrence, NewOrganization, NewVenue};
use crate::db::{Db, categories};
use crate::domain::calendar::{self, local_date, local_instant};
use crate::domain::event::{AccessService, Audience, OccurrenceStatus, Price};
use crate::domain::recurrence::Recurrence;
use crate::domain::slug::Slug;
use catalog::{EventTemplate, ORGS, Pattern, PriceSeed, VENUES};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use rng::Rng;
use std::collections::{HashMap, HashSet};

/// How far ahead the demo season reaches.
pub const SEASON_DAYS: u64 = 90;

/// Seeds the demo when the calendar is empty, with example pictures stored in `media`;
/// returns the number of events created.
pub async fn seed_demo_if_empty(
    db: &Db,
    media: &dyn crate::media::MediaStore,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    if !seed::has_no_events(db).await? {
        tracing::info!("calendar not empty; demo data not added");
        return Ok(0);
    }
    let ts = now.timestamp();
    let category_ids: HashMap<String, i64> = categories::all(db)
        .await?
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
    let cat = |slugs: &[&str]| -> Vec<i64> {
        slugs
            .iter()
            .filter_map(|s| category_ids.get(*s).copied())
            .collect()
    };
    let venue_ids = seed::insert_venues(db, VENUES.iter().map(new_venue).collect(), ts).await?;
    let venues: HashMap<&str, i64> = VENUES.iter().map(|v| v.slug).zip(venue_ids).collect();
    let orgs_new = ORGS
        .iter()
        .map(|o| NewOrganization {
            slug: o.slug.into(),
            name: o.name.into(),
            kind: o.kind.into(),
            description: o.description.into(),
            website: o.website.into(),
            district: Some(o.district.into()),
            verified: !o.name.contains("(fiktiv)"),
            category_ids: cat(o.categories),
        })
        .collect();
    let org_ids = seed::insert_organizations(db, orgs_new, ts).await?;
    let orgs: HashMap<&str, i64> = ORGS.iter().map(|o| o.slug).zip(org_ids).collect();
    let mut rng = Rng::new(2026);
    let today = local_date(now);
    let mut slugs = HashSet::new();
    let mut events = Vec::new();
    for t in catalog::EVENTS {
        let mut e = from_template(t, today, &mut rng);
        if e.occurrences.is_empty() {
            continue; // out of season
        }
        e.slug = unique(&mut slugs, Slug::from_title(t.title).to_string());
        e.venue_id = venues.get(t.venue).copied();
        e.organizer_ids = orgs.get(t.organizer).copied().into_iter().collect();
        e.category_ids = cat(t.categories);
        e.ticket_url =
            catalog::ticket_page(t.organizer, matches!(t.price, PriceSeed::Range { .. }))
                .to_owned();
        events.push(e);
    }
    for mut x in extras::one_offs(today, &mut rng) {
        x.event.ticket_url =
            catalog::ticket_page(x.organizer, matches!(x.event.price, Price::Range { .. }))
                .to_owned();
        x.event.slug = unique(&mut slugs, x.event.slug);
        x.event.venue_id = venues.get(x.venue).copied();
        x.event.organizer_ids = orgs.get(x.organizer).copied().into_iter().collect();
        x.event.category_ids = cat(x.categories);
        events.push(x.event);
    }
    mark_some_dates(&mut events);
    let n = events.len();
    // The demo writes as the portal itself, through everybody's write path.
    let svc = crate::service::Services::detached(
        db.clone(),
        std::sync::Arc::new(crate::clock::FixedClock(now)),
    )?;
    save::events(&svc, &events).await?;
    db.analyze().await?;
    crate::accounts::seed_demo_accounts(db, now).await?;
    venue_profiles(db, &venues, &orgs, ts).await?;
    pictures::attach(db, media, &venues, &orgs).await?;
    moderation_work(&svc, now).await?;
    platform(db, now).await?;
    association::seed(db, media, now).await?;
    magazine::seed(&svc, ts).await?;
    for (title, english) in ENGLISH {
        crate::db::event_writes::set_english_by_title(db, title, &english(), ts).await?;
    }
    // A year of counted visits, so that reach, figures and evaluation show something.
    let event_slugs: Vec<String> = events.iter().map(|e| e.slug.clone()).collect();
    let org_slugs: Vec<String> = ORGS.iter().map(|o| o.slug.to_owned()).collect();
    statistics::seed_year(db, today, &event_slugs, &org_slugs).await?;
    Ok(n)
}

/// Who keeps which house, opening hours, and access profiles in detail (how they were
/// checked, seating, quiet rooms, assistance dogs).
async fn venue_profiles(
    db: &Db,
    venues: &HashMap<&str, i64>,
    orgs: &HashMap<&str, i64>,
    now: i64,
) -> anyhow::Result<()> {
    use crate::domain::venue::{AccessCheck, OpeningHours};
    for p in catalog::VENUE_PROFILES {
        let Some(&id) = venues.get(p.venue) else {
            continue;
        };
        let Some(row) = crate::db::venues::by_ids(db, &[id])
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let mut input = row.input();
        for (i, text) in p.hours.iter().enumerate() {
            input.details.hours.days[i] = OpeningHours::parse_day(text).unwrap_or_default();
        }
        input.details.hours.note = p.hours_note.to_owned();
        let access = &mut input.place.access;
        access.check = AccessCheck::parse(p.checked).unwrap_or_default();
        access.seating = p.seating;
        access.quiet_room = p.quiet_room;
        access.assistance_dogs = p.assistance_dogs;
        let keeper = p.keeper.and_then(|k| orgs.get(k).copied());
        crate::db::venues::seed_profile(db, id, &input, keeper, now).await?;
    }
    Ok(())
}

/// A lively members' platform: pinboard posts of several actors, and a conversation that
/// started on the pinboard, so that a demo member logging in sees it working.
async fn platform(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    use crate::db::messages::{self, Recipient};
    use crate::db::pinboard;
    use crate::domain::account::Email;
    use crate::domain::district::District;
    use crate::domain::pinboard::{Kind, PostInput};
    let user = |email: &'static str| async move {
        let Some(email) = Email::parse(email) else {
            return Ok::<Option<i64>, anyhow::Error>(None);
        };
        Ok(crate::db::users::by_email(db, &email).await?.map(|u| u.id))
    };
    let (Some(redaktion), Some(mitglied), Some(moderation)) = (
        user("redaktion@demo.kulturportal.invalid").await?,
        user("mitglied@demo.kulturportal.invalid").await?,
        user("moderation@demo.kulturportal.invalid").await?,
    ) else {
        return Ok(());
    };
    let all = categories::all(db).await?;
    let sparte = |slug: &str| all.iter().find(|c| c.slug == slug).map(|c| c.id);
    let org = |slug: &'static str| async move {
        Ok::<Option<i64>, anyhow::Error>(
            crate::db::organizations::by_slug(db, slug)
                .await?
                .map(|o| o.id),
        )
    };
    let floezlicht = org("kollektiv-floezlicht").await?;
    let today = local_date(now);
    // (author, for organisation, kind, topic, title, text, Sparten, district, period, days shown)
    type PostSeed<'a> = (
        i64,
        Option<i64>,
        Kind,
        &'static str,
        &'a str,
        &'a str,
        &'a [&'a str],
        Option<District>,
        &'a str,
        u64,
    );
    let posts: [PostSeed<'_>; 5] = [
        (
            redaktion,
            floezlicht,
            Kind::Seeks,
            "raum",
            "Probenraum für Figurentheater, dienstags und donnerstags",
            "Für unsere neue Produktion suchen wir von Januar bis März einen Raum von mindestens 40 m², gern ebenerdig, mit Strom und Verdunkelung. Wir beteiligen uns an den Kosten oder spielen eine Vorstellung für Ihr Publikum.",
            &["theater", "kinder-familie"],
            Some(District::Mitte),
            "Januar bis März 2027",
            75,
        ),
        (
            mitglied,
            None,
            Kind::Offers,
            "technik",
            "LED-Scheinwerfer und kleines Lichtpult zu verleihen",
            "Acht LED-Pars (RGBW) und ein Lichtpult mit 24 Kanälen, gut für Lesungen, Konzerte im Café oder kleine Bühnen. Abholung in Langendreer, gern gegen eine Spende an den Verein.",
            &["musik", "literatur"],
            Some(District::Ost),
            "ab sofort",
            40,
        ),
        (
            redaktion,
            floezlicht,
            Kind::Seeks,
            "mitwirkende",
            "Helferinnen und Helfer für das Winterfest im Hinterhof",
            "Am dritten Adventssamstag brauchen wir Hände für Aufbau, Glühweinstand und Kinderprogramm. Schichten à drei Stunden, Verpflegung inklusive.",
            &["soziokultur"],
            Some(District::Mitte),
            "Dezember 2026",
            20,
        ),
        (
            moderation,
            None,
            Kind::Offers,
            "foerderung",
            "Ausschreibung: Stadtteilkultur 2027, Frist 31. Januar",
            "Das Kulturbüro fördert Projekte in den Stadtbezirken mit bis zu 5.000 €. Antragsberatung gibt es donnerstags; Fragen gern hier als Nachricht.",
            &["soziokultur", "workshop-bildung"],
            None,
            "Frist 31. Januar 2027",
            60,
        ),
        (
            mitglied,
            None,
            Kind::Seeks,
            "auftritt",
            "Singer-Songwriterin sucht Auftrittsmöglichkeiten",
            "Deutschsprachige Lieder mit Gitarre, 45 bis 60 Minuten, auch unplugged für Wohnzimmer, Cafés und Büchereien.",
            &["musik"],
            None,
            "Frühjahr 2027",
            90,
        ),
    ];
    let mut first = None;
    for (author, organization_id, kind, topic, title, body, sparten, district, period, days) in
        posts
    {
        let input = PostInput {
            kind,
            topic,
            title: title.into(),
            body: body.into(),
            category_ids: sparten.iter().filter_map(|s| sparte(s)).collect(),
            district,
            period: period.into(),
            expires: today + chrono::Days::new(days),
            organization_id,
        };
        let id = pinboard::save(db, None, &input, author, now.timestamp()).await?;
        first.get_or_insert(id);
    }
    // Working groups: a closed network with a conversation and a meeting, two open ones.
    use crate::db::groups;
    let ts = now.timestamp();
    if let Some(net) = groups::create(
        db,
        "netzwerk-freie-szene",
        "Netzwerk Freie Szene",
        "Die freien Gruppen Bochums stimmen sich ab: Räume, Förderung, gemeinsame Auftritte gegenüber Stadt und Land.",
        true,
        redaktion,
        ts,
    )
    .await?
    {
        groups::set_role(
            db,
            net,
            mitglied,
            Some(crate::domain::groups::GroupRole::Member),
            redaktion,
            ts,
        ).await?;
        let thread = groups::start_thread(
            db,
            net,
            "Stellungnahme zum Kulturentwicklungsplan",
            "Bis Ende Januar sammeln wir, was der freien Szene fehlt. Bitte ergänzt den Entwurf im Dateibereich.",
            true,
            redaktion,
            ts - 86_400,
        )
        .await?;
        groups::reply(db, thread, "Proberäume im Osten fehlen – ich schreibe dazu einen Absatz.", mitglied, ts - 3600).await?;
        let plenum = crate::domain::calendar::start_of_day(today + chrono::Days::new(12)).timestamp() + 18 * 3600;
        groups::add_meeting(db, net, "Plenum", plenum, "Rottstr5 Theater, Foyer", redaktion).await?;
        groups::add_file(
            db,
            net,
            "Entwurf-Stellungnahme.txt",
            "text/plain",
            "Entwurf: Was die freie Szene braucht\n\n1. Proberäume\n2. Mehrjährige Förderung\n".as_bytes().to_vec(),
            redaktion,
            ts - 86_400,
        )
        .await?;
    }
    groups::create(db, "clubkultur", "Clubkultur", "Clubs, Kollektive und Veranstaltende der Nacht: Lärmschutz, Awareness, gemeinsame Termine.", false, mitglied, ts).await?;
    groups::create(db, "kulturelle-bildung", "Kulturelle Bildung", "Schulen, Bibliotheken, Museen und freie Träger planen Angebote für Kinder und Jugendliche.", false, moderation, ts).await?;
    // Two entries in the competence directory.
    for (user, competences, languages, available_for) in [
        (
            redaktion,
            vec![
                "foerderantraege",
                "pressearbeit",
                "veranstaltungsorganisation",
            ],
            "Deutsch, Englisch",
            "Anträge bei Land und Stadt, Pressetexte für freie Gruppen",
        ),
        (
            mitglied,
            vec!["licht", "ton", "buehnentechnik"],
            "Deutsch, Türkisch",
            "Technik für kleine Bühnen und Open-Air-Lesungen",
        ),
    ] {
        let profile = crate::domain::competences::ProfileInput {
            listed: true,
            show_organizations: true,
            competences,
            other_competences: String::new(),
            languages: languages.into(),
            available_for: available_for.into(),
        };
        crate::db::profiles::save(db, user, &profile, now.timestamp()).await?;
    }
    // Dates reserved before they are public, for the planning calendar.
    let reservations = [
        (
            "kollektiv-floezlicht",
            "Premiere: Unter Tage (Arbeitstitel)",
            41,
            "20:00",
            "theater",
            Some(District::Mitte),
        ),
        (
            "schauspielhaus-bochum",
            "Gastspiel (noch nicht angekündigt)",
            41,
            "19:30",
            "theater",
            Some(District::Mitte),
        ),
        (
            "bahnhof-langendreer-ev",
            "Festivalwochenende Ost",
            55,
            "",
            "musik",
            Some(District::Ost),
        ),
        (
            "stadtbuecherei-bochum",
            "Lesenacht für Jugendliche",
            30,
            "18:00",
            "literatur",
            Some(District::Mitte),
        ),
    ];
    for (slug, title, days, time, sparte_slug, district) in reservations {
        let (Some(organization_id), Some(category_id)) = (org(slug).await?, sparte(sparte_slug))
        else {
            continue;
        };
        let input = crate::domain::planning::TentativeInput {
            organization_id,
            title: title.into(),
            day: today + chrono::Days::new(days),
            time: chrono::NaiveTime::parse_from_str(time, "%H:%M").ok(),
            category_id,
            district,
            note: String::new(),
        };
        crate::db::planning::add(db, &input, redaktion, now.timestamp()).await?;
    }
    if let (Some(post), Some(inbox)) = (first, floezlicht) {
        let thread = messages::start(
            db,
            mitglied,
            Recipient::Inbox(inbox),
            "Pinnwand: Probenraum für Figurentheater, dienstags und donnerstags",
            "Hallo Flözlicht, unser Vereinsraum in Hamme ist dienstags frei (45 m², ebenerdig). Wollen wir ihn uns nächste Woche zusammen ansehen?",
            Some(post),
            now.timestamp() - 3 * 3600,
        )
        .await?;
        messages::reply(
            db,
            thread,
            redaktion,
            "Sehr gern! Passt Ihnen Mittwoch um 17 Uhr?",
            now.timestamp() - 3600,
        )
        .await?;
        // What the notification centre of the demo accounts already lists.
        let ts = now.timestamp();
        let notices = [
            (mitglied, "nachrichten", "Neue Nachricht: Pinnwand: Probenraum für Figurentheater, dienstags und donnerstags".to_owned(), format!("/nachrichten/{thread}"), ts - 3600),
            (redaktion, "nachrichten", "Neue Nachricht: Pinnwand: Probenraum für Figurentheater, dienstags und donnerstags".to_owned(), format!("/nachrichten/{thread}"), ts - 3 * 3600),
            (mitglied, "arbeitskreise", "Netzwerk Freie Szene: Stellungnahme zum Kulturentwicklungsplan".to_owned(), "/arbeitskreise/netzwerk-freie-szene".to_owned(), ts - 86_400),
        ];
        for (user, kind, subject, link, at) in notices {
            crate::db::notifications::record(db, None, user, kind, &subject, &link, at).await?;
        }
    }
    Ok(())
}

/// Something for the demo moderator to do: two anonymous suggestions and a report.
async fn moderation_work(svc: &crate::service::Services, now: DateTime<Utc>) -> anyhow::Result<()> {
    use crate::db::event_writes::{self, Submitter};
    use crate::service::events::{self as write, Author};
    let db = &svc.db;
    use crate::domain::editor::{self, EditorChoices};
    use crate::domain::form::FormData;
    let all = categories::all(db).await?;
    let categories: Vec<i64> = all.iter().map(|c| c.id).collect();
    let sparte = |slug: &str| all.iter().find(|c| c.slug == slug).map_or(0, |c| c.id);
    let today = local_date(now);
    let suggestions = [
        (
            "Adventssingen im Hinterhof",
            "musik",
            "Hinterhof Alsenstraße 12, Ehrenfeld",
            day(today, 9),
            "17:00",
            "Nachbarschaftschor Ehrenfeld",
            "chor@demo.kulturportal.invalid",
        ),
        (
            "Lesebühne: Texte aus dem Revier",
            "literatur",
            "Café Zeitlos, Wattenscheid-Mitte",
            day(today, 16),
            "19:30",
            "Lesebühne Wattenscheid",
            "lesebuehne@demo.kulturportal.invalid",
        ),
    ];
    for (title, category, place, date, time, name, email) in suggestions {
        let body = format!(
            "title={}&sparte={}&venue=&location_text={}&date_mode=single&date={}&time={}&price_kind=free&language=de",
            form_urlencoded::byte_serialize(title.as_bytes()).collect::<String>(),
            sparte(category),
            form_urlencoded::byte_serialize(place.as_bytes()).collect::<String>(),
            date.format("%Y-%m-%d"),
            time
        );
        let choices = EditorChoices {
            categories: &categories,
            venues: &[],
            organizations: &[],
        };
        let input = editor::parse(
            &FormData::from_urlencoded(body.as_bytes()),
            &choices,
            now,
            true,
        )
        .map_err(|e| anyhow::anyhow!("demo suggestion {title}: {e:?}"))?;
        let submitter = Submitter {
            name: name.into(),
            email: email.into(),
        };
        write::create(
            svc,
            &input,
            crate::domain::event::Wish::Review,
            &Author::Anonymous(submitter),
            None,
        )
        .await?;
    }
    if let Some(first) = event_writes::first_published(db).await? {
        crate::db::moderation::add_report(
            db,
            first,
            crate::domain::moderation::ReportReason::Wrong,
            "Auf der Website des Veranstalters steht 20 Uhr als Beginn, hier 19:30 Uhr.",
            now.timestamp(),
        )
        .await?;
    }
    Ok(())
}

fn unique(seen: &mut HashSet<String>, base: String) -> String {
    let mut slug = base.clone();
    let mut i = 2;
    while !seen.insert(slug.clone()) {
        slug = format!("{base}-{i}");
        i += 1;
    }
    slug
}

fn new_venue(v: &catalog::VenueSeed) -> NewVenue {
    NewVenue {
        slug: v.slug.into(),
        name: v.name.into(),
        street: v.street.into(),
        postal_code: v.postal_code.into(),
        district: v.district.into(),
        lat: Some(v.lat),
        lon: Some(v.lon),
        description: v.description.into(),
        website: v.website.into(),
        step_free: v.step_free,
        wheelchair_wc: v.wheelchair_wc,
        wheelchair_spaces: v.wheelchair_spaces,
        lift: v.lift,
        parking: v.parking,
        induction_loop: v.induction_loop,
        access_notes: v.access_notes.into(),
    }
}

fn day(today: NaiveDate, offset: u64) -> NaiveDate {
    today.checked_add_days(Days::new(offset)).unwrap_or(today)
}

/// A single date at a local time lasting `minutes`.
pub fn at(date: NaiveDate, hour: u32, minute: u32, minutes: u32) -> NewOccurrence {
    let start = local_instant(date, hour, minute).timestamp();
    NewOccurrence {
        starts_at: start,
        ends_at: start + i64::from(minutes) * 60,
        all_day: false,
        status: OccurrenceStatus::Scheduled,
        from_rule: false,
    }
}

/// Whether `date` lies in one of `months` (empty: every month).
fn in_season(date: NaiveDate, months: &[u32]) -> bool {
    months.is_empty() || months.contains(&date.month())
}

/// Picks `count` distinct days of the season (in `months`, if given), mostly Thursday to
/// Sunday.
fn evening_days(
    today: NaiveDate,
    count: u32,
    weekend_only: bool,
    months: &[u32],
    rng: &mut Rng,
) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = Vec::new();
    let mut tries = 0;
    while out.len() < count as usize && tries < 500 {
        tries += 1;
        let d = day(today, rng.below(SEASON_DAYS));
        if !in_season(d, months) {
            continue;
        }
        let wd = d.weekday().num_days_from_monday();
        let ok = if weekend_only {
            wd >= 5
        } else {
            wd >= 3 || rng.chance(35)
        };
        if ok && !out.contains(&d) {
            out.push(d);
        }
    }
    out.sort();
    out
}

pub fn price(p: &PriceSeed) -> Price {
    match p {
        PriceSeed::Free => Price::Free,
        PriceSeed::Range {
            min_cents,
            max_cents,
        } => Price::Range {
            min_cents: *min_cents,
            max_cents: *max_cents,
        },
        PriceSeed::Text(t) => Price::Text {
            text: (*t).to_owned(),
        },
    }
}

/// The days of the demo season a seasonal template may use: from its first day in
/// `months` to the last day of that run (the whole season when `months` is empty). When
/// the season has no such day, `first` is after `until`.
fn season_run(today: NaiveDate, months: &[u32]) -> (NaiveDate, NaiveDate) {
    let end = day(today, SEASON_DAYS);
    let Some(first) = (0..=SEASON_DAYS)
        .map(|i| day(today, i))
        .find(|d| in_season(*d, months))
    else {
        return (day(end, 1), end);
    };
    let mut until = first;
    while until < end && in_season(day(until, 1), months) {
        until = day(until, 1);
    }
    (first, until)
}

/// Days from `from` to the next ISO `weekday` (1 = Monday), 0 when it is one.
fn shift_to(from: NaiveDate, weekday: u32) -> u64 {
    (i64::from(weekday.clamp(1, 7)) - 1 - i64::from(from.weekday().num_days_from_monday()))
        .rem_euclid(7) as u64
}

fn from_template(t: &EventTemplate, today: NaiveDate, rng: &mut Rng) -> NewEvent {
    let mut recurrence = String::new();
    let months = catalog::season_of(t.title);
    let occurrences = match t.pattern {
        // The catalogue gives dates per month; a season of three months gets four rounds (revivals).
        Pattern::Evenings {
            count,
            hour,
            minute,
        } => evening_days(today, count * 4, false, months, rng)
            .into_iter()
            .map(|d| at(d, hour, minute, t.duration_minutes))
            .collect(),
        Pattern::Weekends {
            count,
            hour,
            minute,
        } => evening_days(today, count * 4, true, months, rng)
            .into_iter()
            .map(|d| at(d, hour, minute, t.duration_minutes))
            .collect(),
        Pattern::Weekly {
            weekday,
            hour,
            minute,
            duration_minutes,
        } => {
            let (first, until) = season_run(today, months);
            let first = day(first, shift_to(first, weekday));
            match Recurrence::weekly(first, hour, minute, Some(until), &[])
                .ok()
                .filter(|_| first <= until)
            {
                Some(rule) => {
                    recurrence = rule.as_str().to_owned();
                    let from = calendar::start_of_day(today);
                    let to = calendar::start_of_day(day(until, 1));
                    NewOccurrence::series(&rule, from, to, i64::from(duration_minutes) * 60)
                }
                None => Vec::new(),
            }
        }
        Pattern::Exhibition { offset_days, days } => {
            let first = today
                .checked_add_signed(chrono::Duration::days(offset_days))
                .unwrap_or(today);
            let last = first
                .checked_add_signed(chrono::Duration::days(days.max(2)))
                .unwrap_or(first);
            vec![NewOccurrence {
                starts_at: local_instant(first, 10, 0).timestamp(),
                ends_at: local_instant(last, 18, 0).timestamp(),
                all_day: true,
                status: OccurrenceStatus::Scheduled,
                from_rule: false,
            }]
        }
    };
    let duration_seconds = match t.pattern {
        Pattern::Weekly {
            duration_minutes, ..
        } => i64::from(duration_minutes) * 60,
        _ => i64::from(t.duration_minutes) * 60,
    };
    NewEvent {
        slug: String::new(),
        title: t.title.into(),
        subtitle: t.subtitle.into(),
        description: t.description.into(),
        venue_id: None,
        location_text: String::new(),
        price: price(&t.price),
        ticket_url: String::new(),
        min_age: t.min_age,
        languages: t.languages.iter().map(|l| (*l).to_owned()).collect(),
        access_services: t
            .access_services
            .iter()
            .filter_map(|s| AccessService::parse(s))
            .collect(),
        recurrence,
        duration_seconds,
        published: true,
        category_ids: Vec::new(),
        organizer_ids: Vec::new(),
        tags: dedup(t.tags.iter().map(|s| (*s).to_owned()).collect()),
        audiences: t
            .audiences
            .iter()
            .filter_map(|a| Audience::parse(a))
            .collect(),
        occurrences,
    }
}

pub fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.retain(|x| seen.insert(x.to_lowercase()));
    v
}

/// A few cancellations, postponements and sold-out evenings, as in any real season.
fn mark_some_dates(events: &mut [NewEvent]) {
    let mut n = 0u64;
    for e in events.iter_mut() {
        for o in e.occurrences.iter_mut().filter(|o| !o.all_day) {
            n += 1;
            o.status = match n % 97 {
                13 | 58 => OccurrenceStatus::Cancelled,
                31 => OccurrenceStatus::Postponed,
                7 | 44 | 77 => OccurrenceStatus::SoldOut,
                _ => OccurrenceStatus::Scheduled,
            };
        }
    }
}

/// English texts for some demo events, so that the English interface shows both cases:
/// events with English texts and events with the German ones marked German.
type EnglishSeed = (&'static str, fn() -> crate::domain::editor::EnglishText);

const ENGLISH: &[EnglishSeed] = &[
    ("Faust. Der Tragödie erster Teil", || {
        crate::domain::editor::EnglishText {
        title: "Faust. The First Part of the Tragedy".into(),
        subtitle: "Play by Johann Wolfgang von Goethe".into(),
        description: "Goethe's *Faust* at the Schauspielhaus: the scholar who bets his soul for one moment of fulfilment. In German.".into(),
    }
    }),
    ("Der Kirschgarten", || {
        crate::domain::editor::EnglishText {
        title: "The Cherry Orchard".into(),
        subtitle: "Comedy by Anton Chekhov – with English surtitles".into(),
        description: "Chekhov's last play about a family that cannot let go of its estate. Performed in German with English surtitles.".into(),
    }
    }),
    ("Sinfoniekonzert: Mahlers Fünfte", || {
        crate::domain::editor::EnglishText {
            title: "Symphony concert: Mahler's Fifth".into(),
            subtitle: "Bochum Symphony Orchestra in the Great Hall".into(),
            description: String::new(),
        }
    }),
    ("Familienkonzert: Peter und der Wolf", || {
        crate::domain::editor::EnglishText {
            title: "Family concert: Peter and the Wolf".into(),
            subtitle: "Sergei Prokofiev's musical fairy tale".into(),
            description: "A concert for children from five and their families, narrated in German."
                .into(),
        }
    }),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn template(title: &str) -> &'static EventTemplate {
        catalog::EVENTS
            .iter()
            .find(|t| t.title == title)
            .unwrap_or_else(|| panic!("{title} is in the catalogue"))
    }

    fn months(e: &NewEvent) -> Vec<u32> {
        e.occurrences
            .iter()
            .map(|o| calendar::local_date(instant(o.starts_at)).month())
            .collect()
    }

    fn instant(ts: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(ts, 0).unwrap_or_default()
    }

    #[test]
    fn open_air_plays_in_summer_and_advent_in_december() {
        let june = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap_or_default();
        let december = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        let mut rng = Rng::new(1);
        for title in ["Großes Sommerkonzert", "Straßenmusik am Bermudadreieck"] {
            let summer = from_template(template(title), june, &mut rng);
            assert!(!summer.occurrences.is_empty(), "{title} in June");
            assert!(
                months(&summer).iter().all(|m| (5..=9).contains(m)),
                "{title}"
            );
            let winter = from_template(template(title), december, &mut rng);
            assert!(winter.occurrences.is_empty(), "{title} in December");
        }
        let advent = from_template(template("Adventsbühne am Bermuda3eck"), december, &mut rng);
        assert!(!advent.occurrences.is_empty());
        assert!(months(&advent).iter().all(|m| *m == 12));
        assert!(
            from_template(template("Adventsbühne am Bermuda3eck"), june, &mut rng)
                .occurrences
                .is_empty()
        );
    }
}
