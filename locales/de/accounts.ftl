# Konten: Anmelden, Registrieren, Passwort, Mein Bereich, Benachrichtigungen, E-Mails.

## Formularfehler
account-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.
account-name-missing = Bitte geben Sie einen Namen an.
account-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein.
account-password-too-short = Das Passwort muss mindestens { $min } Zeichen lang sein.
account-password-too-long = Das Passwort darf höchstens { $max } Zeichen lang sein.
account-password-mismatch = Die beiden Passwörter stimmen nicht überein.
account-register-refused = Die Anmeldung konnte nicht angenommen werden.
account-register-too-fast = Das ging sehr schnell – bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab.
account-check-input = Bitte prüfen Sie die Eingabe.
account-check-fields = Bitte prüfen Sie die markierten Felder.

## Rollen
account-role-member = Mitglied
account-role-moderator = Moderation
account-role-admin = Administration

## Anmelden und Registrieren
account-login-title = Anmelden
account-login-too-many = Zu viele fehlgeschlagene Anmeldeversuche von diesem Gerät. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.
account-login-wrong = E-Mail-Adresse oder Passwort ist falsch.
account-email = E-Mail-Adresse
account-password = Passwort
account-forgot-link = Passwort vergessen?
account-no-account = Noch kein Konto?
account-register-now = Jetzt registrieren
account-register-title = Registrieren
account-register-lead = Mit einem Konto können Sie Ihre Organisation anlegen oder einer beitreten und Veranstaltungen eintragen.
account-name = Name
account-password-min = (mindestens 10 Zeichen)
account-password-repeat = Passwort wiederholen
account-leave-empty = Bitte leer lassen
account-create = Konto anlegen
account-have-account = Schon ein Konto?

## Passwort vergessen, E-Mail-Links
account-forgot-title = Passwort vergessen
account-forgot-text = Geben Sie die E-Mail-Adresse Ihres Kontos an. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.
account-forgot-submit = Link anfordern
account-reset-title = Neues Passwort
account-reset-heading = Neues Passwort festlegen
account-new-password = Neues Passwort
account-reset-submit = Passwort speichern
account-to-login = Zur Anmeldung
account-to-start = Zur Startseite
account-verified-title = E-Mail-Adresse bestätigt
account-verified-text = Danke! Ihre E-Mail-Adresse ist bestätigt.
account-link-invalid = Link ungültig
account-verify-invalid-text = Dieser Link ist ungültig oder abgelaufen. Melden Sie sich an, um einen neuen Link anzufordern.
account-reset-invalid-text = Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.
account-mail-sent-title = E-Mail unterwegs
account-mail-sent-text = Falls es ein Konto mit dieser Adresse gibt, haben wir eine E-Mail mit einem Link zum Zurücksetzen geschickt.
account-password-changed-title = Passwort geändert
account-password-changed-text = Ihr neues Passwort gilt ab sofort. Sie können sich jetzt anmelden.

## Mein Bereich
account-home-title = Mein Bereich
account-resent = Wir haben Ihnen einen neuen Bestätigungslink geschickt.
account-confirm-please = Bitte bestätigen Sie Ihre E-Mail-Adresse: Wir haben Ihnen einen Link geschickt.
account-resend = Link noch einmal senden
account-logged-in-as = Angemeldet als
account-link-messages = Nachrichten
account-unread = ({ $count } ungelesen)
account-link-pinboard = Pinnwand
account-link-groups = Arbeitskreise
account-link-planning = Planungskalender
account-link-notifications = Benachrichtigungen
account-link-members = Kompetenzen der Mitglieder
account-link-my-entry = mein Eintrag
account-link-my-events = Meine Veranstaltungen
account-link-new-event = Neue Veranstaltung eintragen
account-link-apply = Organisation anlegen oder beitreten
account-link-moderation = Moderation
account-link-admin = Verwaltung
account-notices = Benachrichtigungen
account-notices-new = { $count } neu
account-notices-none = Noch keine. Hier erscheinen Nachrichten, Entscheidungen der Moderation und Neues aus Ihren Arbeitskreisen.
account-notice-new = neu:
account-notices-how = Wie und wann Sie benachrichtigt werden
account-clashes = Überschneidungen mit Ihren Terminen
account-clashes-text = In den nächsten 60 Tagen finden am selben Tag in derselben Sparte und Gegend weitere Veranstaltungen statt.
account-clash-one = ein weiterer Termin
account-clash-many = { $count } weitere Termine
account-clash-own = „{ $title }“
account-clash-summary = { $dates } der Sparte { $sparte } { $place }
account-clash-in = in { $place }
account-clash-reserved = { $organisation }: { $title } (vorgemerkt)
account-to-planning = Zum Planungskalender
account-from-groups = Aus Ihren Arbeitskreisen
account-meeting = Treffen: { $title }
account-pinboard-for-you = Neu auf der Pinnwand für Sie
account-pinboard-for-you-text = Aushänge der letzten zwei Wochen zu den Sparten und Stadtbezirken Ihrer Organisationen.
account-my-organisations = Meine Organisationen
account-no-organisation = Sie gehören noch keiner Organisation an.
account-org-owner = Verantwortlich
account-org-editor = Redaktion
account-my-applications = Meine Anträge
account-application-join = Beitritt zu „{ $name }“
account-application-new = Neue Organisation „{ $name }“
account-application-approved = angenommen
account-application-rejected = nicht angenommen
account-application-waiting = wartet auf die Moderation
account-logout = Abmelden
account-logout-everywhere = Überall abmelden
account-logout-everywhere-text = Beendet die Anmeldung auf allen Geräten, auch auf diesem – etwa wenn Sie sich auf einem fremden Rechner nicht abgemeldet haben.
account-my-data = Meine Daten
account-download = Alle gespeicherten Daten herunterladen (JSON)
account-delete = Konto löschen
account-delete-text = Ihr Konto und Ihre Mitgliedschaften werden gelöscht. Veranstaltungen Ihrer Organisationen bleiben bei den Organisationen.
account-delete-failed = Das Passwort war nicht richtig; das Konto wurde nicht gelöscht.
account-delete-password = Zur Bestätigung: Ihr Passwort
account-delete-submit = Konto endgültig löschen

## Benachrichtigungen
notify-title = Benachrichtigungen
notify-saved = Gespeichert.
notify-intro = Wie möchten Sie erfahren, was im Kulturportal für Sie passiert? Jede E-Mail enthält außerdem einen Link zum Abbestellen, der ohne Anmeldung funktioniert.
notify-save = Speichern
notify-kind-nachrichten = Neue Nachrichten
notify-kind-erinnerungen = Erinnerungen an ablaufende Aushänge
notify-kind-arbeitskreise = Ankündigungen und Anfragen in Arbeitskreisen
notify-kind-entscheidungen = Entscheidungen der Moderation zu meinen Einreichungen und Anträgen
notify-kind-moderation = Neues zur Moderation (nur für Moderatorinnen und Moderatoren)
notify-kind-other = Benachrichtigungen
notify-mode-sofort = sofort per E-Mail
notify-mode-taeglich = einmal täglich gesammelt
notify-mode-aus = keine E-Mail (nur in „Mein Bereich“)
notify-mail-language = Sprache der E-Mails
notify-unsubscribe-title = Abbestellen
notify-unsubscribed-title = Abbestellt
notify-unsubscribed-text = Sie bekommen keine E-Mails mehr zu „{ $name }“. Unter „Mein Bereich“ können Sie das jederzeit wieder ändern.
notify-unsubscribe-question = „{ $name }“ abbestellen?
notify-unsubscribe-submit = Ja, abbestellen

## E-Mails (reiner Text)
mail-hello = Guten Tag,
mail-verify-subject = Bitte bestätigen Sie Ihre E-Mail-Adresse
mail-verify-welcome = Willkommen beim Kulturportal Bochum!
mail-verify-link = { $hours ->
    [one] Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link (gültig { $hours } Stunde):
   *[other] Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link (gültig { $hours } Stunden):
}
mail-verify-ignore = Wenn Sie sich nicht registriert haben, können Sie diese Nachricht ignorieren.
mail-reset-subject = Neues Passwort für das Kulturportal
mail-reset-asked = Sie haben ein neues Passwort für das Kulturportal Bochum angefordert.
mail-reset-link = { $hours ->
    [one] Mit diesem Link (gültig { $hours } Stunde) legen Sie es fest:
   *[other] Mit diesem Link (gültig { $hours } Stunden) legen Sie es fest:
}
mail-reset-ignore = Wenn Sie das nicht waren, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.
mail-footer-why = Sie bekommen diese E-Mail, weil Sie „{ $kind }“ im Kulturportal eingeschaltet haben.
mail-footer-unsubscribe = Abbestellen (ohne Anmeldung):
mail-footer-settings = Alle Einstellungen:
mail-to-moderation = Zur Moderation:
mail-digest-subject = Ihre Zusammenfassung aus dem Kulturportal
mail-digest-intro = { $count ->
    [one] hier ist Ihre tägliche Zusammenfassung aus dem Kulturportal (1 Hinweis):
   *[other] hier ist Ihre tägliche Zusammenfassung aus dem Kulturportal ({ $count } Hinweise):
}

## Pinnwand
pinboard-kind-sucht = Gesucht
pinboard-kind-bietet = Angeboten

## Nachrichten
message-title = Nachrichten
message-unread-none = Keine ungelesenen Nachrichten.
message-unread = { $count ->
    [one] 1 ungelesene Nachricht.
   *[other] { $count } ungelesene Nachrichten.
}
message-none = Noch keine Nachrichten. Sie schreiben anderen Mitgliedern über die Pinnwand oder das Postfach einer Organisation.
message-with = mit { $names }
message-new-title = Neue Nachricht
message-new-to = Neue Nachricht an { $name }
message-subject = Betreff
message-text = Nachricht
message-send = Senden
message-inbox = { $name } (Postfach)
message-about = zum
message-post = Aushang
message-hidden = Diese Nachricht hat die Moderation nach einer Meldung ausgeblendet.
message-report = Melden
message-report-of = Nachricht von { $author }, { $when }
message-report-scope = Die Moderation sieht nur diese eine Nachricht, nicht das übrige Gespräch.
message-report-reason = Was ist daran nicht in Ordnung? (freiwillig)
message-report-submit = Nachricht melden
message-reply = Antworten
message-your-reply = Ihre Antwort
message-block = Blockieren
message-block-text = Blockierte Personen können Ihnen keine Nachrichten mehr schreiben. Belästigung melden Sie bitte zusätzlich der Moderation.
message-block-submit = Person blockieren
message-deleted-account = gelöschtes Konto
message-reported = Gemeldet: Die Moderation sieht sich die Nachricht an. Vielen Dank!
message-blocked = Blockiert: Diese Person kann Ihnen keine Nachrichten mehr schreiben.
message-confirm-first = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.
message-to-self = Eine Nachricht an sich selbst ist nicht nötig.
message-refused = Diese Person nimmt keine Nachrichten von Ihnen an.
message-subject-missing = Bitte geben Sie einen Betreff an.
message-text-missing = Bitte schreiben Sie eine Nachricht.
mail-message-subject = Neue Nachricht: { $subject }
mail-message-waiting = im Kulturportal wartet eine neue Nachricht auf Sie: „{ $subject }“.
mail-message-read = Lesen und antworten:
mail-message-reported-subject = Nachricht gemeldet
mail-message-reported-text = ein Mitglied hat eine private Nachricht gemeldet.

## Kompetenzverzeichnis
member-title = Kompetenzen der Mitglieder
member-lead = Wer kann Licht, schreibt Förderanträge, übersetzt? Mitglieder, die es möchten, zeigen hier, wobei sie ansprechbar sind. Kontakt nur über Nachrichten.
member-listed = Sie stehen im Verzeichnis.
member-not-listed = Sie stehen noch nicht im Verzeichnis.
member-edit-own = Eigenen Eintrag bearbeiten
member-keyword = Stichwort
member-competences = Kompetenzen
member-count = { $count ->
    [one] 1 Mitglied
   *[other] { $count } Mitglieder
}
member-none = Niemand passt zu dieser Auswahl.
member-other = Außerdem: { $text }
member-languages = Sprachen: { $text }
member-available = Ansprechbar für: { $text }
member-write = Nachricht an { $name }
member-profile-title = Mein Eintrag im Kompetenzverzeichnis
member-profile-intro = Nur Mitglieder sehen das Verzeichnis, und nur, was Sie hier freigeben. Ihre E-Mail-Adresse wird nie gezeigt: Andere schreiben Ihnen über die Nachrichten des Portals.
member-visibility = Sichtbarkeit
member-want-listed = Ich möchte im Verzeichnis stehen (mit meinem Namen „{ $name }“)
member-show-organisations = Meine Organisationen zeigen
member-other-label = Weitere Kompetenzen (optional)
member-languages-label = Sprachen (optional)
member-available-label = Ansprechbar für (optional)
competence-licht = Licht
competence-buehnentechnik = Bühnentechnik
competence-ton = Tontechnik
competence-foerderantraege = Förderanträge
competence-pressearbeit = Pressearbeit
competence-social-media = Social Media
competence-grafik = Grafikdesign
competence-fotografie = Fotografie
competence-video = Video und Schnitt
competence-uebersetzung = Übersetzung
competence-moderation = Moderation
competence-kulturvermittlung = Kulturvermittlung
competence-barrierefreiheit = Barrierefreiheit
competence-buchhaltung = Buchhaltung und Abrechnung
competence-vertraege = Verträge und Recht
competence-veranstaltungsorganisation = Veranstaltungsorganisation

## Pinnwand (Seiten, Formular, Erinnerungen)
pinboard-title = Pinnwand
pinboard-lead = Angebote und Gesuche der Bochumer Kulturszene: Räume, Technik, Mitwirkende, Partner, Auftrittsmöglichkeiten, Förderfristen. Nur für Mitglieder sichtbar.
pinboard-create = Aushang erstellen
pinboard-kind = Art
pinboard-all = Alle
pinboard-topic = Worum es geht
pinboard-everything = Alles
pinboard-sparten = Sparten
pinboard-district = Stadtbezirk
pinboard-count = { $count ->
    [one] 1 Aushang
   *[other] { $count } Aushänge
}
pinboard-none = Keine Aushänge für diese Auswahl.
pinboard-until = bis { $date }
pinboard-mine = Meine Aushänge
pinboard-hidden = von der Moderation ausgeblendet
pinboard-expired-on = abgelaufen am { $date }
pinboard-deleted = Der Aushang ist entfernt.
pinboard-reported = Danke. Die Moderation sieht sich den Aushang an.
pinboard-saved = Der Aushang ist gespeichert und für alle Mitglieder sichtbar.
pinboard-renewed = Der Aushang ist verlängert.
pinboard-new = Neuer Aushang
pinboard-edit = Aushang bearbeiten
pinboard-unverified = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse; dann können Sie aushängen.
pinboard-check = { $count ->
    [one] Bitte prüfen Sie eine Angabe:
   *[other] Bitte prüfen Sie { $count } Angaben:
}
pinboard-you = Sie …
pinboard-you-seek = suchen etwas
pinboard-you-offer = bieten etwas an
pinboard-choose = Bitte wählen
pinboard-field-title = Titel
pinboard-title-hint = Zum Beispiel: Proberaum für Tanz gesucht, dienstags
pinboard-field-body = Beschreibung
pinboard-body-hint = Was, wann, wie viel, unter welchen Bedingungen. Einfache Formatierung mit Markdown.
pinboard-field-sparten = Sparten (optional)
pinboard-field-district = Stadtbezirk (optional)
pinboard-any = – egal –
pinboard-field-period = Zeitraum (optional)
pinboard-period-hint = Zum Beispiel: ab Januar 2027, für drei Monate
pinboard-field-expires = Aushang sichtbar bis
pinboard-expires-hint = Höchstens 180 Tage; Sie bekommen vorher eine Erinnerung und können verlängern.
pinboard-field-as = Aushängen als
pinboard-as-person = ich persönlich (Antworten an mich)
pinboard-as-org = { $name } (Antworten ins Postfach)
pinboard-save = Aushang speichern
pinboard-hidden-long = Von der Moderation ausgeblendet.
pinboard-expired-long = Abgelaufen am { $date }.
pinboard-visible-until = Sichtbar bis { $date }.
pinboard-yours = Ihr Aushang
pinboard-edit-link = Bearbeiten
pinboard-renew = Um 60 Tage verlängern
pinboard-remove = Entfernen
pinboard-reply = Antworten
pinboard-reply-to = Ihre Antwort geht als private Nachricht an { $name }.
pinboard-your-message = Ihre Nachricht
pinboard-send = Nachricht senden
pinboard-reply-subject = Pinnwand: { $title }
pinboard-report = Aushang melden
pinboard-report-reason = Was ist nicht in Ordnung?
pinboard-report-submit = Melden
pinboard-remove-as-moderator = Als Moderation entfernen
pinboard-topic-partner = Partner und Koproduktion
pinboard-topic-raum = Räume (Probe, Atelier, Bühne, Lager)
pinboard-topic-technik = Technik und Ausstattung
pinboard-topic-mitwirkende = Mitwirkende und Ehrenamt
pinboard-topic-auftritt = Auftrittsmöglichkeiten
pinboard-topic-foerderung = Förderung, Ausschreibungen, Fristen
pinboard-topic-sonstiges = Sonstiges
pinboard-error-kind = Bitte wählen Sie: Suchen Sie etwas oder bieten Sie etwas an?
pinboard-error-topic = Bitte wählen Sie, worum es geht.
pinboard-error-title = Bitte einen Titel mit { $min } bis { $max } Zeichen angeben.
pinboard-error-body-short = Bitte beschreiben Sie in ein paar Sätzen (mindestens { $min } Zeichen), was Sie suchen oder anbieten.
pinboard-error-body-long = Der Text ist zu lang (höchstens 5.000 Zeichen).
pinboard-error-district = Diesen Stadtbezirk gibt es nicht.
pinboard-error-past = Das Datum liegt in der Vergangenheit.
pinboard-error-too-long = Ein Aushang hängt höchstens { $max } Tage; Sie können ihn danach verlängern.
pinboard-error-date = Bitte ein Datum wie 31.01.2027 angeben.
pinboard-error-as = Für diese Organisation können Sie nicht aushängen.
pinboard-error-unverified = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse (der Link steht in Ihrer Mail).
mail-pinboard-expiring-subject = Ihr Aushang läuft ab: { $title }
mail-pinboard-expiring = Ihr Aushang „{ $title }“ auf der Pinnwand des Kulturportals hängt nur noch bis { $date }.
mail-pinboard-renew = Mit einem Klick verlängern Sie ihn um { $days } Tage:
mail-pinboard-reported-subject = Aushang gemeldet: { $title }
mail-pinboard-reported-text = der Aushang „{ $title }“ wurde gemeldet.
account-register-sent-title = Bitte sehen Sie in Ihr Postfach
account-register-sent-text = Wir haben Ihnen eine E-Mail geschickt. Ist die Adresse neu, enthält sie den Link, mit dem Sie sie bestätigen; melden Sie sich dann mit Ihrer Adresse und Ihrem Passwort an. Gibt es zu der Adresse schon ein Konto, sagt Ihnen die E-Mail, wie Sie wieder hineinkommen.
mail-known-subject = Ihr Konto beim Kulturportal Bochum
mail-known-text = Jemand – vielleicht Sie – wollte mit dieser E-Mail-Adresse ein neues Konto beim Kulturportal Bochum anlegen. Zu dieser Adresse gibt es schon ein Konto; ein zweites wurde nicht angelegt.
mail-known-login = Hier melden Sie sich an:
mail-known-forgot = Passwort vergessen? Hier setzen Sie es zurück:
