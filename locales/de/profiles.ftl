# Profiles: venue pages, the cultural scene, the about pages, reports, sharing, the API
# page, working groups and the planning calendar.

## Venue page
venue-meta-description = Programm und Zugänglichkeit: { $name }, { $street }, Bochum
venue-address = Adresse
venue-district = Stadtbezirk { $name }
venue-osm = Lage auf OpenStreetMap
venue-external = (externe Seite)
venue-all-on-map = Alle Orte auf der Karte
venue-website-link = Website
venue-website-of = von { $name }
venue-email-label = E-Mail:
venue-phone-label = Telefon:
venue-run-by = Betrieben von
venue-hours = Öffnungszeiten
venue-hours-of = Öffnungszeiten von { $name }
venue-coming-up = Demnächst hier
venue-no-step-free = Kein stufenloser Zugang
venue-check-unstated = Keine Angabe, wer die Angaben geprüft hat
venue-check-self-reported = Angaben des Hauses (nicht vor Ort geprüft)
venue-check-checked = Vor Ort geprüft
venue-check-certified = Zertifiziert nach „Reisen für Alle“

## Venue form messages (shown by the venue edit form)
venue-hours-span = Bitte als Zeitspanne angeben, z. B. „10:00–18:00“ oder „geschlossen“.
venue-hours-times = Bitte Uhrzeiten wie „10:00–18:00“ angeben (Stunden 0 bis 24).
venue-hours-same = Beginn und Ende sind gleich; bitte eine Zeitspanne angeben.
venue-hours-too-many = Bitte höchstens vier Zeitspannen pro Tag angeben.
venue-name-length = Bitte einen Namen mit 2 bis 120 Zeichen angeben.
venue-street-missing = Bitte Straße und Hausnummer angeben.
venue-postal-code = Bitte eine fünfstellige Postleitzahl angeben.
venue-district-missing = Bitte einen Stadtbezirk wählen.
venue-coordinates = Bitte Breite und Länge als Dezimalzahlen angeben (z. B. 51.4818 und 7.2162) oder beide leer lassen.
venue-website = Bitte die vollständige Adresse angeben, die mit https:// beginnt.
venue-email = Bitte eine gültige E-Mail-Adresse angeben.

## Cultural scene (directory and organisation profiles)
scene-lead = Alle Institutionen, Ensembles, Kollektive, Festivals, Vereine und Orte der Bochumer Kultur.
scene-filter-query = Name oder Stichwort
scene-filter-kind = Art
scene-filter-access = Zugänglichkeit (nur Orte)
scene-count = { $count ->
    [one] { $count } Eintrag, von A bis Z
   *[other] { $count } Einträge, von A bis Z
}
scene-none = Keine Einträge für diese Auswahl.
scene-prev = ← Vorherige Seite
scene-next = Nächste Seite →
scene-kind-institution = Institution
scene-kind-collective = Kollektiv der freien Szene
scene-kind-ensemble = Ensemble
scene-kind-festival = Festival
scene-kind-association = Verein
scene-kind-city_office = Städtische Einrichtung
scene-kind-ort = Ort
scene-kind-other = Organisation
scene-verified = verifiziert
scene-contact = Kontakt
scene-email = E-Mail
scene-phone = Telefon
scene-social = Im Netz
scene-houses = Eigene Häuser
scene-venues = Spielorte
scene-subscribe = Programm abonnieren
scene-calendar = Kalender (.ics)
scene-fediverse = Im Fediverse folgen (z. B. Mastodon)
category-fediverse = Im Fediverse (z. B. Mastodon) folgen:
scene-about = Über { $name }
scene-programme = Programm
scene-archive = Archiv
scene-last = zuletzt { $date }

## How we sort (fair visibility)
fairness-lead = Große Häuser sind ohnehin sichtbar. Kleine Gruppen, die einmal im Monat lesen oder spielen, gehen leicht unter. Darum sortieren wir nicht nach Größe, Geld oder Klicks.
fairness-calendar = Der Kalender
fairness-calendar-text = Veranstaltungen stehen nach Datum und Uhrzeit. Niemand kann sich nach oben kaufen. Bei einer Suche steht oben, was am besten zu den Suchwörtern passt.
fairness-discover = Das Feld „Entdecken“
fairness-discover-text = Auf der Startseite und in der Kulturszene zeigen wir { $count } Organisationen, die demnächst etwas anbieten. Welche das sind, entscheidet ein gewichteter Zufall: Je öfter eine Organisation in den letzten { $days } Tagen dort zu sehen war, desto seltener wird sie gezogen. Wer lange nicht dran war, kommt bald an die Reihe. So gleicht sich über die Zeit aus, wie oft jede Organisation gezeigt wird.
fairness-privacy = Wir zählen dafür nur, wie oft eine Organisation gezeigt und angeklickt wurde – zusammengefasst je Tag. Wir speichern nichts über Sie.

## Visibility report (admins)
scene-report-title = Sichtbarkeit
scene-report-intro = Anteil der Anzeigen im Feld „Entdecken“, der an kleine Akteure ging ({ $small } von { $all } Organisationen haben weniger als { $below } kommende Termine).
scene-report-empty = Noch keine Anzeigen gezählt.
scene-report-caption = Anzeigen und Klicks je Woche
scene-report-week = Woche
scene-report-shown-small = Anzeigen kleiner Akteure
scene-report-shown-all = Anzeigen gesamt
scene-report-share = Anteil
scene-report-clicked-small = Klicks kleiner Akteure
scene-report-clicked-all = Klicks gesamt
scene-report-week-from = ab { $date }

## Accessibility statement (the German one is legally binding)
profiles-leave-empty = Bitte leer lassen
a11y-intro = Das Kulturportal Bochum soll für alle Menschen gut nutzbar sein. Diese Erklärung gilt für die Website unter dieser Adresse. Grundlage sind die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und die europäische Norm EN 301 549 (WCAG 2.1, Stufe AA).
a11y-binding = Rechtlich verbindlich ist die deutsche Fassung dieser Erklärung.
a11y-how = Wie barrierefrei ist das Portal?
a11y-how-before = Die Website ist
a11y-how-largely = weitgehend
a11y-how-after = mit den Anforderungen vereinbar. Jede Seite funktioniert ohne JavaScript, mit der Tastatur allein und mit Screenreadern. Automatische Prüfungen mit axe-core laufen bei jeder Änderung in einem echten Browser über die öffentlichen Seiten und den Mitgliederbereich.
a11y-not-yet = Was ist noch nicht barrierefrei?
a11y-not-yet-english = Die Oberfläche gibt es auf Deutsch und Englisch, die Texte der Veranstaltenden aber meist nur auf Deutsch; englische Seiten zeigen sie dann deutsch und kennzeichnen sie so.
a11y-not-yet-texts = Texte und Bilder stammen von den Veranstaltenden selbst. Wir verlangen Bildbeschreibungen, können aber nicht jeden Text in einfacher Sprache anbieten.
a11y-not-yet-venues = Angaben zur Zugänglichkeit der Orte beruhen auf den Angaben der Orte und sind nicht überall geprüft.
a11y-report = Barriere melden
a11y-report-text = Ist Ihnen eine Barriere aufgefallen? Schreiben Sie uns. Wir antworten innerhalb von sechs Wochen.
a11y-sent = Vielen Dank! Ihre Nachricht ist angekommen.
a11y-form-message = Was funktioniert nicht?
a11y-form-page = Auf welcher Seite? (optional)
a11y-form-contact = Wie erreichen wir Sie? (E-Mail oder Telefon, optional)
a11y-form-send = Nachricht senden
a11y-arbitration = Schlichtungsverfahren
a11y-arbitration-text = Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich an die Schlichtungsstelle nach § 16 BGG oder an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.
a11y-message-short = Bitte beschreiben Sie die Barriere in ein paar Worten (mindestens 10 Zeichen).
a11y-too-fast = Das ging sehr schnell – bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab.

## Leichte Sprache (German) / Easy read (English)
easy-title = Das Kulturportal in Leichter Sprache
easy-intro = Auf dieser Website finden Sie Kultur in Bochum.
easy-culture-is = Kultur ist zum Beispiel:
easy-theatre = Theater
easy-music = Musik und Konzerte
easy-dance = Tanz
easy-art = Bilder und Ausstellungen
easy-readings = Lesungen aus Büchern
easy-films = Filme
easy-what = Was können Sie hier machen?
easy-search = Sie können Veranstaltungen suchen.
easy-search-example = Eine Veranstaltung ist zum Beispiel ein Konzert.
easy-you-see = Sie sehen:
easy-when = Wann ist die Veranstaltung?
easy-where = Wo ist die Veranstaltung?
easy-cost = Was kostet der Eintritt?
easy-wheelchair = Kann man mit dem Rollstuhl hinein?
easy-all-events = Hier finden Sie alle Veranstaltungen.
easy-filter = Sie können auch filtern.
easy-filter-means = Filtern heißt: Sie sehen nur das, was Sie wollen.
easy-filter-weekend = Zum Beispiel nur Veranstaltungen am Wochenende.
easy-filter-free = Oder nur Veranstaltungen ohne Eintritt.
easy-who = Wer macht das Kulturportal?
easy-who-people = Das Kulturportal machen die Menschen, die in Bochum Kultur machen.
easy-who-example = Zum Beispiel Theater, Museen und Gruppen.
easy-who-write = Sie schreiben ihre Veranstaltungen selbst hier hinein.
easy-problem = Etwas geht nicht?
easy-write-us = Dann schreiben Sie uns.
easy-write-here = Hier können Sie uns schreiben.

## Reporting a problem with an event
event-report-title = Veranstaltung melden
event-report-heading = Problem melden:
event-report-thanks = Vielen Dank! Die Moderation kümmert sich darum.
event-report-back = Zurück zur Veranstaltung
event-report-intro = Stimmt etwas an dieser Veranstaltung nicht? Sagen Sie es der Moderation. Sie brauchen dafür kein Konto.
event-report-reason = Was ist das Problem?
event-report-message = Was sollten wir wissen? (optional)
event-report-send = Meldung senden
event-report-reason-falsch = Angaben falsch oder veraltet
event-report-reason-abgesagt = Findet nicht statt
event-report-reason-unangemessen = Unangemessener Inhalt
event-report-reason-spam = Werbung oder Spam
event-report-reason-rechte = Verletzt Rechte (Bild, Text)
event-report-reason-sonstiges = Sonstiges
event-report-reason-missing = Bitte wählen Sie einen Grund.
event-report-message-missing = Bitte beschreiben Sie kurz, was nicht stimmt.
event-report-refused = Die Meldung konnte nicht angenommen werden.

## Sharing on Mastodon
share-title = Auf Mastodon teilen
share-intro-before = Sie werden zu Ihrer Instanz
share-intro-after = weitergeleitet und können den Beitrag dort vor dem Absenden bearbeiten.
share-go = Weiter zu { $host }
share-back = Zurück
share-instance-missing = Bitte geben Sie den Namen Ihrer Mastodon-Instanz an, z. B. ruhr.social.

## The API page
api-title = Offene Daten: die API
api-lead = Alle öffentlichen Veranstaltungen des Kulturportals als JSON, ohne Schlüssel zum Lesen. Die maschinenlesbare Beschreibung steht unter
api-endpoints = Endpunkte
api-endpoints-caption = Alle Endpunkte der API
api-method = Methode
api-path = Pfad
api-purpose = Zweck
api-key-needed = Schlüssel nötig
api-yes = ja
api-no = nein
api-examples = Beispiele
api-example-read = Die nächsten Musikveranstaltungen in Bochum-Ost:
api-example-write = Eine Veranstaltung aus dem eigenen System eintragen oder aktualisieren (API-Schlüssel der Organisation, angelegt unter „Mein Bereich“):
api-more-calendar = Weitere Schnittstellen: jede Liste als Kalender
api-more-rss = als RSS
api-more-atom = und Atom

## Working groups (members)
group-title = Arbeitskreise
group-lead = Hier arbeiten Stadt, Institutionen und freie Szene an gemeinsamen Themen. Offene Arbeitskreise stehen allen Mitgliedern offen; geschlossenen treten Sie nach Zustimmung der Leitung bei.
group-none = Noch keine Arbeitskreise.
group-closed-short = geschlossen (mit Zustimmung)
group-open-short = offen
group-members-count = { $count ->
    [one] { $count } Mitglied
   *[other] { $count } Mitglieder
}
group-you-lead = Sie leiten ihn
group-you-member = Sie sind Mitglied
group-you-asked = Ihre Anfrage läuft
group-found = Arbeitskreis gründen
group-name = Name
group-description = Worum es geht (optional)
group-closed-check = Geschlossen: Beitritt nur mit Zustimmung der Leitung
group-found-button = Gründen
group-closed-long = Geschlossener Arbeitskreis
group-open-long = Offener Arbeitskreis
group-requested = Ihre Anfrage liegt bei der Leitung.
group-ask-to-join = Beitritt anfragen
group-join = Beitreten
group-requests = Beitrittsanfragen
group-admit = Aufnehmen
group-decline = Ablehnen
group-threads = Themen
group-threads-none = Noch keine Themen.
group-announcement = Ankündigung
group-posts-count = { $count ->
    [one] { $count } Beitrag
   *[other] { $count } Beiträge
}
group-new-thread = Neues Thema
group-thread-title = Titel
group-thread-text = Text
group-markdown-hint = Einfache Formatierung mit Markdown.
group-announce-check = Als Ankündigung an alle Mitglieder mailen
group-open-thread = Thema eröffnen
group-meetings = Treffen
group-meetings-none = Keine Treffen geplant.
group-meeting-what = Was
group-meeting-date = Datum
group-meeting-time = Uhrzeit
group-meeting-place = Ort (optional)
group-meeting-add = Treffen eintragen
group-files = Dateien
group-files-none = Noch keine Dateien.
group-usage = Speicherplatz: { $used } von { $quota } belegt.
group-delete = Löschen
group-file-label = Datei (höchstens 10 MB; gleicher Name = neue Fassung)
group-upload = Hochladen
group-people = Mitglieder
group-lead-role = Leitung
group-leave = Arbeitskreis verlassen
group-reply = Antworten
group-your-post = Ihr Beitrag
group-send = Senden
group-deleted-account = gelöschtes Konto
group-name-length = Bitte einen Namen mit 3 bis 80 Zeichen angeben.
group-email-unconfirmed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.
group-name-taken = Einen Arbeitskreis mit diesem Namen gibt es schon.
group-thread-title-short = Bitte einen Titel mit mindestens 3 Zeichen angeben.
group-text-empty = Bitte schreiben Sie etwas.
group-meeting-title-missing = Bitte sagen Sie, was für ein Treffen es ist.
group-meeting-when-missing = Bitte Datum und Uhrzeit angeben, z. B. 2027-01-14 und 18:00.
group-file-missing = Bitte wählen Sie eine Datei aus.
group-file-too-big = Die Datei ist zu groß (höchstens { $max }).
group-last-lead = Ein Arbeitskreis braucht mindestens eine Leitung. Sie sind die einzige Leitung und können deshalb weder austreten noch sich selbst entfernen.
group-quota-full = Der Platz des Arbeitskreises reicht für diese Datei nicht: { $used } von { $quota } sind belegt, die Datei hat { $size }. Die Leitung kann ältere Fassungen löschen.

## Planning calendar (members)
planning-title = Planung
planning-heading = Planung:
planning-lead = Alle öffentlichen Termine der Stadt und die vorgemerkten Termine der Organisationen (nur für Mitglieder sichtbar) – damit sich Premieren, Konzerte und Feste nicht gegenseitig das Publikum nehmen.
planning-months = Monate
planning-prev = ← Vorheriger Monat
planning-next = Nächster Monat →
planning-sparte = Sparte
planning-all = Alle
planning-show = Anzeigen
planning-caption = öffentliche und vorgemerkte Termine je Tag
planning-public = öffentlich
planning-tentative = vorgemerkt
planning-hint = Je Tag: Zahl der öffentlichen Veranstaltungen (mit Filter: dieser Sparte und dieses Bezirks) und der vorgemerkten Termine; darunter die stärksten Sparten. Ab zehn Terminen ist ein Tag hervorgehoben.
planning-reserve = Termin vormerken
planning-reserve-text = Noch nicht öffentlich, aber geplant? Merken Sie den Termin vor: Andere Mitglieder sehen ihn hier und bekommen im Editor einen Hinweis, wenn sie denselben Tag in Ihrer Sparte und Ihrem Bezirk planen.
planning-organisation = Organisation
planning-form-title = Titel oder Arbeitstitel
planning-form-day = Datum
planning-form-time = Uhrzeit (optional)
planning-choose = Bitte wählen
planning-no-district = – keiner –
planning-form-note = Notiz für andere Mitglieder (optional)
planning-reserve-button = Vormerken
planning-mine = Vorgemerkt von Ihren Organisationen
planning-tentative-count = Vorgemerkt ({ $count })
planning-tentative-none = Nichts vorgemerkt.
planning-public-count = Öffentliche Veranstaltungen ({ $count })
planning-none = Keine.
planning-when = { $date }, { $time } Uhr
planning-organisation-missing = Bitte wählen Sie eine Ihrer Organisationen.
planning-title-length = Bitte einen Titel oder Arbeitstitel mit 3 bis 120 Zeichen angeben.
planning-day-past = Das Datum liegt in der Vergangenheit.
planning-day-too-far = Vormerken geht höchstens drei Jahre im Voraus.
planning-day-invalid = Bitte ein Datum wie 05.12.2026 angeben.
planning-time-invalid = Bitte eine Uhrzeit wie 19:30 angeben oder das Feld leer lassen.
planning-sparte-missing = Bitte wählen Sie eine Sparte.
planning-district-unknown = Diesen Stadtbezirk gibt es nicht.

## Feedback mail to the admins (web::about)
a11y-mail-subject = Barriere gemeldet (Nr. { $id })
a11y-mail-heading = Rückmeldung Nr. { $id } zur Barrierefreiheit
a11y-mail-page = Seite:
a11y-mail-contact = Kontakt:
a11y-mail-deadline = Nach BITV 2.0 ist eine Antwort innerhalb von sechs Wochen vorgesehen.
