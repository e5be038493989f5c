# Webhooks of organisations and the outbox's job queue (administration).

webhooks-title = Webhooks
webhooks-title-of = Webhooks of { $name }
webhooks-back = Back to { $name }
webhooks-teaser = Your own systems hear at once of every change to your events.
webhooks-text = A webhook sends a signed JSON message by POST to an address of your system whenever an event of your organisation changes in public (published, changed, cancelled, postponed, withdrawn, deleted). When a delivery fails, the portal tries again at growing intervals.
webhooks-signature = Every message carries
webhooks-signature-over = – the HMAC-SHA256 with your secret over
webhooks-delivery = Repeats of the same message share
webhooks-secret-once = The secret is shown only now. Please store it in your system.
webhooks-secret = Secret for the signature
webhooks-url = Address
webhooks-last = Last delivery
webhooks-never = none yet
webhooks-new-url = Address (https://…) for a new webhook
webhooks-create = Create webhook
webhooks-too-many = An organisation can have at most five active webhooks.

jobs-title = Background jobs
jobs-text = What follows a change – notifications, webhooks – is done by background jobs. When one fails, it is tried again at growing intervals; after eight attempts it is given up and listed here until someone starts it again.
jobs-counts = Waiting: { $pending } · done: { $done } · given up: { $dead }
jobs-dead = Jobs given up
jobs-waiting = Waiting jobs
jobs-none = None.
jobs-what = Job
jobs-attempts = Attempts
jobs-error = Last error
jobs-next = Next attempt
jobs-retry = Try again
jobs-mailings = Mail to visitors
jobs-mailings-text = Weekly e-mails and reminders of the culture calendars: how far each sending is and why single mails failed (without addresses). A sending that stopped is resumed by the next run without anyone getting a mail twice.
jobs-mailing-state = State
jobs-mailing-sent = sent
jobs-mailing-pending = waiting
jobs-mailing-skipped = nothing to send
jobs-mailing-failed = failed
