# One standard of accountability: the view by organisation and the director's list.
nav-accountability = Accountability
nav-attention = Needs attention
accountability-title = One standard of accountability
accountability-lead = Every organisation on the same yardstick, large and small side by side, grouped by annual budget: the commitments it kept, the meetings it came to, and whether its numbers came in on time.
accountability-since = Look back from
accountability-since-hint = A date, like 2026-01-01. A year back unless you choose.
accountability-window = From { $since } to { $today }.
accountability-how = How this is counted
accountability-how-commitments = Commitments: those due in this time, and those still open. Kept means done by the due date.
accountability-how-meetings = Meetings: those of its tables where one of its people was expected; attended when at least one of them came.
accountability-how-data = Numbers: each indicator with a reporting schedule that it owns or submits for, each period due in this time. On time when first sent by the due date.
accountability-none = No organisations yet.
accountability-data = Numbers submitted
accountability-kept-share = Kept on time
accountability-attended = Came / expected
accountability-attended-share = Attended
accountability-on-time-share = On time
accountability-band-total = All in this band
accountability-resident-led = Resident-led
accountability-late-or-missing = { $count ->
    [one] One period late or missing
   *[other] { $count } periods late or missing
}
accountability-due = due { $date }
accountability-submitted = sent { $date }
timeliness-on_time = On time
timeliness-late = Late
timeliness-missing = Missing
attention-title = Needs attention
attention-lead = What to follow up first: promises slipping, numbers not in, strategies nobody works on, decisions due for another look.
attention-nothing = Nothing needs attention today.
attention-none = None.
attention-overdue = Commitments overdue ({ $count })
attention-at-risk = Commitments at risk ({ $count })
attention-data = Numbers due and not submitted ({ $count })
attention-idle = Strategies with no activity ({ $count })
attention-review = Decisions due for review ({ $count })
attention-review-on = review on { $date }
attention-awaiting = Decisions closed without an outcome ({ $count })
