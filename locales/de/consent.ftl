# Mail to visitors with double opt-in: consent texts (versioned in domain::mailing), the
# confirmation mail and the pages behind its links.
consent-kalender = Ja, schicken Sie mir wöchentlich eine E-Mail mit den Terminen meines Kulturkalenders und – wenn ich es für eine Veranstaltung einschalte – eine Erinnerung am Vortag. Ich kann das jederzeit mit einem Klick abbestellen; meine Adresse wird nur dafür verwendet und nicht weitergegeben.
consent-newsletter = Ja, schicken Sie mir den Newsletter des Kulturportals Bochum mit Tipps und Höhepunkten zu den gewählten Themen. Ich kann ihn jederzeit mit einem Klick abbestellen; meine Adresse wird nur dafür verwendet und nicht weitergegeben.
consent-what-kalender = die wöchentliche E-Mail Ihres Kulturkalenders
consent-what-newsletter = den Newsletter des Kulturportals Bochum
confirm-mail-subject = Bitte bestätigen Sie Ihre E-Mail-Adresse
confirm-mail-text = Bitte bestätigen Sie, dass Sie { $what } bekommen möchten. Öffnen Sie dazu diesen Link und klicken Sie dort auf „Bestätigen“:
confirm-mail-ignore = Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail einfach. Ohne Bestätigung schicken wir Ihnen nichts.
consent-unknown-title = Dieser Link ist nicht (mehr) gültig
consent-unknown-text = Zu diesem Link gibt es kein Abonnement. Vielleicht wurden die Daten zu dieser Adresse schon gelöscht.
consent-confirm-title = E-Mail-Adresse bestätigen
consent-confirm-text = Möchten Sie { $what } an { $email } bekommen? Dann bestätigen Sie bitte.
consent-confirm-button = Bestätigen
consent-confirmed-title = Danke, Ihre Adresse ist bestätigt
consent-confirmed-text = Ab jetzt bekommen Sie die E-Mails, die Sie bestellt haben. Jede E-Mail enthält einen Link, mit dem Sie sie mit einem Klick wieder abbestellen.
consent-unsubscribe-title = Abbestellen
consent-unsubscribe-text = Möchten Sie { $what } an { $email } abbestellen? Ein Klick genügt, es wirkt sofort.
consent-unsubscribe-button = Jetzt abbestellen
consent-unsubscribed-title = Abbestellt
consent-unsubscribed-text = Sie bekommen diese E-Mails nicht mehr.
consent-data-heading = Ihre Daten
consent-data-text = Wir speichern zu Ihrer Adresse, was Sie bestellt haben, den Nachweis Ihrer Einwilligung (wann Sie sich angemeldet und bestätigt haben, mit dem genauen Text) und welche E-Mails wir Ihnen geschickt haben. Organisationen sehen Ihre Adresse nie.
consent-export = Alle Daten zu dieser Adresse herunterladen (JSON)
consent-delete = Alle Daten zu dieser Adresse löschen
consent-deleted-title = Gelöscht
consent-deleted-text = Alles, was wir zu dieser Adresse gespeichert hatten, ist gelöscht: Abonnements, Einwilligungsnachweise und die Liste der versandten E-Mails.
digest-heading = Ihre Kulturwoche vom { $from } bis { $to }
digest-intro = Diese Termine passen zu Ihrem Kulturkalender. Was sich seit der letzten E-Mail geändert hat, ist markiert.
digest-count = { $count ->
    [one] ein Termin
   *[other] { $count } Termine
} in der kommenden Woche
digest-why = Sie bekommen diese E-Mail, weil Sie sie für Ihren Kulturkalender bestellt und bestätigt haben.
digest-unsubscribe = Mit einem Klick abbestellen
digest-new = Neu
digest-changed = Geändert
digest-all-day = ganztägig
reminder-heading = Erinnerung: morgen, { $date }
reminder-intro = Diese Veranstaltungen auf Ihrer Merkliste finden morgen statt.
mail-heading = Wöchentlich per E-Mail
mail-text = Auf Wunsch schicken wir Ihnen einmal pro Woche die Termine Ihres Kulturkalenders von Freitag bis Donnerstag – nur wenn etwas dabei ist – und, wenn Sie es bei einer Veranstaltung der Merkliste einschalten, eine Erinnerung am Vortag.
mail-day = Wochentag
mail-hour = Uhrzeit
mail-consent-label = Einwilligung
mail-order = E-Mail bestellen
mail-order-hint = Sie bekommen zuerst eine E-Mail mit einem Bestätigungslink. Erst nach Ihrer Bestätigung schicken wir etwas.
mail-consent-missing = Bitte bestätigen Sie mit dem Häkchen, dass Sie die E-Mails bekommen möchten.
mail-too-many = Für diesen Kulturkalender sind schon drei Adressen eingetragen.
mail-state-active = bestätigt
mail-state-pending = wartet auf Ihre Bestätigung
mail-state-unsubscribed = abbestellt
mail-schedule = { $day }s um { $hour } Uhr
mail-manage = Abbestellen oder Daten ansehen
