## Notifications and mails from moderation, reports, venues, organisations and working groups

notice-hello-name = Hello { $name },
notice-thanks = Thank you!
notice-signature = Your Kulturportal Bochum

## Decisions of the moderation
notice-event-approved-subject = Approved: { $title }
notice-event-approved = The moderators have approved your event “{ $title }”. It is now in the calendar:
notice-event-refused-subject = Not approved: { $title }
notice-event-refused = The moderators have not approved your event “{ $title }”. Their reason:
notice-event-refused-resubmit = You can correct the details and submit the event again.
notice-venue-change-accepted-subject = Accepted: your changes to “{ $venue }”
notice-venue-change-accepted = The moderators have accepted your changes to the address and accessibility of “{ $venue }”. They are now public:
notice-venue-change-refused-subject = Not accepted: your changes to “{ $venue }”
notice-venue-change-refused = The moderators have not accepted your changes to the address and accessibility of “{ $venue }”.
notice-venue-change-reason = Reason: { $reason }
notice-venue-change-correct = You can correct the details here:
notice-application-approved-subject = Your application has been accepted
notice-application-refused-subject = Your application has not been accepted
notice-application-joined = You are now on the editorial team of “{ $org }” and can add events.
notice-application-created = The organisation “{ $org }” has been created; you are responsible for it and can invite further members.
notice-application-refused = Unfortunately your application has not been accepted. If you have any questions, simply reply to this message.

## To the moderators
notice-review-subject = For review: { $title }
notice-review-text = The event “{ $title }” is waiting for review.
notice-report-subject = Report on “{ $title }”
notice-report-text = A report has come in about the event “{ $title }”.
notice-venue-proposed-subject = Change proposed: { $venue }
notice-venue-proposed-text = Changes to the address or accessibility of “{ $venue }” have been proposed.
notice-application-subject = New application from a member
notice-application-text = A member would like to create an organisation or join one.

## Invitations to an organisation
notice-invite-subject = Invitation: { $org }
notice-invite-text = { $inviter } invites you to work on “{ $org }” on the Kulturportal Bochum (role: { $role }).
notice-invite-link = Accept the invitation with this link (valid for 14 days); if you do not have an account yet, create one first:
notice-invite-ignore = If this means nothing to you, ignore this message.

## Working groups
notice-group-request-subject = Request to join: { $group }
notice-group-request-text = Someone would like to join the working group “{ $group }”. You can answer requests here:
notice-group-announcement-subject = { $group }: { $title }
notice-group-announcement-text = There is an announcement in the working group “{ $group }”: “{ $title }”.
notice-group-read = Read it:

