# German, the portal's first language. Every message here has its English twin in
# locales/en/main.ftl; a further language is one more folder with this file translated.

## Frame of every page
site-name = Kulturportal Bochum
skip-link = Zum Inhalt springen
nav-label = Hauptnavigation
nav-events = Veranstaltungen
nav-categories = Sparten
nav-venues = Orte
nav-scene = Kulturszene
nav-members = Mein Bereich
search-label = Veranstaltungen durchsuchen
search-placeholder = Suchen …
search-button = Suchen
language-switch = Sprache
footer-about = Das Kulturportal Bochum wird von den Kulturschaffenden der Stadt selbst betrieben. Keine Tracker, keine Werbung, keine Cookies für Besucherinnen und Besucher.
footer-api = Offene Daten (API)
footer-categories = Alle Sparten
footer-venues = Alle Orte
footer-suggest = Veranstaltung vorschlagen
footer-ranking = Wie wir sortieren
footer-accessibility = Erklärung zur Barrierefreiheit
footer-easy = Leichte Sprache
page-in-german = Diese Seite gibt es bisher nur auf Deutsch.
meta-description = Alle Kulturveranstaltungen in Bochum: Theater, Musik, Tanz, Kunst, Literatur, Film und mehr.

## Start page
home-title = Veranstaltungen in Bochum
home-heading = Was ist los in Bochum?
home-lead = Theater, Musik, Tanz, Kunst, Literatur, Film und mehr – von den großen Häusern bis zur freien Szene.
home-search-placeholder = z. B. Konzert, Lesung, Kinder
quick-today = Heute
quick-tomorrow = Morgen
quick-weekend = Am Wochenende
quick-free = Eintritt frei
quick-families = Für Kinder und Familien
home-today = Heute
home-today-empty = Heute stehen keine weiteren Termine mehr an.
home-today-all = Alle Termine von heute
home-weekend = Am Wochenende
home-weekend-all = Alle Termine am Wochenende
home-running = Läuft gerade
home-by-category = Nach Sparten

## Event list
list-title = Veranstaltungen
filters = Filter
filter-query = Suchbegriff
filter-when = Wann?
filter-from = Von
filter-to = Bis
filter-categories = Sparten
filter-districts = Stadtbezirk
filter-audiences = Für wen?
filter-more = Weitere Filter
filter-free = Nur Eintritt frei
filter-step-free = Nur stufenlos zugängliche Orte
filter-apply = Filter anwenden
filter-reset = Zurücksetzen
period-all = Alle Termine
period-today = Heute
period-tomorrow = Morgen
period-weekend = Am Wochenende
period-week = Nächste 7 Tage
period-month = Nächste 30 Tage
active-filters = Aktive Filter
remove-filter = Filter entfernen
reset-all-filters = Alle Filter zurücksetzen
running-now = Läuft gerade: Ausstellungen und mehr
hits = Treffer
no-results = Für diese Auswahl gibt es keine Termine. Versuchen Sie einen längeren Zeitraum oder weniger Filter.
search-no-hits = Keine Veranstaltung passt zu „{ $query }“.
search-did-you-mean = Meinten Sie
search-try-instead = Vielleicht finden Sie es hier:
search-browse = Versuchen Sie ein anderes Wort oder stöbern Sie in den
poster-alt = Plakat: { $title } – { $details }
logo-alt = Logo von { $name }
pages = Seiten
earlier = ← Frühere Termine
later = Weitere Termine →
subscribe-heading = Diese Auswahl abonnieren
subscribe-text = Im eigenen Kalender bleiben die Termine dieser Auswahl aktuell – auch Absagen und Änderungen.
subscribe-webcal = Im Kalender abonnieren (webcal)
subscribe-rss = RSS-Feed
subscribe-atom = Atom-Feed
subscribe-copy = Adresse zum Kopieren (iCalendar)
categories-of-event = Sparten

## Event page
breadcrumb = Brotkrumen
breadcrumb-start = Start
cancelled-label = Abgesagt:
cancelled-text = Diese Veranstaltung findet nicht statt.
photo-credit = Foto: { $credit }
at-a-glance = Auf einen Blick
dates-past = Zuletzt
dates = Termine
event-past = Diese Veranstaltung hat bereits stattgefunden.
all-dates = Alle { $count } Termine zeigen
venue = Ort
admission = Eintritt
tickets = Tickets
organised-by = Veranstaltet von
audience = Für
age = Alter
age-from = ab { $age } Jahren
language = Sprache
access-services = Angebote für Barrierefreiheit
venue-access = Zugänglichkeit des Ortes
description = Beschreibung
keywords = Schlagworte:
share-heading = Merken und teilen
add-to-calendar = In meinen Kalender eintragen (.ics)
share-mastodon = Auf Mastodon teilen – Ihre Instanz:
share-mastodon-placeholder = z. B. ruhr.social
share-button = Teilen
copy-link = Link zum Kopieren
report-problem = Fehler oder Problem melden
results-count = { $count ->
    [one] 1 Termin
   *[other] { $count } Termine
}
discover-heading = Entdecken
discover-hint = Wer selten zu sehen ist, erscheint hier öfter.
date-range = { $first } bis { $last }
all-day = ganztägig
price-free = Eintritt frei
status-cancelled = Abgesagt
status-postponed = Verschoben
status-sold_out = Ausverkauft
audience-kinder = Kinder
audience-familie = Familien
audience-jugend = Jugendliche
audience-senioren = Seniorinnen und Senioren
audience-erwachsene = Erwachsene
summary-none = Keine passenden Veranstaltungen gefunden.
summary-hits = { $hits }, nach Relevanz sortiert – Seite { $page } von { $pages }
summary-dates = { $dates } – Seite { $page } von { $pages }
heading-all = Alle Veranstaltungen
heading-filtered = Veranstaltungen
heading-by = Veranstaltungen von { $name }
heading-at = Veranstaltungen: { $name }
in-bochum = { $what } in Bochum
chip-search = Suche: „{ $value }“
chip-from = ab { $value }
chip-to = bis { $value }
chip-audience = Für { $name }
chip-step-free = Stufenlos zugänglich
language-de = Deutsch
language-en = Englisch
language-tr = Türkisch
language-ar = Arabisch
language-uk = Ukrainisch
language-pl = Polnisch
language-fr = Französisch
language-es = Spanisch
language-it = Italienisch
language-ru = Russisch
language-dgs = Deutsche Gebärdensprache
service-sign_language = Deutsche Gebärdensprache
service-audio_description = Audiodeskription
service-surtitles = Übertitel
service-relaxed = Entspannte Vorstellung (Relaxed Performance)
service-easy_language = Leichte Sprache
service-induction_loop = Induktive Höranlage
page-also-in = Diese Seite gibt es auch auf Deutsch.
search-more-filters = Mit weiteren Filtern suchen
error-to-events = Zu allen Veranstaltungen
error-to-start = Zur Startseite
error-not_found = Seite nicht gefunden
error-not_found-text = Diese Seite gibt es nicht (mehr). Vielleicht hilft die Suche weiter.
error-invalid_parameter = Ungültige Anfrage
error-invalid_parameter-text = Die Adresse enthält eine Angabe, die wir nicht verstehen.
error-invalid = Ungültige Angabe
error-invalid-text = Eine Angabe ist nicht gültig.
error-login_required = Bitte melden Sie sich an
error-login_required-text = Für diese Seite müssen Sie angemeldet sein.
error-forbidden = Keine Berechtigung
error-forbidden-text = Dafür fehlt Ihrem Konto die Berechtigung.
error-payload_too_large = Datei zu groß
error-payload_too_large-text = Die gesendeten Daten sind zu groß.
error-too_many_requests = Zu viele Anfragen
error-too_many_requests-text = Bitte versuchen Sie es in einer Stunde noch einmal.
error-internal = Ein Fehler ist aufgetreten
error-internal-text = Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.
venues-title = Orte
venues-heading = Orte der Kultur in Bochum
venues-map = Orte auf der Karte
venues-description = Alle Orte der Kultur in Bochum mit Adresse und Zugänglichkeit.
view = Ansicht:
view-list = Liste
view-map = Karte
accessibility = Zugänglichkeit
venues-count = { $count ->
    [one] 1 Ort
   *[other] { $count } Orte
}
venues-none = Kein Ort erfüllt alle gewählten Angaben. Weniger Häkchen zeigen mehr Orte.
map-title = Lageplan der Orte; die Nummern entsprechen der Liste darunter
map-caption = Lageplan ohne Kartenhintergrund: Die Punkte zeigen, wo die Orte zueinander liegen, Norden ist oben. Adressen stehen in der Liste.
map-unplaced = Ohne Lage auf der Karte
step-free-badge = stufenlos
access-stufenlos = Stufenloser Zugang
access-aufzug = Aufzug
access-rollstuhlplaetze = Rollstuhlplätze
access-rollstuhl-wc = Rollstuhlgerechtes WC
access-parkplatz = Behindertenparkplatz
access-hoeranlage = Induktive Höranlage
access-sitzplaetze = Sitzplätze für alle, die sitzen müssen
access-ruheraum = Ruheraum
access-assistenzhunde = Assistenzhunde willkommen

## Embeddable list (/einbetten)
embed-default-title = Kommende Veranstaltungen
embed-none = Zurzeit sind keine Termine angekündigt.
embed-opens = (öffnet im Kulturportal)
embed-more = Alle Termine im Kulturportal Bochum
embed-frame-title = Programm: { $name }
dates-total = { $count ->
    [one] 1 Termin
   *[other] { $shown } Termine
}
hits-total = { $count ->
    [one] 1 Treffer
   *[other] { $shown } Treffer
}
filter-toggle = Filter
filter-toggle-count = Filter ({ $count })
badge-free = kostenlos
tickets-for = Tickets
calendar-this-date = In meinen Kalender
calendar-choose-date = Termin
calendar-all-dates = Alle Termine abonnieren (.ics)
home-highlights = Tipps der Woche
home-highlights-hint = Eine Auswahl aus allen Sparten – von großen Häusern und kleinen Initiativen.
home-friday-evening = Freitagabend, { $date }
home-day-all = Alle Termine an diesem Tag
home-day-empty = An diesem Tag stehen noch keine Termine im Kalender.
table-scroll = Tabelle (auf schmalen Bildschirmen seitlich verschiebbar)
