## Joining a table: when it meets, how to join, whom to ask; asking to join; staff's answers.
joining-title = Join this table
joining-legend = How residents find and join this table (shown to everyone)
joining-meets = When it meets
joining-meets-hint = In plain words: day, time, place, and what helps people come (interpretation, child care, a meal).
joining-how = How to join
joining-how-hint = Who may join, what it asks of members, what it offers.
joining-contact = Whom to ask
joining-contact-name = Contact name
joining-contact-email = Contact e-mail
joining-contact-email-hint = Shown to everyone: a shared address is best.
joining-welcomes = Anyone may ask to join from the table's page
joining-ask = Ask to join this table
joining-form-title = Ask to join { $table }
joining-form-lead = Tell us who you are and how to reach you. Someone from the team will call or write to you, in your language, about the next meeting.
joining-name = Your name
joining-email = Your e-mail
joining-reach-hint = An e-mail or a phone number, so we can answer you.
joining-phone = Your phone
joining-neighborhood = Your neighborhood
joining-message = Anything you want us to know
joining-message-hint = Why you want to join, or what you need to come: interpretation, child care, a ride.
joining-private = Only the backbone team sees this. We do not share it.
joining-send = Send my request
joining-too-many = Several requests came from here in the last hour. Please wait a little and send again.
notice-join-received = Thank you. We got your request and will contact you soon.
joining-requests-title = Requests to join
joining-requests-lead = People who asked for a seat at a table. Welcome them (they get a seat at the table from today) or say why not, and get in touch in their language.
joining-waiting = { $count ->
    [0] No request waiting
    [one] One request waiting
   *[other] { $count } requests waiting
}
joining-note = Note (needed to decline: why)
joining-welcome = Welcome to the table
joining-welcome-for = Welcome { $name } to the table
joining-decline = Decline
joining-decline-for = Decline the request of { $name }
joining-answered = Answered
joining-answer = Answer
joining-status-waiting = Waiting
joining-status-welcomed = Welcomed
joining-status-declined = Declined
joining-language-en = writes in English
joining-language-es = writes in Spanish
