# The portal's newsletter: the sign-up page and the admins' desk.
newsletter-title = Newsletter des Kulturportals
newsletter-lead = Einmal in der Woche das Beste aus Bochums Kultur – von den großen Häusern bis zu den kleinen Kollektiven. Wählen Sie, was Sie interessiert.
newsletter-privacy = Wir speichern nur Ihre Adresse, Ihre Auswahl und den Nachweis Ihrer Einwilligung; jede Ausgabe hat einen Link zum Abbestellen mit einem Klick.
newsletter-privacy-link = Mehr zum Datenschutz
newsletter-sparten = Sparten, die Sie interessieren
newsletter-all-hint = Ohne Auswahl bekommen Sie alles.
newsletter-districts = Stadtbezirke
newsletter-order = Newsletter bestellen
newsletter-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.
newsletter-too-fast = Das ging sehr schnell – bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab.
newsletter-done-heading = Fast geschafft: Bitte bestätigen Sie Ihre Adresse
newsletter-done-text = Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. Erst wenn Sie ihn anklicken, bekommen Sie den Newsletter. Kommt nichts an, sehen Sie bitte im Spam-Ordner nach.
newsletter-to-calendar = Zum Veranstaltungskalender
newsletter-why = Sie bekommen diese E-Mail, weil Sie den Newsletter des Kulturportals Bochum bestellt haben.
newsletter-admin-title = Newsletter
newsletter-subscribers = { $count ->
    [0] Noch niemand hat den Newsletter bestätigt.
    [one] Eine bestätigte Adresse bekommt den Newsletter.
   *[other] { $count } bestätigte Adressen bekommen den Newsletter.
}
newsletter-signup-page = Zur Anmeldeseite
newsletter-issues = Ausgaben
newsletter-no-issues = Noch keine Ausgabe.
newsletter-new = Neue Ausgabe
newsletter-subject = Betreff
newsletter-body = Text
newsletter-body-hint = Markdown: **fett**, *kursiv*, [Linktext](https://…), Listen mit „- “, Zwischentitel mit „## “.
newsletter-for-sparten = Für Abonnentinnen und Abonnenten dieser Sparten
newsletter-for-hint = Ohne Auswahl geht die Ausgabe an alle. Wer keine Auswahl getroffen hat, bekommt jede Ausgabe.
newsletter-for-districts = Für diese Stadtbezirke
newsletter-create = Als Entwurf anlegen
newsletter-insert-tips = Tipps der Woche einfügen
newsletter-tips-heading = Tipps für die kommenden sieben Tage
newsletter-issue-title = Newsletter-Ausgabe
newsletter-back = Zurück zu allen Ausgaben
newsletter-state = Stand
newsletter-state-draft = Entwurf
newsletter-state-scheduled = geplant
newsletter-state-sending = wird versandt
newsletter-state-done = versandt
newsletter-reach = Empfängerinnen und Empfänger
newsletter-reach-count = { $count ->
    [0] keine Adresse (niemand mit passender Auswahl)
    [one] eine Adresse
   *[other] { $count } Adressen
}
newsletter-progress-label = Versand
newsletter-progress = { $sent } gesendet, { $pending } wartend, { $skipped } übersprungen, { $failed } fehlgeschlagen
newsletter-preview = Vorschau
newsletter-edit = Bearbeiten und versenden
newsletter-save = Speichern
newsletter-test = Testmail an mich
newsletter-time = Zeitpunkt für den geplanten Versand
newsletter-time-hint = Datum und Uhrzeit (Bochumer Zeit). Bis dahin können Sie den Versand zurücknehmen.
newsletter-schedule = Versand planen
newsletter-send-now = { $count ->
    [one] Jetzt an eine Adresse senden
   *[other] Jetzt an { $count } Adressen senden
}
newsletter-unschedule = Planung zurücknehmen (wieder Entwurf)
newsletter-not-editable = Diese Ausgabe ist kein Entwurf mehr und kann nicht mehr geändert werden.
newsletter-subject-missing = Bitte geben Sie einen Betreff an.
newsletter-subject-too-long = Der Betreff darf höchstens 200 Zeichen lang sein.
newsletter-body-missing = Bitte schreiben Sie einen Text.
newsletter-body-too-long = Der Text darf höchstens 50.000 Zeichen lang sein.
newsletter-not-a-draft = Diese Ausgabe ist kein Entwurf mehr.
newsletter-in-the-past = Dieser Zeitpunkt liegt in der Vergangenheit. Bitte wählen Sie einen späteren.
newsletter-time-invalid = Bitte geben Sie Datum und Uhrzeit an, z. B. 10.12.2026, 09:00.
newsletter-saved = Gespeichert.
newsletter-test-sent = Die Testmail ist an { $email } unterwegs.
newsletter-test-failed = Die Testmail konnte nicht gesendet werden: Der Mailserver hat nicht angenommen. Bitte später noch einmal versuchen.
newsletter-sending = Der Versand hat begonnen.
newsletter-scheduled = Der Versand ist geplant.
newsletter-unscheduled = Die Planung ist zurückgenommen; die Ausgabe ist wieder ein Entwurf.
