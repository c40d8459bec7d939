# Table charters.
charter-title = Charter of { $table }
charter-lead = How this table works together: what it values, who does what, how it decides, how it raises conflict. Every version is kept; members endorse the current one as themselves.
charter-link = Charter
charter-version = Version { $n }
charter-adopted = Adopted by { $name } on { $date }
charter-values = Shared values
charter-roles = Roles and expectations
charter-roles-hint = Who chairs and facilitates, what members expect of each other (coming prepared, sending someone who can decide).
charter-decision-making = How we decide
charter-decision-making-hint = For example: by consent unless someone asks for a vote; one vote per organisation on funding.
charter-conflict = How conflict is raised
charter-reason = Why this new version
charter-endorsed-by = { $count ->
    [one] Endorsed by one member
   *[other] Endorsed by { $count } members
}
charter-no-endorsements = Nobody has endorsed it yet.
charter-comment = A word with your endorsement (optional)
charter-endorse = Endorse it
charter-endorse-again = Endorse it again
charter-history = Earlier versions
charter-none = This table has no charter yet.
charter-adopt-first = Write the table's charter
charter-adopt-new = Adopt a new version
