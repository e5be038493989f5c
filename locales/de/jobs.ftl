# Webhooks of organisations and the outbox's job queue (administration).

webhooks-title = Webhooks
webhooks-title-of = Webhooks von { $name }
webhooks-back = Zurück zu { $name }
webhooks-teaser = Eigene Systeme erfahren sofort von jeder Änderung an Ihren Veranstaltungen.
webhooks-text = Ein Webhook schickt bei jeder öffentlichen Änderung an den Veranstaltungen Ihrer Organisation (veröffentlicht, geändert, abgesagt, verschoben, zurückgezogen, gelöscht) eine signierte JSON-Nachricht per POST an eine Adresse Ihres Systems. Gelingt die Zustellung nicht, versucht das Portal es mit wachsenden Abständen erneut.
webhooks-signature = Jede Nachricht trägt
webhooks-signature-over = – den HMAC-SHA256 mit Ihrem Geheimnis über
webhooks-delivery = Wiederholungen derselben Nachricht erkennen Sie an
webhooks-secret-once = Das Geheimnis wird nur jetzt angezeigt. Bitte speichern Sie es in Ihrem System.
webhooks-secret = Geheimnis für die Signatur
webhooks-url = Adresse
webhooks-last = Letzte Zustellung
webhooks-never = noch keine
webhooks-new-url = Adresse (https://…) für einen neuen Webhook
webhooks-create = Webhook anlegen
webhooks-too-many = Eine Organisation kann höchstens fünf aktive Webhooks haben.

jobs-title = Aufträge im Hintergrund
jobs-text = Was nach einer Änderung geschieht – Benachrichtigungen, Webhooks –, erledigen Hintergrundaufträge. Scheitert einer, wird er mit wachsenden Abständen wiederholt; nach acht Versuchen wird er aufgegeben und steht hier, bis ihn jemand erneut anstößt.
jobs-counts = Wartend: { $pending } · erledigt: { $done } · aufgegeben: { $dead }
jobs-dead = Aufgegebene Aufträge
jobs-waiting = Wartende Aufträge
jobs-none = Keine.
jobs-what = Auftrag
jobs-attempts = Versuche
jobs-error = Letzter Fehler
jobs-next = Nächster Versuch
jobs-retry = Erneut versuchen
jobs-mailings = Versand an Besucherinnen und Besucher
jobs-mailings-text = Wöchentliche E-Mails und Erinnerungen der Kulturkalender: wie weit jeder Versand ist und woran einzelne E-Mails gescheitert sind (ohne Adressen). Ein gestoppter Versand wird beim nächsten Lauf fortgesetzt, ohne dass jemand eine E-Mail doppelt bekommt.
jobs-mailing-state = Stand
jobs-mailing-sent = gesendet
jobs-mailing-pending = wartend
jobs-mailing-skipped = ohne Inhalt
jobs-mailing-failed = fehlgeschlagen
