# The social-media desk (/redaktion/sozial).
social-not-allowed = The social-media plan is kept by the magazine's editors.
social-own-approval = Nobody approves their own post: please have another editor review it.
social-wrong-state = This is not possible (any more) in the post's current state. Please reload the page.
social-subject-missing = Please give the address of an event (/veranstaltungen/…) or a magazine article (/magazin/…).
social-subject-unknown = There is no published event and no approved article at this address.
social-hashtag-invalid = “{ $tag }” is not a hashtag: letters, digits and underscores only.
social-hashtags-many = At most { $max } hashtags, please leave out what is not needed.
social-too-long = The text for { $channel } is { $over } characters too long: at most { $limit } characters including link and hashtags.
social-text-missing = Please write the text for at least one channel.
social-date-missing = Please give the day the post should appear (DD.MM.YYYY).
social-time-missing = Please give the time (e.g. 18:00).
social-reason-missing = Please say briefly why the post goes back (at most 600 characters).
orgs-social-pictures = Pictures for social media
orgs-social-pictures-hint = For your coming events: the event's picture (or its venue's) with title, date and place, square for posts and upright for stories. Please post it with an alt text.
orgs-social-pictures-none = Your organisation has no coming published events at the moment.
orgs-social-format-quadrat = Square (1080 × 1080)
orgs-social-format-story = Story (1080 × 1920)
