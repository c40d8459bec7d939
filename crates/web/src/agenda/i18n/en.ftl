## Backbone — English messages of the common agenda. Keys are stable; translators change only the text.

agenda-title = Common agenda
agenda-edit = Edit the agenda
agenda-edit-title = Edit the common agenda
agenda-edit-lead = Saving makes a new version. Earlier versions are kept and can be compared.
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
