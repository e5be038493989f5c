# The portal's newsletter: the sign-up page and the admins' desk.
newsletter-title = The Kulturportal's newsletter
newsletter-lead = Once a week the best of Bochum's culture – from the big houses to the small collectives. Choose what interests you.
newsletter-privacy = We store only your address, your choice and the proof of your consent; every issue has a link to unsubscribe with one click.
newsletter-privacy-link = More on privacy
newsletter-sparten = Sparten you are interested in
newsletter-all-hint = Without a choice you get everything.
newsletter-districts = Districts
newsletter-order = Subscribe to the newsletter
newsletter-email-invalid = Please enter a valid e-mail address, e.g. name@example.org.
newsletter-too-fast = That was very quick – please check what you entered and send the form again.
newsletter-done-heading = Almost done: please confirm your address
newsletter-done-text = We have sent you an e-mail with a confirmation link. Only when you click it will you get the newsletter. If nothing arrives, please look in your spam folder.
newsletter-to-calendar = To the events calendar
newsletter-why = You get this e-mail because you subscribed to the newsletter of the Kulturportal Bochum.
newsletter-admin-title = Newsletter
newsletter-subscribers = { $count ->
    [0] Nobody has confirmed the newsletter yet.
    [one] One confirmed address gets the newsletter.
   *[other] { $count } confirmed addresses get the newsletter.
}
newsletter-signup-page = To the sign-up page
newsletter-issues = Issues
newsletter-no-issues = No issue yet.
newsletter-new = New issue
newsletter-subject = Subject
newsletter-body = Text
newsletter-body-hint = Markdown: **bold**, *italic*, [link text](https://…), lists with “- ”, subheadings with “## ”.
newsletter-for-sparten = For subscribers of these Sparten
newsletter-for-hint = Without a choice the issue goes to everyone. Subscribers who chose nothing get every issue.
newsletter-for-districts = For these districts
newsletter-create = Save as draft
newsletter-insert-tips = Insert the week's tips
newsletter-tips-heading = Tips for the next seven days
newsletter-issue-title = Newsletter issue
newsletter-back = Back to all issues
newsletter-state = State
newsletter-state-draft = draft
newsletter-state-scheduled = scheduled
newsletter-state-sending = being sent
newsletter-state-done = sent
newsletter-reach = Recipients
newsletter-reach-count = { $count ->
    [0] no address (nobody with a matching choice)
    [one] one address
   *[other] { $count } addresses
}
newsletter-progress-label = Sending
newsletter-progress = { $sent } sent, { $pending } waiting, { $skipped } skipped, { $failed } failed
newsletter-preview = Preview
newsletter-edit = Edit and send
newsletter-save = Save
newsletter-test = Test mail to me
newsletter-time = Time for the scheduled sending
newsletter-time-hint = Date and time (Bochum time). Until then you can take the sending back.
newsletter-schedule = Schedule sending
newsletter-send-now = { $count ->
    [one] Send to one address now
   *[other] Send to { $count } addresses now
}
newsletter-unschedule = Take the schedule back (draft again)
newsletter-not-editable = This issue is no longer a draft and cannot be changed.
newsletter-subject-missing = Please enter a subject.
newsletter-subject-too-long = The subject may be at most 200 characters long.
newsletter-body-missing = Please write a text.
newsletter-body-too-long = The text may be at most 50,000 characters long.
newsletter-not-a-draft = This issue is no longer a draft.
newsletter-in-the-past = This time is in the past. Please choose a later one.
newsletter-time-invalid = Please enter date and time, e.g. 10/12/2026, 09:00.
newsletter-saved = Saved.
newsletter-test-sent = The test mail to { $email } is on its way.
newsletter-test-failed = The test mail could not be sent: the mail server did not accept it. Please try again later.
newsletter-sending = Sending has begun.
newsletter-scheduled = The sending is scheduled.
newsletter-unscheduled = The schedule is taken back; the issue is a draft again.
