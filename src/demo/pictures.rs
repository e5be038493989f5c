//! Example pictures for the demo, made on the machine (no download): two abstract
//! compositions per Sparte shared by the events of that Sparte (a programme keeps its
//! picture on every date), one of eight drawn house fronts per venue and a logo per
//! organisation.
//! All go through the media pipeline (variants in the [`MediaStore`]) and are marked
//! „Beispielbild“ in their credit or alt text. The talks keep no picture of their own,
//! so the demo also shows the fallback (the organiser's logo).
//!
//! About 60 pictures are drawn, spread over the machine's cores, once per process: the
//! encoded variants (about 7 MB) are kept, so seeding again (the tests seed the demo many
//! times) only stores them.

use super::artwork;
use super::catalog::{ORGS, VENUES};
use crate::db::images::{self, NewImage};
use crate::db::{Db, categories, events};
use crate::domain::category::colours;
use crate::media::canvas::Canvas;
use crate::media::{self, MediaStore, Processed};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// Pictures drawn in this process, by [`Job::spec`].
static DRAWN: LazyLock<tokio::sync::Mutex<HashMap<String, Arc<Processed>>>> =
    LazyLock::new(Default::default);

/// Compositions per Sparte.
const PER_SPARTE: u64 = 2;

/// Drawn house fronts, shared by the venues.
const FRONTS: u64 = 8;

/// The credit of every example picture of an event.
pub const CREDIT: &str = "Beispielbild (generiert)";

/// Programmes without a picture of their own (they show their organiser's logo).
const WITHOUT_OWN: &[&str] = &["Vortrag: "];

/// A picture to draw: what it is (the bytes its key derives from) and how.
enum Job {
    Art {
        slug: String,
        variant: u64,
    },
    Front {
        variant: u64,
    },
    Logo {
        slug: &'static str,
        name: &'static str,
        sparte: &'static str,
    },
}

impl Job {
    fn spec(&self) -> String {
        match self {
            Job::Art { slug, variant } => format!("demo-art-1\n{slug}\n{variant}"),
            Job::Front { variant } => format!("demo-front-1\n{variant}"),
            Job::Logo { slug, .. } => format!("demo-logo-1\n{slug}"),
        }
    }

    fn draw(&self) -> Result<Processed, media::ImageError> {
        let seed = fnv(&self.spec());
        let (canvas, alpha): (Canvas, bool) = match self {
            Job::Art { slug, .. } => (artwork::composition(colours(slug), seed), false),
            Job::Front { .. } => (artwork::facade(seed), false),
            Job::Logo { name, sparte, .. } => (artwork::logo(name, colours(sparte)), true),
        };
        let (w, h) = (canvas.width, canvas.height);
        let pixels = if alpha {
            canvas.into_rgba()
        } else {
            canvas.into_rgb()
        };
        media::from_pixels(pixels, w, h, alpha)
    }
}

/// FNV-1a: a stable number from a text (the seed of a drawing, the choice of a variant).
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The pictures of the jobs: those drawn before in this process, the others drawn now.
async fn drawings(jobs: Vec<Job>) -> anyhow::Result<Vec<(Job, Arc<Processed>)>> {
    // Held while drawing, so that a second seeding waits and reuses instead of drawing too.
    let mut drawn = DRAWN.lock().await;
    let (known, new): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| drawn.contains_key(&j.spec()));
    let mut out: Vec<(Job, Arc<Processed>)> = Vec::new();
    for (job, processed) in draw_all(new).await? {
        let processed = Arc::new(processed);
        drawn.insert(job.spec(), processed.clone());
        out.push((job, processed));
    }
    for job in known {
        if let Some(p) = drawn.get(&job.spec()) {
            out.push((job, p.clone()));
        }
    }
    Ok(out)
}

/// Draws the jobs on all cores.
async fn draw_all(jobs: Vec<Job>) -> anyhow::Result<Vec<(Job, Processed)>> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    tokio::task::spawn_blocking(move || {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = jobs.len().div_ceil(threads.max(1)).max(1);
        let mut jobs = jobs;
        let mut groups = Vec::new();
        while !jobs.is_empty() {
            let rest = jobs.split_off(jobs.len().min(chunk));
            groups.push(std::mem::replace(&mut jobs, rest));
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .into_iter()
                .map(|group| {
                    scope.spawn(move || {
                        group
                            .into_iter()
                            .map(|job| job.draw().map(|p| (job, p)))
                            .collect::<Result<Vec<_>, _>>()
                    })
                })
                .collect();
            let mut out = Vec::new();
            for h in handles {
                let drawn = h
                    .join()
                    .map_err(|_| anyhow::anyhow!("drawing a demo picture panicked"))??;
                out.extend(drawn);
            }
            Ok(out)
        })
    })
    .await?
}

/// Stores the variants; returns the JSON the database keeps.
async fn store(media: &dyn MediaStore, job: &Job, processed: &Processed) -> anyhow::Result<String> {
    let stored = media::store_processed(media, job.spec().as_bytes(), processed).await?;
    let list: Vec<serde_json::Value> = stored
        .iter()
        .map(|v| serde_json::json!({ "key": v.key.as_str(), "width": v.width, "height": v.height }))
        .collect();
    Ok(serde_json::Value::Array(list).to_string())
}

/// Gives every demo event, venue and organisation its example picture.
pub async fn attach(
    db: &Db,
    media: &dyn MediaStore,
    venues: &HashMap<&str, i64>,
    orgs: &HashMap<&str, i64>,
) -> anyhow::Result<()> {
    let events_list = images::published_events(db).await?;
    let ids: Vec<i64> = events_list.iter().map(|(id, _)| *id).collect();
    let sparten = events::categories_of(db, &ids).await?;
    let names: HashMap<String, String> = categories::all(db)
        .await?
        .into_iter()
        .map(|c| (c.slug, c.name))
        .collect();
    // Which composition each event shows.
    let mut wanted: Vec<(i64, String, u64)> = Vec::new();
    for (id, title) in &events_list {
        if WITHOUT_OWN.iter().any(|p| title.starts_with(p)) {
            continue;
        }
        let Some(first) = sparten.get(id).and_then(|s| s.first()) else {
            continue;
        };
        wanted.push((*id, first.slug.clone(), fnv(title) % PER_SPARTE));
    }
    let mut jobs: Vec<Job> = Vec::new();
    for (_, slug, variant) in &wanted {
        let job = Job::Art {
            slug: slug.clone(),
            variant: *variant,
        };
        if !jobs.iter().any(|j| j.spec() == job.spec()) {
            jobs.push(job);
        }
    }
    jobs.extend((0..FRONTS).map(|variant| Job::Front { variant }));
    jobs.extend(ORGS.iter().map(|o| Job::Logo {
        slug: o.slug,
        name: o.name,
        sparte: o.categories.first().copied().unwrap_or_default(),
    }));
    let mut art: HashMap<(String, u64), (String, u32, u32)> = HashMap::new();
    let mut venue_rows = Vec::new();
    let mut org_rows = Vec::new();
    for (job, processed) in drawings(jobs).await? {
        let json = store(media, &job, &processed).await?;
        match job {
            Job::Art { slug, variant } => {
                art.insert((slug, variant), (json, processed.width, processed.height));
            }
            Job::Front { variant } => {
                for v in VENUES.iter().filter(|v| fnv(v.slug) % FRONTS == variant) {
                    let Some(id) = venues.get(v.slug) else {
                        continue;
                    };
                    let alt = format!(
                        "Beispielbild: gezeichnete Hausfront für {} (kein Foto des Ortes)",
                        v.name
                    );
                    venue_rows.push((*id, json.clone(), alt));
                }
            }
            Job::Logo { slug, name, .. } => {
                let Some(id) = orgs.get(slug) else { continue };
                let alt = format!(
                    "Beispielbild: Logo mit den Initialen {} für {name}",
                    artwork::initials(name)
                );
                org_rows.push((*id, json, alt));
            }
        }
    }
    let mut rows = Vec::new();
    let alts: Vec<String> = wanted
        .iter()
        .map(|(_, slug, _)| {
            format!(
                "Beispielbild: abstrakte Komposition in {} zur Sparte {}",
                colours(slug).names,
                names.get(slug).map_or(slug.as_str(), String::as_str)
            )
        })
        .collect();
    for ((id, slug, variant), alt) in wanted.iter().zip(&alts) {
        let Some((json, width, height)) = art.get(&(slug.clone(), *variant)) else {
            continue;
        };
        rows.push((
            *id,
            NewImage {
                alt,
                credit: CREDIT,
                width: i64::from(*width),
                height: i64::from(*height),
                variants: json.clone(),
            },
        ));
    }
    images::add_many(db, rows).await?;
    images::seed_profile_pictures(db, &venue_rows, &org_rows).await?;
    Ok(())
}
