## Backbone — English messages of the audit log. Keys are stable; translators change only the text.

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
