translations-title = Translations
translations-lead = Write the initiative's own words in English and Spanish: its agenda, its indicators and its tables. A text nobody has translated is shown as written, with a mark.
content-language = Our texts are written in
content-language-hint = Readers of this language see the texts as written. Readers of the other see the translations below.
content-language-en = English
content-language-es = Spanish
translations-same-language = Choose the language to translate into from the link at the top of the page.
translations-into = Translations into { $language }
translations-standing = { $missing ->
    [one] 1 text has no translation
   *[other] { $missing } texts have no translation
}; { $outdated ->
    [one] 1 was made from an earlier text.
   *[other] { $outdated } were made from an earlier text.
}
translations-none = There is nothing to translate yet.
translation-missing = Not translated
translation-outdated = The original changed
translation-made-from = Translated from: “{ $text }”
content-not-translated = Not translated yet: shown as written.
content-translation-outdated = The original text changed after this translation.
translations-link = Translate our texts
subject-initiative = Initiative
subject-agenda = Common agenda
subject-result = Result
subject-strategy = Strategy
subject-indicator = Indicator
subject-table = Table
textfield-name = name
textfield-description = description
textfield-problem_statement = the problem
textfield-shared_vision = shared vision
textfield-title = title
textfield-purpose = purpose
textfield-meets = when it meets
textfield-how_to_join = how to join
translations-save = Save the translations
