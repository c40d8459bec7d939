## Backbone — English messages of what every page shares. Keys are stable; translators change only the text.

skip-to-content = Skip to content
sign-in = Sign in
sign-out = Sign out
nav-label = Initiative sections
nav-home = Overview
nav-agenda = Common agenda
nav-organizations = Partners
nav-feedback = Messages
nav-network = Network
nav-people = People
nav-tables = Tables
nav-audit = Audit log
nav-access = Access
nav-settings = Settings
footer = Backbone — open-source software for collective impact. Counts of fewer than 10 people are hidden to protect privacy.
required = (required)
save = Save
cancel = Cancel
edit = Edit
actions = Actions
created = Created
current = Current
from = From
until = Until
role = Role
resident = Resident
suppressed = hidden
no-result = Not tied to one result
choose-from-list = Choose one of the options in the list.
whole-number = Enter a whole number, like 4.
form-has-errors = Some answers need attention. Each problem is shown next to its field.
back-home = Back to the start page
notice-saved = Saved.
notice-created = Added.
notice-endorsed = Thank you — your endorsement is recorded.
notice-signed-in = You are signed in.
notice-member-added = The member was added to the table.
notice-member-ended = The membership was ended. It stays in the table's history.
notice-token-revoked = The token was revoked and no longer works.
error-title = Something is not right
error-title-401 = Please sign in
error-title-403 = Not allowed
error-title-404 = Page not found
error-not-found = We could not find that page. It may have moved, or you may need to sign in to see it.
error-sign-in = Please sign in to see this page. Some pages are only for people who take part in the initiative.
error-forbidden = Your role in this initiative does not allow this. Ask the backbone staff if you need access.
error-csrf = This form expired or did not come from this site. Go back, reload the page and try again.
error-internal = Something went wrong on our side. Please try again; if it keeps happening, tell the backbone staff.
error-throttled = Too many sign-in attempts from here. { $seconds ->
    [one] Please wait a second and try again.
   *[other] Please wait { $seconds } seconds and try again.
}
token-revoked = Revoked
members-count = { $count ->
    [one] 1 member
   *[other] { $count } members
}
initiative-name = Name
agenda-none = No common agenda has been written yet.
agenda-version-n = Version { $number }
endorsements-title = Endorsements
unchanged = unchanged
people-title = People
person-name = Name
person-organization = Organisation
demo-race = Race or ethnicity
demo-gender = Gender
demo-resident = Lives in the community
demo-lived = Lived experience of what we work on
nav-dashboard = Dashboard
nav-data = Data
gap = Gap (points)
row = Row
notice-reviewed = The review is saved.
notice-voted = Your vote is counted. You can change it until the decision closes.
notice-decided = The outcome is recorded.
notice-following = You follow this indicator: its new numbers show in your feed.
notice-unfollowed = You no longer follow this indicator.
notice-imported = { $added ->
    [one] 1 new number imported and sent for review.
   *[other] { $added } new numbers imported and sent for review.
}
notice-drafted = { $added ->
    [one] 1 new number saved as a draft.
   *[other] { $added } new numbers saved as drafts.
} Nobody reviews drafts until you send them.
notice-drafts-sent = { $count ->
    [one] 1 draft sent for review.
   *[other] { $count } drafts sent for review.
}
notice-drafts-kept = { $count ->
    [one] 1 number differs from one already sent for review and was left as it is
   *[other] { $count } numbers differ from ones already sent for review and were left as they are
}: a draft never replaces a number under review or published. To correct them, import the file without saving it as a draft.
drafts-line = { $name }: { $count ->
    [one] 1 number saved as a draft
   *[other] { $count } numbers saved as drafts
}
notice-imported-more = { $revised } corrected, { $unchanged } unchanged.

# The language a page is in, named in that language (for the switcher).
language-name = English

# Dates: the names of days and months, and how a long date reads.
date-long = { $weekday } { $day } { $month } { $year }, { $time }
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-short = { $day } { $month } { $year }
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
