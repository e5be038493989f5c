# Profiles: venue pages, the cultural scene, the about pages, reports, sharing, the API
# page, working groups and the planning calendar. Keep the ids of locales/de/profiles.ftl.

## Venue page
venue-meta-description = Programme and accessibility: { $name }, { $street }, Bochum
venue-address = Address
venue-district = { $name } district
venue-osm = Location on OpenStreetMap
venue-external = (external site)
venue-all-on-map = All venues on the map
venue-website-link = Website
venue-website-of = of { $name }
venue-email-label = Email:
venue-phone-label = Phone:
venue-run-by = Run by
venue-hours = Opening hours
venue-hours-of = Opening hours of { $name }
venue-coming-up = Coming up here
venue-no-step-free = No step-free entrance
venue-check-unstated = Not stated who checked this information
venue-check-self-reported = Information from the venue (not checked on site)
venue-check-checked = Checked on site
venue-check-certified = Certified under “Reisen für Alle” (Travel for All)

## Venue form messages (shown by the venue edit form)
venue-hours-span = Please give a span of time, e.g. “10:00–18:00”, or “closed”.
venue-hours-times = Please give times like “10:00–18:00” (hours 0 to 24).
venue-hours-same = Start and end are the same; please give a span of time.
venue-hours-too-many = Please give at most four spans of time per day.
venue-name-length = Please give a name of 2 to 120 characters.
venue-street-missing = Please give the street and house number.
venue-postal-code = Please give a five-digit postcode.
venue-district-missing = Please choose a district.
venue-coordinates = Please give latitude and longitude as decimal numbers (e.g. 51.4818 and 7.2162) or leave both empty.
venue-website = Please give the full address, starting with https://.
venue-email = Please give a valid email address.

## Cultural scene (directory and organisation profiles)
scene-lead = Every institution, ensemble, collective, festival, association and venue of Bochum's culture.
scene-filter-query = Name or keyword
scene-filter-kind = Type
scene-filter-access = Accessibility (venues only)
scene-count = { $count ->
    [one] 1 entry, A to Z
   *[other] { $count } entries, A to Z
}
scene-none = No entries for this selection.
scene-prev = ← Previous page
scene-next = Next page →
scene-kind-institution = Institution
scene-kind-collective = Independent collective
scene-kind-ensemble = Ensemble
scene-kind-festival = Festival
scene-kind-association = Association
scene-kind-city_office = City institution
scene-kind-ort = Venue
scene-kind-other = Organisation
scene-verified = verified
scene-contact = Contact
scene-email = Email
scene-phone = Phone
scene-social = Online
scene-houses = Own venues
scene-venues = Performs at
scene-subscribe = Subscribe to the programme
scene-calendar = Calendar (.ics)
scene-fediverse = Follow on the fediverse (e.g. Mastodon)
category-fediverse = Follow on the fediverse (e.g. Mastodon):
scene-about = About { $name }
scene-programme = Programme
scene-archive = Archive
scene-last = last on { $date }

## How we sort (fair visibility)
fairness-lead = Big houses are visible anyway. Small groups that read or perform once a month are easily overlooked. That is why we do not sort by size, money or clicks.
fairness-calendar = The calendar
fairness-calendar-text = Events are listed by date and time. Nobody can buy their way to the top. In a search, what matches the search words best comes first.
fairness-discover = The “Discover” box
fairness-discover-text = On the home page and in the cultural scene we show { $count } organisations that have something coming up. Which ones is decided by weighted chance: the more often an organisation was shown there in the last { $days } days, the less often it is drawn. Those who have not had a turn for a long time will soon be up. Over time, this evens out how often each organisation is shown.
fairness-privacy = For this we only count how often an organisation was shown and clicked – added up per day. We store nothing about you.

## Visibility report (admins)
scene-report-title = Visibility
scene-report-intro = Share of the showings in the “Discover” box that went to small players ({ $small } of { $all } organisations have fewer than { $below } upcoming dates).
scene-report-empty = No showings counted yet.
scene-report-caption = Showings and clicks per week
scene-report-week = Week
scene-report-shown-small = Showings of small players
scene-report-shown-all = Showings in total
scene-report-share = Share
scene-report-clicked-small = Clicks on small players
scene-report-clicked-all = Clicks in total
scene-report-week-from = from { $date }

## Accessibility statement (the German one is legally binding)
profiles-leave-empty = Please leave empty
a11y-intro = The Kulturportal Bochum aims to be easy to use for everyone. This statement applies to the website at this address. It is based on the German Barrier-Free Information Technology Ordinance (BITV 2.0) and the European standard EN 301 549 (WCAG 2.1, level AA).
a11y-binding = This is a translation. The German version of this statement is the legally binding one.
a11y-how = How accessible is the portal?
a11y-how-before = The website is
a11y-how-largely = largely
a11y-how-after = compliant with the requirements. Every page works without JavaScript, with the keyboard alone and with screen readers. With every change, automatic checks with axe-core run in a real browser over the public pages and the members' area.
a11y-not-yet = What is not accessible yet?
a11y-not-yet-english = The interface is in German and English, but most texts written by the organisers are in German only; English pages then show them in German, marked as such.
a11y-not-yet-texts = Texts and images come from the organisers themselves. We require image descriptions, but we cannot offer every text in plain language.
a11y-not-yet-venues = Information on the accessibility of venues is based on what the venues say and has not been checked everywhere.
a11y-report = Report a barrier
a11y-report-text = Have you come across a barrier? Write to us. We will answer within six weeks.
a11y-sent = Thank you! Your message has arrived.
a11y-form-message = What does not work?
a11y-form-page = On which page? (optional)
a11y-form-contact = How can we reach you? (email or phone, optional)
a11y-form-send = Send message
a11y-arbitration = Arbitration procedure
a11y-arbitration-text = If you are not satisfied with our answer, you can contact the arbitration board under § 16 BGG (German Disability Equality Act) or the ombudsperson for accessible information technology of the state of North Rhine-Westphalia.
a11y-message-short = Please describe the barrier in a few words (at least 10 characters).
a11y-too-fast = That was very quick – please check what you entered and send the form again.

## Leichte Sprache (German) / Easy read (English)
easy-title = The Kulturportal in easy read
easy-intro = On this website you find culture in Bochum.
easy-culture-is = Culture is for example:
easy-theatre = Theatre
easy-music = Music and concerts
easy-dance = Dance
easy-art = Pictures and exhibitions
easy-readings = People reading from books
easy-films = Films
easy-what = What can you do here?
easy-search = You can look for events.
easy-search-example = A concert is an example of an event.
easy-you-see = You see:
easy-when = When is the event?
easy-where = Where is the event?
easy-cost = How much does it cost to get in?
easy-wheelchair = Can you get in with a wheelchair?
easy-all-events = Here you find all events.
easy-filter = You can also filter.
easy-filter-means = Filter means: you only see what you want.
easy-filter-weekend = For example only events at the weekend.
easy-filter-free = Or only events that are free.
easy-who = Who makes the Kulturportal?
easy-who-people = The Kulturportal is made by the people who make culture in Bochum.
easy-who-example = For example theatres, museums and groups.
easy-who-write = They put their events here themselves.
easy-problem = Something does not work?
easy-write-us = Then write to us.
easy-write-here = You can write to us here.

## Reporting a problem with an event
event-report-title = Report an event
event-report-heading = Report a problem:
event-report-thanks = Thank you! The moderators will take care of it.
event-report-back = Back to the event
event-report-intro = Is something wrong with this event? Tell the moderators. You do not need an account for this.
event-report-reason = What is the problem?
event-report-message = What should we know? (optional)
event-report-send = Send report
event-report-reason-falsch = Information wrong or out of date
event-report-reason-abgesagt = Not taking place
event-report-reason-unangemessen = Inappropriate content
event-report-reason-spam = Advertising or spam
event-report-reason-rechte = Violates rights (image, text)
event-report-reason-sonstiges = Something else
event-report-reason-missing = Please choose a reason.
event-report-message-missing = Please describe briefly what is wrong.
event-report-refused = The report could not be accepted.

## Sharing on Mastodon
share-title = Share on Mastodon
share-intro-before = You will be taken to your instance
share-intro-after = and can edit the post there before you send it.
share-go = Continue to { $host }
share-back = Back
share-instance-missing = Please give the name of your Mastodon instance, e.g. ruhr.social.

## The API page
api-title = Open data: the API
api-lead = Every public event of the Kulturportal as JSON, no key needed for reading. The machine-readable description is at
api-endpoints = Endpoints
api-endpoints-caption = All endpoints of the API
api-method = Method
api-path = Path
api-purpose = Purpose
api-key-needed = Key needed
api-yes = yes
api-no = no
api-examples = Examples
api-example-read = The next music events in Bochum-Ost:
api-example-write = Add or update an event from your own system (your organisation's API key, created under “Members”):
api-more-calendar = More interfaces: every list as a calendar
api-more-rss = as RSS
api-more-atom = and Atom

## Working groups (members)
group-title = Working groups
group-lead = Here the city, institutions and the independent scene work on shared topics. Open working groups are open to all members; you join closed ones once the leads agree.
group-none = No working groups yet.
group-closed-short = closed (by approval)
group-open-short = open
group-members-count = { $count ->
    [one] 1 member
   *[other] { $count } members
}
group-you-lead = You lead it
group-you-member = You are a member
group-you-asked = Your request is pending
group-found = Start a working group
group-name = Name
group-description = What it is about (optional)
group-closed-check = Closed: members join only with the leads' approval
group-found-button = Start
group-closed-long = Closed working group
group-open-long = Open working group
group-requested = Your request is with the leads.
group-ask-to-join = Ask to join
group-join = Join
group-requests = Requests to join
group-admit = Admit
group-decline = Decline
group-threads = Topics
group-threads-none = No topics yet.
group-announcement = Announcement
group-posts-count = { $count ->
    [one] 1 post
   *[other] { $count } posts
}
group-new-thread = New topic
group-thread-title = Title
group-thread-text = Text
group-markdown-hint = Simple formatting with Markdown.
group-announce-check = Email as an announcement to all members
group-open-thread = Start topic
group-meetings = Meetings
group-meetings-none = No meetings planned.
group-meeting-what = What
group-meeting-date = Date
group-meeting-time = Time
group-meeting-place = Place (optional)
group-meeting-add = Add meeting
group-files = Files
group-files-none = No files yet.
group-usage = Storage: { $used } of { $quota } used.
group-delete = Delete
group-file-label = File (at most 10 MB; same name = new version)
group-upload = Upload
group-people = Members
group-lead-role = Lead
group-leave = Leave working group
group-reply = Reply
group-your-post = Your post
group-send = Send
group-deleted-account = deleted account
group-name-length = Please give a name of 3 to 80 characters.
group-email-unconfirmed = Please confirm your email address first.
group-name-taken = A working group with this name already exists.
group-thread-title-short = Please give a title of at least 3 characters.
group-text-empty = Please write something.
group-meeting-title-missing = Please say what kind of meeting it is.
group-meeting-when-missing = Please give a date and time, e.g. 2027-01-14 and 18:00.
group-file-missing = Please choose a file.
group-file-too-big = The file is too large (at most { $max }).
group-last-lead = A working group needs at least one lead. You are its only lead, so you can neither leave nor remove yourself.
group-quota-full = The working group's storage is not enough for this file: { $used } of { $quota } are used, the file has { $size }. The leads can delete older versions.

## Planning calendar (members)
planning-title = Planning
planning-heading = Planning:
planning-lead = All public dates in the city and the dates organisations have reserved (visible to members only) – so that premieres, concerts and festivals do not take each other's audience.
planning-months = Months
planning-prev = ← Previous month
planning-next = Next month →
planning-sparte = Category
planning-all = All
planning-show = Show
planning-caption = public and reserved dates per day
planning-public = public
planning-tentative = reserved
planning-hint = Per day: the number of public events (with a filter: of this category and this district) and of reserved dates; below, the busiest categories. Days with ten or more dates are highlighted.
planning-reserve = Reserve a date
planning-reserve-text = Not public yet, but planned? Reserve the date: other members see it here, and the editor tells them when they plan the same day in your category and your district.
planning-organisation = Organisation
planning-form-title = Title or working title
planning-form-day = Date
planning-form-time = Time (optional)
planning-choose = Please choose
planning-no-district = – none –
planning-form-note = Note for other members (optional)
planning-reserve-button = Reserve
planning-mine = Reserved by your organisations
planning-tentative-count = Reserved ({ $count })
planning-tentative-none = Nothing reserved.
planning-public-count = Public events ({ $count })
planning-none = None.
planning-when = { $date }, { $time }
planning-organisation-missing = Please choose one of your organisations.
planning-title-length = Please give a title or working title of 3 to 120 characters.
planning-day-past = The date is in the past.
planning-day-too-far = You can reserve at most three years ahead.
planning-day-invalid = Please give a date like 05.12.2026.
planning-time-invalid = Please give a time like 19:30 or leave the field empty.
planning-sparte-missing = Please choose a category.
planning-district-unknown = This district does not exist.

## Feedback mail to the admins (web::about)
a11y-mail-subject = Barrier reported (no. { $id })
a11y-mail-heading = Accessibility feedback no. { $id }
a11y-mail-page = Page:
a11y-mail-contact = Contact:
a11y-mail-deadline = Under BITV 2.0 an answer is due within six weeks.
