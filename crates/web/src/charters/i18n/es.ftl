# Acuerdos de trabajo de las mesas.
charter-title = Acuerdo de trabajo: { $table }
charter-lead = Cómo trabaja unida esta mesa: lo que valora, quién hace qué, cómo decide y cómo plantea los conflictos. Se guardan todas las versiones; cada miembro respalda la versión actual en su propio nombre.
charter-link = Acuerdo de trabajo
charter-version = Versión { $n }
charter-adopted = Adoptado por { $name } el { $date }
charter-values = Valores compartidos
charter-roles = Funciones y expectativas
charter-roles-hint = Quién preside y quién facilita, qué esperan los miembros unos de otros (venir preparados, enviar a alguien que pueda decidir).
charter-decision-making = Cómo decidimos
charter-decision-making-hint = Por ejemplo: por consentimiento, a menos que alguien pida un voto; un voto por organización en temas de fondos.
charter-conflict = Cómo se plantean los conflictos
charter-reason = Por qué esta nueva versión
charter-endorsed-by = { $count ->
    [one] Respaldado por un miembro
   *[other] Respaldado por { $count } miembros
}
charter-no-endorsements = Nadie lo ha respaldado todavía.
charter-comment = Unas palabras con su respaldo (opcional)
charter-endorse = Respaldarlo
charter-endorse-again = Respaldarlo otra vez
charter-history = Versiones anteriores
charter-none = Esta mesa todavía no tiene acuerdo de trabajo.
charter-adopt-first = Escribir el acuerdo de trabajo de la mesa
charter-adopt-new = Adoptar una nueva versión
