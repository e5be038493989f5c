//! The routes of members, editors, moderators and admins (the public ones and the
//! interfaces are assembled in `web::routes`).

use super::*;
use axum::routing::{get, post};

/// „Mein Kulturkalender“: by private link, and for members under „Mein Bereich“.
pub(super) fn personal_calendar() -> Router<AppState> {
    use personal::actions;
    Router::new()
        .route(
            "/mein-kulturkalender",
            get(personal::start).post(actions::save),
        )
        .route("/mein-kulturkalender/{file}", get(personal::show))
        .route(
            "/mein-kulturkalender/{token}/folgen",
            post(actions::follow_by_link),
        )
        .route(
            "/mein-kulturkalender/{token}/entfernen/{item}",
            post(actions::remove_by_link),
        )
        .route(
            "/mein-kulturkalender/{token}/erinnerung/{item}",
            post(actions::remind_by_link),
        )
        .route(
            "/mein-kulturkalender/{token}/ersetzen",
            post(actions::replace_by_link),
        )
        .route(
            "/mein-kulturkalender/{token}/loeschen",
            post(actions::delete_by_link),
        )
        .route(
            "/mein-kulturkalender/{token}/e-mail",
            post(actions::subscribe_by_link),
        )
        .route("/mein-bereich/kulturkalender", get(actions::member))
        .route(
            "/mein-bereich/kulturkalender/folgen",
            post(actions::follow_as_member),
        )
        .route(
            "/mein-bereich/kulturkalender/entfernen/{item}",
            post(actions::remove_as_member),
        )
        .route(
            "/mein-bereich/kulturkalender/erinnerung/{item}",
            post(actions::remind_as_member),
        )
        .route(
            "/mein-bereich/kulturkalender/ersetzen",
            post(actions::replace_as_member),
        )
        .route(
            "/mein-bereich/kulturkalender/loeschen",
            post(actions::delete_as_member),
        )
        .route(
            "/mein-bereich/kulturkalender/e-mail",
            post(actions::subscribe_as_member),
        )
        .route(
            "/newsletter/bestaetigen/{token}",
            get(consent::confirm_form).post(consent::confirm),
        )
        .route(
            "/newsletter/abbestellen/{token}",
            get(consent::unsubscribe_form).post(consent::unsubscribe),
        )
        .route("/newsletter", get(newsletter::get).post(newsletter::post))
        .route("/newsletter/daten/{token}", get(consent::export))
        .route("/newsletter/loeschen/{token}", post(consent::delete))
}

/// The association: its pages, documents, membership, assemblies and votes, and
/// moderation in the open.
pub(super) fn association_routes() -> Router<AppState> {
    use association::{assemblies, membership, pages, votes};
    use axum::extract::DefaultBodyLimit;
    use moderation::transparency;
    Router::new()
        .route("/verwaltung/verein/dokumente", post(pages::upload))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .route("/verein", get(association::show))
        .route("/regeln", get(association::rules_page))
        .route("/impressum", get(association::imprint))
        .route(
            "/verein/mitglied-werden",
            get(membership::form).post(membership::apply),
        )
        .route("/verein/austreten", post(membership::leave))
        .route("/verein/register", get(membership::register))
        .route("/verein/register.csv", get(membership::csv))
        .route("/verein/register/erinnern", post(membership::remind))
        .route("/verein/register/{id}/aufnehmen", post(membership::admit))
        .route("/verein/register/{id}/ablehnen", post(membership::refuse))
        .route("/verein/register/{id}/ruhen", post(membership::suspend))
        .route("/verein/register/{id}/beitrag", post(membership::fee))
        .route("/verein/register/{id}/amt", post(membership::office))
        .route(
            "/verein/versammlungen",
            get(assemblies::index).post(assemblies::convene),
        )
        .route("/verein/versammlungen/{id}", get(assemblies::show))
        .route(
            "/verein/versammlungen/{id}/protokoll",
            post(assemblies::minutes),
        )
        .route(
            "/verein/versammlungen/{id}/vollmacht",
            post(assemblies::proxy),
        )
        .route("/verein/versammlungen/{id}/antraege", post(votes::add))
        .route("/verein/abstimmungen/{id}/stimme", post(votes::cast))
        .route("/verein/abstimmungen/{id}/schliessen", post(votes::close))
        .route("/verwaltung/verein", get(pages::index))
        .route("/verwaltung/verein/satzung", post(pages::settings))
        .route(
            "/verwaltung/verein/seiten/{page}",
            get(pages::edit).post(pages::save),
        )
        .route("/moderation/transparenz", get(transparency::get))
        .route(
            "/moderation/transparenz/{id}/widerspruch",
            get(transparency::objection_form).post(transparency::object),
        )
        .route("/moderation/widersprueche", get(transparency::objections))
        .route(
            "/moderation/widersprueche/{id}/stattgeben",
            post(transparency::uphold),
        )
        .route(
            "/moderation/widersprueche/{id}/zurueckweisen",
            post(transparency::dismiss),
        )
}

/// Entering events, moderation, organisations and administration.
pub(super) fn editorial() -> Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    Router::new()
        .route(
            "/mein-bereich/veranstaltungen",
            get(editor::lifecycle::list),
        )
        .route(
            "/mein-bereich/veranstaltungen/neu",
            get(editor::new_form).post(editor::create),
        )
        .route(
            "/mein-bereich/veranstaltungen/{id}",
            get(editor::edit_form).post(editor::update),
        )
        .route(
            "/mein-bereich/veranstaltungen/{id}/vorschau",
            get(editor::lifecycle::preview),
        )
        .route(
            "/mein-bereich/veranstaltungen/{id}/verlauf",
            get(editor::lifecycle::history),
        )
        .route(
            "/mein-bereich/veranstaltungen/{id}/absagen",
            post(editor::lifecycle::cancel),
        )
        .route(
            "/mein-bereich/veranstaltungen/{id}/verschieben",
            post(editor::lifecycle::postpone),
        )
        .route(
            "/mein-bereich/veranstaltungen/{id}/loeschen",
            post(editor::lifecycle::delete),
        )
        .route(
            "/veranstaltung-melden",
            get(editor::submit::get).post(editor::submit::post),
        )
        .route("/veranstaltung-melden/danke", get(editor::submit::thanks))
        .route(
            "/mein-bereich/organisationen/{slug}/import",
            post(orgs::imports::import_ical),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/logo",
            post(orgs::profile::logo),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/reichweite",
            get(reach::get),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/reichweite.csv",
            get(reach::csv),
        )
        .route(
            "/mein-bereich/orte/{slug}",
            get(venue_edit::get).post(venue_edit::post),
        )
        .route("/arbeitskreise/{slug}/dateien", post(groups::files::upload))
        // The magazine's form takes a lead picture.
        .route(
            "/redaktion/neu",
            get(magazine::desk::new_form).post(magazine::desk::create),
        )
        .route(
            "/redaktion/{id}",
            get(magazine::desk::edit_form).post(magazine::desk::update),
        )
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .route("/arbeitskreise", get(groups::index).post(groups::create))
        .route("/arbeitskreise/{slug}", get(groups::show::get))
        .route(
            "/arbeitskreise/{slug}/beitreten",
            post(groups::membership::join),
        )
        .route(
            "/arbeitskreise/{slug}/verlassen",
            post(groups::membership::leave),
        )
        .route(
            "/arbeitskreise/{slug}/themen",
            post(groups::threads::start_thread),
        )
        .route(
            "/arbeitskreise/{slug}/termine",
            post(groups::meetings::add_meeting),
        )
        .route(
            "/arbeitskreise/{slug}/mitglieder/{user}/annehmen",
            post(groups::membership::admit),
        )
        .route(
            "/arbeitskreise/{slug}/mitglieder/{user}/ablehnen",
            post(groups::membership::turn_away),
        )
        .route(
            "/arbeitskreise/{slug}/themen/{id}",
            get(groups::threads::thread).post(groups::threads::reply),
        )
        .route(
            "/arbeitskreise/{slug}/dateien/{id}",
            get(groups::files::download),
        )
        .route(
            "/arbeitskreise/{slug}/dateien/{id}/loeschen",
            post(groups::files::delete_file),
        )
        .route(
            "/veranstaltungen/{slug}/melden",
            get(reports::get).post(reports::post),
        )
        .route("/magazin/{slug}/kommentare", post(magazine::comments::post))
        .route(
            "/magazin/kommentare/{id}/melden",
            post(magazine::comments::report),
        )
        .route(
            "/magazin/kommentar/{token}",
            get(magazine::comments::link_page),
        )
        .route(
            "/magazin/kommentar/{token}/bestaetigen",
            post(magazine::comments::confirm),
        )
        .route(
            "/magazin/kommentar/{token}/loeschen",
            post(magazine::comments::delete),
        )
        .route(
            "/moderation/kommentare/{id}/freigeben",
            post(moderation::comments::approve),
        )
        .route(
            "/moderation/kommentare/{id}/entfernen",
            post(moderation::comments::remove),
        )
        .route("/mein-bereich/organisationen/{slug}", get(orgs::manage))
        .route(
            "/mein-bereich/organisationen/{slug}/daten",
            post(orgs::profile::update),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/abonnements",
            post(orgs::subscriptions::subscribe),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/abonnements/{id}/abrufen",
            post(orgs::subscriptions::fetch_subscription),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/abonnements/{id}/entfernen",
            post(orgs::subscriptions::unsubscribe),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/von-webseite",
            post(orgs::imports::from_page),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/einladen",
            post(orgs::members::invite),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/mitglieder/{user_id}",
            post(orgs::members::member),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/api-schluessel",
            post(orgs::tokens::create_token),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/api-schluessel/{id}/widerrufen",
            post(orgs::tokens::revoke_token),
        )
        .route(
            "/mein-bereich/organisation-beantragen",
            get(orgs::applications::apply_form).post(orgs::applications::apply),
        )
        .route(
            "/einladung/{token}",
            get(orgs::members::invitation).post(orgs::members::accept),
        )
        .route(
            "/mein-bereich/planung",
            get(planning::month).post(planning::reserve),
        )
        .route("/mein-bereich/planung/{date}", get(planning::day))
        .route(
            "/mein-bereich/planung/vormerkung/{id}/loeschen",
            post(planning::remove),
        )
        .route(
            "/mein-bereich/benachrichtigungen",
            get(notify::settings).post(notify::save),
        )
        .route(
            "/abbestellen/{token}/{kind}",
            get(notify::unsubscribe_form).post(notify::unsubscribe),
        )
        .route("/mitglieder", get(members::index))
        .route(
            "/mein-bereich/profil",
            get(members::edit).post(members::save),
        )
        .route("/pinnwand", get(pinboard::list::get))
        .route(
            "/pinnwand/neu",
            get(pinboard::form::new_form).post(pinboard::form::create),
        )
        .route("/pinnwand/{id}", get(pinboard::show::get))
        .route(
            "/pinnwand/{id}/bearbeiten",
            get(pinboard::form::edit_form).post(pinboard::form::update),
        )
        .route("/pinnwand/{id}/verlaengern", post(pinboard::actions::renew))
        .route("/pinnwand/{id}/loeschen", post(pinboard::actions::delete))
        .route("/pinnwand/{id}/melden", post(pinboard::actions::report))
        .route("/pinnwand/{id}/antworten", post(pinboard::actions::reply))
        .route("/nachrichten", get(messages::index))
        .route(
            "/nachrichten/neu",
            get(messages::new_form).post(messages::create),
        )
        .route(
            "/nachrichten/{id}",
            get(messages::show).post(messages::reply),
        )
        .route("/nachrichten/{id}/blockieren", post(messages::block))
        .route("/nachrichten/{id}/melden/{message}", post(messages::report))
        .route(
            "/moderation/nachrichten/{id}/ausblenden",
            post(moderation::reports::hide_message),
        )
        .route(
            "/moderation/nachrichten/{id}/behalten",
            post(moderation::reports::keep_message),
        )
        .route(
            "/moderation/pinnwand/{id}/ausblenden",
            post(moderation::reports::hide_post),
        )
        .route(
            "/moderation/pinnwand/{id}/behalten",
            post(moderation::reports::keep_post),
        )
        .route("/moderation", get(moderation::overview::get))
        .route("/moderation/protokoll", get(moderation::audit::get))
        .route("/moderation/fediverse", get(moderation::fediverse::get))
        .route(
            "/moderation/fediverse/folgende/{id}/entfernen",
            post(moderation::fediverse::remove_follower),
        )
        .route(
            "/moderation/fediverse/instanzen/sperren",
            post(moderation::fediverse::block),
        )
        .route(
            "/moderation/fediverse/instanzen/entsperren",
            post(moderation::fediverse::unblock),
        )
        .route(
            "/moderation/veranstaltungen/{id}/freigeben",
            post(moderation::events::approve_event),
        )
        .route(
            "/moderation/veranstaltungen/{id}/ablehnen",
            post(moderation::events::reject_event),
        )
        .route(
            "/moderation/orte/{id}/freigeben",
            post(moderation::venues::approve_venue),
        )
        .route(
            "/moderation/orte/{id}/ablehnen",
            post(moderation::venues::refuse_venue),
        )
        .route(
            "/moderation/doppelt/{id}/bestaetigen",
            post(moderation::duplicates::confirm_duplicate),
        )
        .route(
            "/moderation/doppelt/{id}/trennen",
            post(moderation::duplicates::split_duplicate),
        )
        .route(
            "/moderation/ortsaenderungen/{id}/freigeben",
            post(moderation::venues::approve_venue_change),
        )
        .route(
            "/moderation/ortsaenderungen/{id}/ablehnen",
            post(moderation::venues::refuse_venue_change),
        )
        .route(
            "/moderation/meldungen/{id}/erledigt",
            post(moderation::reports::resolve_report),
        )
        .route(
            "/moderation/antraege/{id}/annehmen",
            post(moderation::organisations::approve_application),
        )
        .route(
            "/moderation/antraege/{id}/ablehnen",
            post(moderation::organisations::refuse_application),
        )
        .route(
            "/moderation/organisationen/{id}/verifizieren",
            post(moderation::organisations::verify_org),
        )
        .route("/redaktion", get(magazine::desk::index))
        .route("/redaktion/sozial", get(social::index))
        .route(
            "/redaktion/sozial/neu",
            get(social::new_form).post(social::create),
        )
        .route("/redaktion/sozial/bereit", get(social::ready::list))
        .route(
            "/redaktion/sozial/{id}",
            get(social::edit_form).post(social::update),
        )
        .route("/redaktion/sozial/{id}/einreichen", post(social::submit))
        .route("/redaktion/sozial/{id}/freigeben", post(social::approve))
        .route(
            "/redaktion/sozial/{id}/zurueckgeben",
            post(social::send_back),
        )
        .route(
            "/redaktion/sozial/{id}/gepostet/{channel}",
            post(social::ready::mark_posted),
        )
        .route("/redaktion/sozial/{id}/bild/{format}", get(social::picture))
        .route(
            "/mein-bereich/organisationen/{slug}/veranstaltungen/{event}/bild/{format}",
            get(social::ready::org_picture),
        )
        .route("/redaktion/{id}/verlauf", get(magazine::workflow::versions))
        .route("/redaktion/{id}/vorschau", get(magazine::show::preview))
        .route(
            "/redaktion/{id}/einreichen",
            post(magazine::workflow::submit),
        )
        .route(
            "/redaktion/{id}/freigeben",
            post(magazine::workflow::approve),
        )
        .route(
            "/redaktion/{id}/zurueckgeben",
            post(magazine::workflow::send_back),
        )
        .route(
            "/redaktion/{id}/zurueckziehen",
            post(magazine::workflow::withdraw),
        )
        .route(
            "/verwaltung/nutzer/{id}/magazin",
            post(admin::set_magazine_editor),
        )
        .route("/verwaltung", get(admin::index))
        .route(
            "/verwaltung/fediverse",
            get(fediverse_follow::get).post(fediverse_follow::post),
        )
        .route(
            "/verwaltung/fediverse/{id}/entfolgen",
            post(fediverse_follow::unfollow),
        )
        .route("/verwaltung/nutzer/{id}/rolle", post(admin::set_role))
        .route("/verwaltung/sparten", post(admin::add_category))
        .route("/verwaltung/sichtbarkeit", get(scene::report))
        .route("/verwaltung/statistik", get(figures::get))
        .route(
            "/verwaltung/newsletter",
            get(newsletter_admin::index).post(newsletter_admin::create),
        )
        .route(
            "/verwaltung/newsletter/{id}",
            get(newsletter_admin::show).post(newsletter_admin::act),
        )
        .route("/verwaltung/evaluation", get(evaluation::get))
        .route("/verwaltung/evaluation.csv", get(evaluation::csv))
        .route("/verwaltung/evaluation.json", get(evaluation::json))
        .route(
            "/verwaltung/evaluation/finanzen",
            post(evaluation::save_finances),
        )
        .route("/verwaltung/auftraege", get(queue::index))
        .route("/verwaltung/auftraege/{id}/wiederholen", post(queue::retry))
        .route(
            "/mein-bereich/organisationen/{slug}/webhooks",
            get(webhooks::index).post(webhooks::create),
        )
        .route(
            "/mein-bereich/organisationen/{slug}/webhooks/{id}/widerrufen",
            post(webhooks::revoke),
        )
}
