## Notifications and mails from moderation, reports, venues, organisations and working groups

notice-hello-name = Guten Tag { $name },
notice-thanks = Vielen Dank!
notice-signature = Ihr Kulturportal Bochum

## Decisions of the moderation
notice-event-approved-subject = Freigegeben: { $title }
notice-event-approved = die Moderation hat Ihre Veranstaltung „{ $title }“ freigegeben. Sie steht jetzt im Kalender:
notice-event-refused-subject = Nicht freigegeben: { $title }
notice-event-refused = die Moderation hat Ihre Veranstaltung „{ $title }“ nicht freigegeben. Die Begründung:
notice-event-refused-resubmit = Sie können die Angaben korrigieren und die Veranstaltung erneut einreichen.
notice-venue-change-accepted-subject = Übernommen: Ihre Änderungen an „{ $venue }“
notice-venue-change-accepted = Die Moderation hat Ihre Änderungen an Adresse und Zugänglichkeit von „{ $venue }“ übernommen. Sie sind jetzt öffentlich:
notice-venue-change-refused-subject = Nicht übernommen: Ihre Änderungen an „{ $venue }“
notice-venue-change-refused = Die Moderation hat Ihre Änderungen an Adresse und Zugänglichkeit von „{ $venue }“ nicht übernommen.
notice-venue-change-reason = Begründung: { $reason }
notice-venue-change-correct = Sie können die Angaben hier korrigieren:
notice-application-approved-subject = Ihr Antrag wurde angenommen
notice-application-refused-subject = Ihr Antrag wurde nicht angenommen
notice-application-joined = Sie gehören jetzt zur Redaktion von „{ $org }“ und können Veranstaltungen eintragen.
notice-application-created = Die Organisation „{ $org }“ ist angelegt; Sie sind verantwortlich und können weitere Mitglieder einladen.
notice-application-refused = Ihr Antrag wurde leider nicht angenommen. Bei Fragen antworten Sie einfach auf diese Nachricht.

## To the moderators
notice-review-subject = Zur Freigabe: { $title }
notice-review-text = die Veranstaltung „{ $title }“ wartet auf die Freigabe.
notice-report-subject = Meldung zu „{ $title }“
notice-report-text = zur Veranstaltung „{ $title }“ ist eine Meldung eingegangen.
notice-venue-proposed-subject = Änderung vorgeschlagen: { $venue }
notice-venue-proposed-text = für „{ $venue }“ sind Änderungen an Adresse oder Zugänglichkeit vorgeschlagen.
notice-application-subject = Neuer Antrag eines Mitglieds
notice-application-text = ein Mitglied möchte eine Organisation anlegen oder einer beitreten.

## Invitations to an organisation
notice-invite-subject = Einladung: { $org }
notice-invite-text = { $inviter } lädt Sie ein, bei „{ $org }“ im Kulturportal Bochum mitzuarbeiten (Rolle: { $role }).
notice-invite-link = Mit diesem Link nehmen Sie die Einladung an (gültig 14 Tage); falls Sie noch kein Konto haben, legen Sie zuerst eines an:
notice-invite-ignore = Wenn Sie damit nichts anfangen können, ignorieren Sie diese Nachricht.

## Working groups
notice-group-request-subject = Beitrittsanfrage: { $group }
notice-group-request-text = jemand möchte dem Arbeitskreis „{ $group }“ beitreten. Anfragen beantworten Sie hier:
notice-group-announcement-subject = { $group }: { $title }
notice-group-announcement-text = im Arbeitskreis „{ $group }“ gibt es eine Ankündigung: „{ $title }“.
notice-group-read = Lesen:

