## Backbone — English messages of tables. Keys are stable; translators change only the text.

total = Total
since = Since
date-format = Use the form YYYY-MM-DD, like 2026-09-01.
demo-shared = Told us about themselves
demo-value-another = Something else
demo-value-not_reported = Not reported
demo-value-shared = Shared
demo-value-not_shared = Did not share
demo-value-resident = Lives in the community
demo-value-non_resident = Lives elsewhere
tables-title = Tables
tables-lead = Where partners and residents meet and work together.
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
suppression-note = Counts come from what members chose to share. To protect privacy, we hide any count from 1 to 4. When needed, we hide one more count too, so no one can work out a hidden count from the total.
composition-as-of = These counts are from { $date }. We update them once { $count ->
    [one] one person has
   *[other] { $count } people have
} joined, left or changed their answers. That way no one can find out one person's answers by comparing.
table-commitments = Commitments made here
table-meetings = This table's meetings
