## You said, we did: what people say about the published numbers, and the answers.
feedback-title = Your view of { $indicator }
feedback-ask = Does this number match what you see?
feedback-lead = Tell us if the number matches what you and your neighbours live, and what it misses. You do not need to give your name. Staff read every message before it is shown here.
feedback-link = Does this number match what you see? Tell us
feedback-matches = Does it match?
feedback-matches-yes = Yes, it matches
feedback-matches-partly = Partly
feedback-matches-no = No, it does not
feedback-comment = What do you see?
feedback-comment-hint = What the number does not show: a waiting list, a school that lost a program, a street where things are better.
feedback-name = Your name
feedback-name-hint = Leave it empty to stay anonymous.
feedback-contact = Your e-mail
feedback-contact-hint = Only if you want an answer from us. Only staff see it.
feedback-send = Send
feedback-too-many = You sent several messages in the last hour. Please wait a little and send again.
feedback-said-title = You said, we did
feedback-none = Nobody has written about this number yet.
feedback-you-said = You said:
feedback-we-did = { $by } answered:
feedback-no-answer = Not answered yet.
feedback-anonymous = Anonymous
feedback-queue-title = Messages about our numbers
feedback-queue-lead = What people said about the published numbers. Read each one before it is shown beside its number; the owner of the number answers in public.
feedback-waiting = { $count ->
    [0] Nothing waiting to be read
    [one] One message waiting to be read
   *[other] { $count } messages waiting to be read
}
feedback-note = Note (needed to decline: why)
feedback-publish = Show it
feedback-decline = Do not show it
feedback-nothing-shown = No message about your numbers is shown yet.
feedback-shown = Shown beside the numbers
feedback-answer = Our answer: what we heard and what we did
feedback-answer-send = Answer in public
feedback-declined = Not shown
notice-feedback-received = Thank you. Staff read every message before it is shown.
