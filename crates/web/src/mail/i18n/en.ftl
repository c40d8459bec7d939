# E-mail: digests and unsubscribing.
mail-digest-subject = { $initiative }: { $count ->
    [one] one thing for you
   *[other] { $count } things for you
}
mail-digest-hello = Hello { $name }, here is what happened that concerns you:
mail-digest-more = Everything, and your settings:
mail-digest-unsubscribe = To stop these e-mails, open this link (one click, no sign-in):
mail-digest = E-mail me a digest
mail-digest-choose = Save
mail-no-person = Your sign-in is not linked to a person of this initiative yet; ask the backbone staff to link it.
digestfrequency-never = Never
digestfrequency-daily = Every day
digestfrequency-weekly = Every week
mail-unsubscribe-title = Stop e-mails
mail-unsubscribe-lead = You will get no more digests from Backbone. You can choose them again on the Feed page.
mail-unsubscribe-button = Stop my e-mails
mail-unsubscribed = Done, { $name }: no more digests.
mail-digest-language = Digests are written in the language of this page.
mail-log-title = E-mail log
mail-log-lead = Every digest Backbone sent or tried to send for this initiative, newest first. Without an SMTP server, messages go to the server's log and are marked so here.
mail-log-empty = No e-mail yet: nobody has asked for a digest, or nothing has happened since.
mail-log-when = When
mail-log-to = To
mail-log-subject = Subject
mail-log-status = What happened
mail-status-sent = Sent
mail-status-logged = Written to the server's log
mail-status-failed = Failed
nav-mail = E-mail log
