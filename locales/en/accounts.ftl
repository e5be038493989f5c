# Accounts: log in, register, password, my area, notifications, e-mails.

## Form errors
account-email-invalid = Please enter a valid e-mail address, e.g. name@example.org.
account-name-missing = Please enter a name.
account-name-too-long = The name may be at most { $max } characters long.
account-password-too-short = The password must be at least { $min } characters long.
account-password-too-long = The password may be at most { $max } characters long.
account-password-mismatch = The two passwords do not match.
account-register-refused = The registration could not be accepted.
account-register-too-fast = That was very quick – please check your details and send the form again.
account-check-input = Please check your entry.
account-check-fields = Please check the marked fields.

## Roles
account-role-member = Member
account-role-moderator = Moderation
account-role-admin = Administration

## Log in and register
account-login-title = Log in
account-login-too-many = Too many failed login attempts from this device. Please wait a few minutes and try again.
account-login-wrong = The e-mail address or password is wrong.
account-email = E-mail address
account-password = Password
account-forgot-link = Forgotten your password?
account-no-account = No account yet?
account-register-now = Register now
account-register-title = Register
account-register-lead = With an account you can create your organisation or join one, and enter events.
account-name = Name
account-password-min = (at least 10 characters)
account-password-repeat = Repeat password
account-leave-empty = Please leave empty
account-create = Create account
account-have-account = Already have an account?

## Forgotten password, links by e-mail
account-forgot-title = Forgotten password
account-forgot-text = Enter the e-mail address of your account. We will send you a link with which you can set a new password.
account-forgot-submit = Request link
account-reset-title = New password
account-reset-heading = Set a new password
account-new-password = New password
account-reset-submit = Save password
account-to-login = Go to login
account-to-start = Go to the home page
account-verified-title = E-mail address confirmed
account-verified-text = Thank you! Your e-mail address is confirmed.
account-link-invalid = Invalid link
account-verify-invalid-text = This link is invalid or has expired. Log in to request a new link.
account-reset-invalid-text = This link is invalid or has expired. Please request a new one.
account-mail-sent-title = E-mail on its way
account-mail-sent-text = If there is an account with this address, we have sent an e-mail with a link to reset the password.
account-password-changed-title = Password changed
account-password-changed-text = Your new password is valid now. You can log in.

## My area
account-home-title = My area
account-resent = We have sent you a new confirmation link.
account-confirm-please = Please confirm your e-mail address: we have sent you a link.
account-resend = Send the link again
account-logged-in-as = Logged in as
account-link-messages = Messages
account-unread = ({ $count } unread)
account-link-pinboard = Pinboard
account-link-groups = Working groups
account-link-planning = Planning calendar
account-link-notifications = Notifications
account-link-members = Members' skills
account-link-my-entry = my entry
account-link-my-events = My events
account-link-new-event = Enter a new event
account-link-apply = Create or join an organisation
account-link-moderation = Moderation
account-link-admin = Administration
account-notices = Notifications
account-notices-new = { $count } new
account-notices-none = None yet. Messages, decisions of the moderators and news from your working groups appear here.
account-notice-new = new:
account-notices-how = How and when you are notified
account-clashes = Clashes with your dates
account-clashes-text = In the next 60 days, other events take place on the same day in the same category and area.
account-clash-one = one more date
account-clash-many = { $count } more dates
account-clash-own = “{ $title }”
account-clash-summary = { $dates } in { $sparte } { $place }
account-clash-in = in { $place }
account-clash-reserved = { $organisation }: { $title } (reserved)
account-to-planning = Go to the planning calendar
account-from-groups = From your working groups
account-meeting = Meeting: { $title }
account-pinboard-for-you = New on the pinboard for you
account-pinboard-for-you-text = Notices of the last two weeks on the categories and districts of your organisations.
account-my-organisations = My organisations
account-no-organisation = You do not belong to an organisation yet.
account-org-owner = Responsible
account-org-editor = Editor
account-my-applications = My applications
account-application-join = Joining “{ $name }”
account-application-new = New organisation “{ $name }”
account-application-approved = accepted
account-application-rejected = not accepted
account-application-waiting = waiting for the moderators
account-logout = Log out
account-logout-everywhere = Log out everywhere
account-logout-everywhere-text = Ends the login on every device, this one included – for instance when you forgot to log out on someone else’s computer.
account-my-data = My data
account-download = Download all stored data (JSON)
account-delete = Delete account
account-delete-text = Your account and your memberships will be deleted. Events of your organisations stay with the organisations.
account-delete-failed = The password was not correct; the account has not been deleted.
account-delete-password = To confirm: your password
account-delete-submit = Delete account for good

## Notifications
notify-title = Notifications
notify-saved = Saved.
notify-intro = How would you like to hear about what happens for you on the Kulturportal? Every e-mail also contains a link to unsubscribe that works without logging in.
notify-save = Save
notify-kind-nachrichten = New messages
notify-kind-erinnerungen = Reminders of notices about to expire
notify-kind-arbeitskreise = Announcements and requests in working groups
notify-kind-entscheidungen = Moderators' decisions on my submissions and applications
notify-kind-moderation = News for the moderators (moderators only)
notify-kind-other = Notifications
notify-mode-sofort = by e-mail at once
notify-mode-taeglich = collected once a day
notify-mode-aus = no e-mail (only in “My area”)
notify-mail-language = Language of e-mails
notify-unsubscribe-title = Unsubscribe
notify-unsubscribed-title = Unsubscribed
notify-unsubscribed-text = You will no longer get e-mails about “{ $name }”. You can change this again at any time under “My area”.
notify-unsubscribe-question = Unsubscribe from “{ $name }”?
notify-unsubscribe-submit = Yes, unsubscribe

## E-mails (plain text)
mail-hello = Hello,
mail-verify-subject = Please confirm your e-mail address
mail-verify-welcome = Welcome to the Kulturportal Bochum!
mail-verify-link = { $hours ->
    [one] Please confirm your e-mail address with this link (valid for { $hours } hour):
   *[other] Please confirm your e-mail address with this link (valid for { $hours } hours):
}
mail-verify-ignore = If you did not register, you can ignore this message.
mail-reset-subject = New password for the Kulturportal
mail-reset-asked = You have asked for a new password for the Kulturportal Bochum.
mail-reset-link = { $hours ->
    [one] Set it with this link (valid for { $hours } hour):
   *[other] Set it with this link (valid for { $hours } hours):
}
mail-reset-ignore = If this was not you, ignore this message; your password stays as it is.
mail-footer-why = You are getting this e-mail because you switched on “{ $kind }” on the Kulturportal.
mail-footer-unsubscribe = Unsubscribe (no login needed):
mail-footer-settings = All settings:
mail-to-moderation = To the moderation:
mail-digest-subject = Your summary from the Kulturportal
mail-digest-intro = { $count ->
    [one] Here is your daily summary from the Kulturportal (1 notice):
   *[other] Here is your daily summary from the Kulturportal ({ $count } notices):
}

## Pinboard
pinboard-kind-sucht = Wanted
pinboard-kind-bietet = Offered

## Messages
message-title = Messages
message-unread-none = No unread messages.
message-unread = { $count ->
    [one] 1 unread message.
   *[other] { $count } unread messages.
}
message-none = No messages yet. You write to other members through the pinboard or an organisation's inbox.
message-with = with { $names }
message-new-title = New message
message-new-to = New message to { $name }
message-subject = Subject
message-text = Message
message-send = Send
message-inbox = { $name } (inbox)
message-about = about the
message-post = notice
message-hidden = The moderators have hidden this message after a report.
message-report = Report
message-report-of = Message from { $author }, { $when }
message-report-scope = The moderators see only this one message, not the rest of the conversation.
message-report-reason = What is wrong with it? (optional)
message-report-submit = Report message
message-reply = Reply
message-your-reply = Your reply
message-block = Block
message-block-text = People you block can no longer write to you. Please also report harassment to the moderators.
message-block-submit = Block person
message-deleted-account = deleted account
message-reported = Reported: the moderators will look at the message. Thank you!
message-blocked = Blocked: this person can no longer write to you.
message-confirm-first = Please confirm your e-mail address first.
message-to-self = There is no need to send a message to yourself.
message-refused = This person does not accept messages from you.
message-subject-missing = Please enter a subject.
message-text-missing = Please write a message.
mail-message-subject = New message: { $subject }
mail-message-waiting = A new message is waiting for you on the Kulturportal: “{ $subject }”.
mail-message-read = Read and reply:
mail-message-reported-subject = Message reported
mail-message-reported-text = A member has reported a private message.

## Skills directory
member-title = Members' skills
member-lead = Who knows lighting, writes funding applications, translates? Members who want to show here what you can ask them about. Contact only through messages.
member-listed = You are listed in the directory.
member-not-listed = You are not listed in the directory yet.
member-edit-own = Edit your own entry
member-keyword = Keyword
member-competences = Skills
member-count = { $count ->
    [one] 1 member
   *[other] { $count } members
}
member-none = Nobody matches this selection.
member-other = Also: { $text }
member-languages = Languages: { $text }
member-available = Can be asked about: { $text }
member-write = Message to { $name }
member-profile-title = My entry in the skills directory
member-profile-intro = Only members see the directory, and only what you share here. Your e-mail address is never shown: others write to you through the portal's messages.
member-visibility = Visibility
member-want-listed = I want to be listed in the directory (with my name “{ $name }”)
member-show-organisations = Show my organisations
member-other-label = Other skills (optional)
member-languages-label = Languages (optional)
member-available-label = Can be asked about (optional)
competence-licht = Lighting
competence-buehnentechnik = Stage technology
competence-ton = Sound engineering
competence-foerderantraege = Funding applications
competence-pressearbeit = Press relations
competence-social-media = Social media
competence-grafik = Graphic design
competence-fotografie = Photography
competence-video = Video and editing
competence-uebersetzung = Translation
competence-moderation = Presenting and moderating
competence-kulturvermittlung = Cultural education
competence-barrierefreiheit = Accessibility
competence-buchhaltung = Bookkeeping and accounts
competence-vertraege = Contracts and law
competence-veranstaltungsorganisation = Event organisation

## Pinboard (pages, form, reminders)
pinboard-title = Pinboard
pinboard-lead = Offers and requests of Bochum's cultural scene: rooms, equipment, people to take part, partners, chances to perform, funding deadlines. Visible to members only.
pinboard-create = Put up a notice
pinboard-kind = Kind
pinboard-all = All
pinboard-topic = What it is about
pinboard-everything = Everything
pinboard-sparten = Categories
pinboard-district = District
pinboard-count = { $count ->
    [one] 1 notice
   *[other] { $count } notices
}
pinboard-none = No notices for this selection.
pinboard-until = until { $date }
pinboard-mine = My notices
pinboard-hidden = hidden by the moderators
pinboard-expired-on = expired on { $date }
pinboard-deleted = The notice has been removed.
pinboard-reported = Thank you. The moderators will look at the notice.
pinboard-saved = The notice is saved and visible to all members.
pinboard-renewed = The notice has been extended.
pinboard-new = New notice
pinboard-edit = Edit notice
pinboard-unverified = Please confirm your e-mail address first; then you can put up notices.
pinboard-check = { $count ->
    [one] Please check one entry:
   *[other] Please check { $count } entries:
}
pinboard-you = You …
pinboard-you-seek = are looking for something
pinboard-you-offer = are offering something
pinboard-choose = Please choose
pinboard-field-title = Title
pinboard-title-hint = For example: rehearsal room for dance wanted, Tuesdays
pinboard-field-body = Description
pinboard-body-hint = What, when, how much, on which terms. Simple formatting with Markdown.
pinboard-field-sparten = Categories (optional)
pinboard-field-district = District (optional)
pinboard-any = – any –
pinboard-field-period = Period (optional)
pinboard-period-hint = For example: from January 2027, for three months
pinboard-field-expires = Notice visible until
pinboard-expires-hint = At most 180 days; you get a reminder before and can extend it.
pinboard-field-as = Put up as
pinboard-as-person = myself (replies to me)
pinboard-as-org = { $name } (replies to the inbox)
pinboard-save = Save notice
pinboard-hidden-long = Hidden by the moderators.
pinboard-expired-long = Expired on { $date }.
pinboard-visible-until = Visible until { $date }.
pinboard-yours = Your notice
pinboard-edit-link = Edit
pinboard-renew = Extend by 60 days
pinboard-remove = Remove
pinboard-reply = Reply
pinboard-reply-to = Your reply goes to { $name } as a private message.
pinboard-your-message = Your message
pinboard-send = Send message
pinboard-reply-subject = Pinboard: { $title }
pinboard-report = Report notice
pinboard-report-reason = What is wrong?
pinboard-report-submit = Report
pinboard-remove-as-moderator = Remove as moderator
pinboard-topic-partner = Partners and co-productions
pinboard-topic-raum = Rooms (rehearsal, studio, stage, storage)
pinboard-topic-technik = Equipment and technology
pinboard-topic-mitwirkende = People to take part, volunteers
pinboard-topic-auftritt = Chances to perform
pinboard-topic-foerderung = Funding, calls, deadlines
pinboard-topic-sonstiges = Other
pinboard-error-kind = Please choose: are you looking for something or offering something?
pinboard-error-topic = Please choose what it is about.
pinboard-error-title = Please enter a title of { $min } to { $max } characters.
pinboard-error-body-short = Please describe in a few sentences (at least { $min } characters) what you are looking for or offering.
pinboard-error-body-long = The text is too long (at most 5,000 characters).
pinboard-error-district = This district does not exist.
pinboard-error-past = The date is in the past.
pinboard-error-too-long = A notice stays up for at most { $max } days; you can extend it afterwards.
pinboard-error-date = Please enter a date such as 31.01.2027.
pinboard-error-as = You cannot put up notices for this organisation.
pinboard-error-unverified = Please confirm your e-mail address first (the link is in your mail).
mail-pinboard-expiring-subject = Your notice is expiring: { $title }
mail-pinboard-expiring = Your notice “{ $title }” on the Kulturportal's pinboard stays up only until { $date }.
mail-pinboard-renew = One click extends it by { $days } days:
mail-pinboard-reported-subject = Notice reported: { $title }
mail-pinboard-reported-text = The notice “{ $title }” has been reported.
account-register-sent-title = Please look in your mailbox
account-register-sent-text = We have sent you an e-mail. If the address is new, it contains the link to confirm it; then log in with your address and password. If there is already an account for the address, the e-mail tells you how to get back in.
mail-known-subject = Your account at the Kulturportal Bochum
mail-known-text = Someone – perhaps you – wanted to create a new account at the Kulturportal Bochum with this e-mail address. There is already an account for this address; no second one was created.
mail-known-login = Log in here:
mail-known-forgot = Forgot your password? Reset it here:
