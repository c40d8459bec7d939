## Representation: who is and is not at every table, against the community.
representation-title = Who is at our tables
representation-link = How this table compares with the community
representation-lead = Each table's members, from what they chose to share, beside the people of the community it serves. A table that looks like its community hears from all of it.
representation-no-community = There are no community numbers yet to compare with. Backbone staff can add them from census tables.
representation-place = Compare with
representation-compare = Compare
representation-against = Compared with the people of { $place }.
representation-source = Source: { $source }.
representation-how = The ratio is the group's share of the table divided by its share of the community: 1 is a fair share. Below 0.8 the table has fewer than the community; above 1.25, more. Small counts are hidden, and so is anything worked out from them.
representation-table-summary = { $count ->
    [one] One member, counted on { $date }.
   *[other] { $count } members, counted on { $date }.
}
representation-fewer = Fewer here than in the community: { $groups }.
representation-group = Group
representation-at-table = At the table
representation-table-share = Share of the table
representation-community-share = Share of the community
representation-ratio = Ratio
representation-standing = Compared with the community
representation-trend = Since the first count
representation-not-answered = { $count ->
    [0] Every member answered.
    [one] One member did not answer; shares are of all members.
   *[other] { $count } members did not answer; shares are of all members.
}
representation-not-answered-hidden = A few members did not answer; shares are of all members.
representation-share-margin = { $share } (± { $margin } points)
voice-title = Voice in the last 12 months, by kind of organisation
voice-attended = Came to meetings
voice-votes = Votes cast
voice-lead-standing = Items led, against seats
voice-ratio = { $standing } ({ $ratio })
voice-quarters = Grassroots groups and residents, quarter by quarter
voice-quarter = Quarter
voice-how = Voice counts who came, who led agenda items and who voted in decisions that were not anonymous, for the organisation each person sits for. A ratio of 1 means a voice in proportion to the seats held.
representation-kind = Kind of organisation
representation-organizations = Organisations
representation-seats = Seats
representation-leads = Agenda items led
percent = { $value }%
standing-under = Fewer
standing-even = About even
standing-over = More
standing-hidden = Hidden
gap-closing = Gap closing ({ $points } points)
gap-widening = Gap growing ({ $points } points)
gap-steady = About the same ({ $points } points)
gap-unknown = Not enough counts yet
orgkind-grassroots = Grassroots (resident-led, or under $100k)
orgkind-small = Small ($100k to $1M)
orgkind-mid_size = Mid-size ($1M to $5M)
orgkind-large = Large (over $5M)
orgkind-residents = Residents for themselves
## The community's composition, recorded by staff.
community-link = Community numbers
community-title = The community's numbers
community-lead = How many people of each group live in each place, from census tables such as the American Community Survey. Each time you add numbers for a place and a question, they replace the ones before. The old ones are kept.
community-current = Numbers in use
community-none = None yet.
community-place = Place
community-facet = Question
community-estimate = People
community-margin = Margin of error
community-margin-for = Margin of error for { $group }
community-universe = Total people
community-universe-hint = The total of the census table, such as "Total population".
community-file-title = Add numbers from a file
community-file-hint = A CSV file with one group per row, and these columns. Leave the margin of error empty if there is none.
community-choose-file = Choose a CSV file
community-csv = Or paste the file here
community-csv-hint = The first line names the columns.
community-source = Where the numbers come from
community-source-hint = For example: ACS 2019-2023 5-year estimates, table B03002.
community-source-needed = Say where the numbers come from.
community-record = Save the numbers
community-hand-title = Type numbers in
community-choose-facet = Show its groups
community-groups = People in each group (leave a group empty to skip it)
community-history = Every time numbers were added
community-history-line = { $date }: { $source }, by { $who } ({ $count } numbers)
community-file-problems = { $count ->
    [one] The file has one problem. Nothing was saved.
   *[other] The file has { $count } problems. Nothing was saved.
}
community-row-problem = Row { $row }: { $reason }
community-cell-problem = Row { $row }, column { $column }: { $reason }
