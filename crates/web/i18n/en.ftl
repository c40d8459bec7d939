## Backbone — English messages. Keys are stable; translators change only the text.

skip-to-content = Skip to content
sign-in = Sign in
sign-out = Sign out
nav-label = Initiative sections
nav-home = Overview
nav-agenda = Common agenda
nav-organizations = Partners
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
total = Total
yes = Yes
no = No
now = now
from = From
until = Until
since = Since
role = Role
table = Table
resident = Resident
resident-led = Resident-led
suppressed = under 10
not-shared = Prefer not to say
no-organization = No organisation (resident)
no-result = Not tied to one result
choose-from-list = Choose one of the options in the list.
a-number = Enter a number, like 1.5.
whole-number = Enter a whole number, like 4.
date-format = Use the form YYYY-MM-DD, like 2026-09-01.
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
error-throttled = Too many sign-in attempts. Please wait { $minutes } minutes and try again.

index-title = Initiatives
index-lead = Collective impact initiatives on this Backbone server.
index-none = There is nothing published here yet. Sign in to see the initiatives you take part in.

login-title = Sign in
login-username = Username or e-mail
login-password = Password
login-need-username = Enter your username.
login-need-password = Enter your password.
login-wrong = The username or password is not right.

account-title = Your account
tokens-title = API tokens
tokens-lead = Tokens let a program (for example a data upload script) use the Backbone API as you. Keep them secret; revoke any you no longer use.
token-name = Token name
token-name-hint = What will use it, e.g. "Monthly attendance upload".
token-create = Create token
token-prefix = Starts with
token-last-used = Last used
token-revoked = Revoked
token-revoke = Revoke
token-shown-once = Copy this token now. It will not be shown again.

not-published = Not published: only members can see this initiative.
phase-label = Phases of collective impact
phase-initiating_action = Phase 1: Initiating action
phase-organizing_for_impact = Phase 2: Organizing for impact
phase-sustaining_action = Phase 3: Sustaining action
home-agenda = Common agenda
home-partnership = The partnership
home-preconditions = Readiness
stat-organizations = Partner organisations
stat-sectors = Sectors
stat-resident-led = Resident-led groups
stat-people = People
not-assessed = Not assessed yet
members-count = { $count ->
    [one] 1 member
   *[other] { $count } members
}
preconditionkind-influential_champion = An influential champion
preconditionkind-financial_resources = Adequate financial resources
preconditionkind-urgency_for_change = Urgency for change
readiness = How far is it in place?
readiness-not_yet = Not yet
readiness-emerging = Emerging
readiness-in_place = In place
evidence = Evidence
settings-title = Initiative settings
initiative-name = Name
initiative-description = Description
initiative-phase = Phase
initiative-published = Published: the public can see the overview, the common agenda, partners and tables (never people)

agenda-title = Common agenda
agenda-edit = Edit the agenda
agenda-edit-title = Edit the common agenda
agenda-edit-lead = Saving makes a new version. Earlier versions are kept and can be compared.
agenda-none = No common agenda has been written yet.
agenda-read = Read the common agenda
agenda-version-n = Version { $number }
agenda-problem = The problem
agenda-problem-hint = What is wrong, for whom, and how we know.
agenda-vision = Shared vision
agenda-vision-hint = What the community will look like when we succeed.
agenda-results = Results
agenda-results-hint = Population-level results everyone works toward, each with its strategies. Leave a result empty to remove it.
agenda-strategies = Strategies
strategies-hint = One strategy per line.
agenda-reason = Reason for the change
agenda-reason-hint = For example: "Steering committee decision of 12 May", "Residents asked for an equity focus".
agenda-save = Save as a new version
result-n = Result { $number }
result-title = Result
result-description = What it means
saved-by = Saved by { $name } on { $date }
endorsements-title = Endorsements
endorsements-none = No partner has endorsed this version yet.
endorsed-by = endorsed by { $name } on { $date }
endorsed-by-count = { $count ->
    [0] No endorsements
    [one] 1 endorsement
   *[other] { $count } endorsements
}
endorse = Endorse this version
endorse-for = On behalf of
endorse-note = Note
endorse-note-hint = Optional, e.g. "Approved by our board on 3 March".
history-title = Version history
history-lead = Every change to the common agenda, newest first, with who made it and why.
history-back = Back to the version history
compare = Compare
compare-from = Older version
compare-to = Newer version
compare-previous = Compare with the version before
compare-title = Version { $old } and version { $new }
compare-choose = Choose two versions to compare.
compare-legend = Removed words are struck through on the left; added words are underlined on the right.
unchanged = unchanged

organizations-title = Partner organisations
organizations-lead = { $count } organisations across sectors, from volunteer groups to large providers, held to one standard.
organization-add = Add an organisation
organization-new-title = Add an organisation
organization-edit-title = Edit { $name }
organization-name = Name
organization-sector = Sector
organization-budget = Annual budget
organization-service-area = Service area (ZIP codes)
organization-website = Website
organization-resident-led = Resident-led or grassroots group
website-hint = The full address, starting with https://
service-area-hint = Five-digit ZIP codes separated by commas, e.g. 53205, 53206.
leadership-title = Leadership make-up
leadership-private = Visible only to backbone staff and this organisation.
leadership-hint = Optional and self-reported: the people on your board and senior staff. Only backbone staff and your organisation can see these numbers.
leadership-report = Report our leadership make-up
leadership-total = People in leadership
leadership-poc = People of color
leadership-women = Women
leadership-residents = Live in the community
leadership-lived = Lived experience of the issue
sector-school_district = School district
sector-early_childhood = Early childhood
sector-higher_education = Higher education
sector-health = Health
sector-housing = Housing
sector-business = Business
sector-faith = Faith community
sector-philanthropy = Philanthropy
sector-government = Government
sector-nonprofit = Nonprofit
sector-resident_led = Resident-led group
budgetband-under_100k = Under $100k
budgetband-100k_to_1m = $100k – $1M
budgetband-1m_to_5m = $1M – $5M
budgetband-5m_to_20m = $5M – $20M
budgetband-over_20m = Over $20M

people-title = People
people-lead = { $count } people take part: partner staff and community residents.
person-add = Add a person
person-new-title = Add a person
person-edit-title = Edit { $name }
person-name = Name
person-organization = Organisation
person-title = Job title
person-email = E-mail
person-phone = Phone
person-tables = Tables
person-no-tables = Not at any table yet.
demographics-title = Self-reported demographics
demographics-private = Visible only to backbone staff. Elsewhere these answers appear only in counts, and counts under 10 are hidden.
demographics-hint = Only with the person's permission. They are never shown next to the person's name outside backbone staff.
demographics-consent = The person agreed to share these answers
demo-shared = Shared their demographics
demo-race = Race or ethnicity
demo-gender = Gender
demo-age = Age
demo-language = Primary language
demo-resident = Lives in the community
demo-value-another = Another identity
demo-value-not_reported = Not reported
demo-value-shared = Shared
demo-value-not_shared = Did not share
demo-value-resident = Lives in the community
demo-value-non_resident = Lives elsewhere

tables-title = Tables
tables-lead = Where partners and residents meet: the steering committee, working groups and action networks, and resident tables.
table-add = Add a table
table-new-title = Add a table
table-edit-title = Edit { $name }
table-name = Name
table-kind = Kind of table
table-purpose = Purpose
table-result = Result it works toward
tablekind-steering_committee = Steering committee
tablekind-working_group = Working group
tablekind-action_network = Action network
tablekind-resident_table = Resident table
memberrole-chair = Chair
memberrole-facilitator = Facilitator
memberrole-member = Member
members-now = { $count ->
    [one] 1 person at the table now
   *[other] { $count } people at the table now
}
members-now-caption = Current members
members-past = Past members
member-add = Add a member
member-person = Person
member-end = End membership
member-end-for = End { $name }'s membership
table-who = Who sits at this table
suppression-note = Counts from what members chose to share. To protect privacy, any count under 10 is hidden, and so is one more when needed so hidden counts cannot be worked out from the total.

audit-title = Audit log
audit-lead = Every change, who made it and when, with the record before and after.
audit-when = When
audit-who = Who
audit-what = What
audit-change = Change
audit-show = Show before and after
audit-before = Before
audit-after = After
audit-older = Older entries

access-title = Who has access
access-lead = Everyone who can sign in to this initiative, and what they may do. A data steward acts for one organisation.
access-person = Person
access-username = Username
access-organization = For organisation
access-no-organization = — (only for data stewards)
access-revoke = Remove
access-revoke-for = Remove { $name }'s role
access-add = Give someone access
access-add-lead = Use the username of someone who already has an account, or a new username together with their name and a first password (at least 10 characters) to create their account.
access-display-name = Name (new accounts only)
access-password = First password (new accounts only)
access-need-username = Enter a username.
access-not-yourself = You cannot remove your own staff role. Ask another member of the backbone staff.
role-admin = Backbone staff
role-data_steward = Data steward
role-table_member = Table member
role-resident_member = Resident member

nav-dashboard = Dashboard
nav-data = Data
not-published-short = Not public
dashboard-title = Community dashboard
dashboard-lead = Each result of the common agenda with its indicators: the latest number, which way it is going, and whether it is on track. Counts under 10 are hidden to protect privacy.
dashboard-lead-public = How our community is doing on the results we share, in numbers everyone can check. Numbers about fewer than 10 people are hidden to protect privacy.
dashboard-none = No indicators have been published yet.
dashboard-other = Other indicators
dashboard-performance = Partner program measures
dashboard-performance-hint = How much partners did, how well they did it, and whether anyone is better off.
trend-none = Not enough data for a trend
trend-better = { $count ->
    [one] Better than the year before
   *[other] Better for { $count } periods in a row
}
trend-worse = { $count ->
    [one] Worse than the year before
   *[other] Worse for { $count } periods in a row
}
trend-flat = No change
trackstatus-on_track = On track
trackstatus-off_track = Off track
trackstatus-no_target = No target
trackstatus-no_data = No data
level-population = Population indicator
level-how_much = How much did we do?
level-how_well = How well did we do it?
level-better_off = Is anyone better off?
unit-percent = Percent
unit-rate_per_1000 = Rate per 1,000
unit-count = Count
unit-currency = Dollars
unit-score = Score
direction-up = Higher is better
direction-down = Lower is better
gaptrend-narrowing = Narrowing
gaptrend-widening = Widening
gaptrend-stable = Stable
gaptrend-not_enough_data = Not enough data
view-place = Place
view-places-inside = Places inside { $place }
view-dimension = Break down by
view-show = Show
dimension-none = Everyone together
summary-title = In plain words
summary-no-data = There are no approved numbers for this place yet.
summary-latest = In { $period } the number was { $value }.
summary-baseline-better = That is { $change } better than at the baseline, { $baseline }.
summary-baseline-worse = That is { $change } worse than at the baseline, { $baseline }.
summary-baseline-same = That is about the same as at the baseline, { $baseline }.
summary-target = The target for { $period } is { $value }.
summary-gap = The largest gap: { $group } are { $gap } points behind
summary-gap-reference = { $reference }, the group doing best.
points = { $count } percentage points
summary-gap-narrowing = That gap has been narrowing.
summary-gap-widening = That gap has been widening.
summary-gap-stable = That gap has stayed about the same.
summary-gap-not_enough_data = There is not yet enough data to say whether that gap is changing.
summary-suppressed = Some numbers are hidden because they describe fewer than 10 people, or would let someone work out such a number.
chart-label = Chart of { $name } over time
chart-caption = The line shows the actual numbers; the dashed line where they were heading at the baseline if nothing changed; the diamonds the targets. The same numbers are in the table below.
chart-forecast = Baseline forecast
chart-target = Target
data-table-title = The numbers
data-table-caption = { $name } in { $place }, by period
download-csv = Download CSV
download-sent-title = Numbers already sent
download-sent = { $name }: every number sent, with its status (CSV)
period = Period
everyone = Everyone
group = Group
value = Value
gap = Gap (points)
gap-trend = Gap is
equity-title = Gaps between groups
equity-hint = How far each group is from the best-off group in the latest period with enough data. A positive gap means worse off.
places-title = Places within { $place }
definition-title = How it is measured
numerator = Counted
denominator = Out of
source = Source
direction = Which way is better
baseline = Baseline
data-title = Data
data-lead = Submit your organisation's numbers as a CSV file; check them before anything is saved. Backbone staff review submissions before they appear on dashboards.
data-choose-organization = Choose the organisation the numbers come from.
data-choose-file = Choose a CSV file to upload.
preview-title = Checked: numbers from { $name }
preview-counts = The file has { $rows } rows; { $valid } of them are ready to import.
preview-problems = { $count ->
    [one] 1 row has problems. Nothing has been imported.
   *[other] { $count } rows have problems. Nothing has been imported.
}
preview-errors-caption = Problems, by row and column (row 1 is the header)
preview-rows-caption = The first rows that are ready
row = Row
column = Column
problem = Problem
import-all = Import all { $count } rows
import-choice = Fix the file and upload it again, or import only the rows without problems.
import-valid = Import only the { $count } valid rows
upload-title = Upload a file
upload-hint = One number per row, with the columns
upload-schema = the format described
upload-for = Numbers from
upload-file = CSV file
upload-check = Check the file
review-title = Waiting for review ({ $count })
review-none = Nothing is waiting for review.
review-caption = Submitted numbers waiting for review
review-select = Select
review-select-one = Select { $indicator }, { $period }
review-reason = Reason (when returning)
review-approve = Approve selected
review-return = Return selected
review-choose = Select at least one number to review.
organization = Organisation
indicator = Indicator
place = Place
revision = Revision
notice-reviewed = The review is saved.
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
drafts-title = Drafts
drafts-line = { $name }: { $count ->
    [one] 1 number saved as a draft
   *[other] { $count } numbers saved as drafts
}
drafts-send = Send them for review
import-draft = Save as a draft instead
import-draft-hint = A draft stays with your organisation until you send it for review.
notice-imported-more = { $revised } corrected, { $unchanged } unchanged.

indicator-add = Add an indicator
indicator-edit = Edit the definition
indicator-new-title = Add an indicator
indicator-edit-title = Edit { $name }
indicator-form-lead = Say in plain words what is counted and out of whom, so partners collect it the same way and residents can read it.
indicator-name = Name
indicator-name-hint = As a resident would say it, e.g. "Third graders reading at grade level".
indicator-key = Short key
indicator-key-hint = Used in data files; lower-case letters, digits and hyphens, e.g. third-grade-reading. It cannot change later.
indicator-description = What it tells us
indicator-description-hint = One or two sentences for the public dashboard.
indicator-level = Kind of measure
indicator-serves = Result or strategy it serves
indicator-unit = Unit
indicator-period-kind = Reported by
indicator-owner = Organisation responsible for the data
no-owner = — (none yet)
numerator-hint = Who or what is counted, e.g. "Third graders meeting the standard".
denominator-hint = For a percent, rate, amount or score: out of whom or over whom, e.g. "Third graders tested". Amounts and scores are shown as the average per person.
baseline-hint = The period the trend is measured from, e.g. 2016-17.
indicator-threshold = Hide counts under
indicator-threshold-hint = Small-cell suppression: counts (or denominators) under this number are hidden. 10 is common.
indicator-min-gap-change = Smallest gap change that matters, per year
indicator-min-gap-change-hint = A gap between groups that changes by less than this each year is called stable rather than narrowing or widening. Leave empty for 1 point a year (percentages) or any change (other units).
indicator-targets = Targets
indicator-targets-hint = One per line, period then value, e.g. "2027-28: 60".
targets-format = "{ $line }" should be a period and a value, like 2027-28: 60
indicator-published = Published: show on the public community dashboard
periodkind-school_year = School year
periodkind-calendar_year = Calendar year
periodkind-quarter = Quarter
periodkind-month = Month

setup-link = Places and breakdowns
setup-title = Places and breakdowns
setup-lead = The places numbers are reported for, and the ways they are broken down. Saving a list replaces it whole; numbers already submitted keep their place codes and groups.
setup-save-places = Save the places
setup-save-dimensions = Save the breakdowns
setup-places = Places
setup-places-hint = One per line: code | name | level | parent code. Levels: community, district, zip, tract. The community has no parent.
setup-dimensions = Breakdowns
setup-dimensions-hint = One per line: key | name | values separated by ;
setup-place-line = Line { $line } should be code | name | level | parent, with level community, district, zip or tract: "{ $text }"
setup-dimension-line = Line { $line } should be key | name | values: "{ $text }"
