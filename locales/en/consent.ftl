# Mail to visitors with double opt-in: consent texts (versioned in domain::mailing), the
# confirmation mail and the pages behind its links.
consent-kalender = Yes, send me a weekly e-mail with the dates of my culture calendar and – when I switch it on for an event – a reminder the day before. I can unsubscribe at any time with one click; my address is used for this only and not passed on.
consent-newsletter = Yes, send me the newsletter of the Kulturportal Bochum with tips and highlights on the topics I chose. I can unsubscribe at any time with one click; my address is used for this only and not passed on.
consent-what-kalender = the weekly e-mail of your culture calendar
consent-what-newsletter = the newsletter of the Kulturportal Bochum
confirm-mail-subject = Please confirm your e-mail address
confirm-mail-text = Please confirm that you want to receive { $what }. Open this link and click "Confirm" there:
confirm-mail-ignore = If you did not ask for this, simply ignore this e-mail. Without your confirmation we send you nothing.
consent-unknown-title = This link is not (or no longer) valid
consent-unknown-text = There is no subscription for this link. The data of this address may have been deleted already.
consent-confirm-title = Confirm your e-mail address
consent-confirm-text = Do you want to receive { $what } at { $email }? Then please confirm.
consent-confirm-button = Confirm
consent-confirmed-title = Thank you, your address is confirmed
consent-confirmed-text = From now on you receive the e-mails you asked for. Every e-mail has a link to unsubscribe with one click.
consent-unsubscribe-title = Unsubscribe
consent-unsubscribe-text = Do you want to unsubscribe { $email } from { $what }? One click is enough, it works at once.
consent-unsubscribe-button = Unsubscribe now
consent-unsubscribed-title = Unsubscribed
consent-unsubscribed-text = You will not receive these e-mails any more.
consent-data-heading = Your data
consent-data-text = For your address we store what you subscribed to, the proof of your consent (when you signed up and confirmed, with the exact text) and which e-mails we sent you. Organisations never see your address.
consent-export = Download all data about this address (JSON)
consent-delete = Delete all data about this address
consent-deleted-title = Deleted
consent-deleted-text = Everything we stored about this address is deleted: subscriptions, proof of consent and the list of e-mails sent.
digest-heading = Your culture week from { $from } to { $to }
digest-intro = These dates match your culture calendar. What changed since the last e-mail is marked.
digest-count = { $count ->
    [one] one date
   *[other] { $count } dates
} in the coming week
digest-why = You receive this e-mail because you ordered and confirmed it for your culture calendar.
digest-unsubscribe = Unsubscribe with one click
digest-new = New
digest-changed = Changed
digest-all-day = all day
reminder-heading = Reminder: tomorrow, { $date }
reminder-intro = These events on your watch list take place tomorrow.
mail-heading = Weekly by e-mail
mail-text = If you like, we send you the dates of your culture calendar from Friday to Thursday once a week – only when there is something – and, when you switch it on for an event on your watch list, a reminder the day before.
mail-day = Weekday
mail-hour = Time
mail-consent-label = Consent
mail-order = Order the e-mail
mail-order-hint = First you get an e-mail with a confirmation link. We send nothing until you confirm.
mail-consent-missing = Please tick the box to confirm that you want to receive the e-mails.
mail-too-many = Three addresses are already entered for this culture calendar.
mail-state-active = confirmed
mail-state-pending = waiting for your confirmation
mail-state-unsubscribed = unsubscribed
mail-schedule = { $day }s at { $hour }:00
mail-manage = Unsubscribe or see your data
