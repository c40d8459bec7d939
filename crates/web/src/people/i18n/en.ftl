## Backbone — English messages of people. Keys are stable; translators change only the text.

yes = Yes
no = No
now = now
table = Table
not-shared = Prefer not to say
no-organization = No organisation (resident)
people-lead = { $count ->
    [one] One person takes part: partner staff and community residents.
   *[other] { $count } people take part: partner staff and community residents.
}
person-add = Add a person
person-new-title = Add a person
person-edit-title = Edit { $name }
person-title = Job title
person-email = E-mail
person-phone = Phone
person-tables = Tables
person-no-tables = Not at any table yet.
demographics-title = Self-reported demographics
demographics-private = Visible only to backbone staff. Elsewhere these answers appear only in counts, and counts under 10 are hidden.
demographics-hint = Only with the person's permission. They are never shown next to the person's name outside backbone staff.
demographics-consent = The person agreed to share these answers
demo-age = Age
demo-language = Primary language
person-account = Sign-in
person-account-hint = The account this person signs in with, so that they vote, take part and commit as themselves.
person-account-label = Account
person-no-account = No account
