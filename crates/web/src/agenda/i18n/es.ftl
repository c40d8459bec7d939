## Backbone — mensajes en español de la agenda común. Las claves no cambian; quien traduce cambia solo el texto.

agenda-title = Agenda común
agenda-edit = Editar la agenda
agenda-edit-title = Editar la agenda común
agenda-edit-lead = Al guardar se crea una nueva versión. Las versiones anteriores se guardan y se pueden comparar.
agenda-problem = El problema
agenda-problem-hint = Qué está mal, a quién afecta y cómo lo sabemos.
agenda-vision = Visión compartida
agenda-vision-hint = Cómo será la comunidad cuando lo logremos.
agenda-results = Resultados
agenda-results-hint = Resultados para toda la población, por los que todos trabajamos, cada uno con sus estrategias. Deje un resultado vacío para quitarlo.
agenda-strategies = Estrategias
strategies-hint = Una estrategia por línea.
agenda-reason = Razón del cambio
agenda-reason-hint = Por ejemplo: "Decisión del comité directivo del 12 de mayo", "Los residentes pidieron un enfoque de equidad".
agenda-save = Guardar como nueva versión
result-n = Resultado { $number }
result-title = Resultado
result-description = Qué significa
saved-by = Guardada por { $name } el { $date }
endorsements-none = Ninguna organización aliada ha respaldado esta versión todavía.
endorsed-by = respaldada por { $name } el { $date }
endorsed-by-count = { $count ->
    [0] Ningún respaldo
    [one] 1 respaldo
   *[other] { $count } respaldos
}
endorse = Respaldar esta versión
endorse-for = En nombre de
endorse-note = Nota
endorse-note-hint = Opcional, por ejemplo: "Aprobado por nuestra junta directiva el 3 de marzo".
history-title = Historial de versiones
history-lead = Cada cambio a la agenda común, del más reciente al más antiguo, con quién lo hizo y por qué.
history-back = Volver al historial de versiones
compare = Comparar
compare-from = Versión anterior
compare-to = Versión más reciente
compare-previous = Comparar con la versión anterior
compare-title = Versión { $old } y versión { $new }
compare-choose = Elija dos versiones para comparar.
compare-legend = Las palabras quitadas aparecen tachadas a la izquierda; las palabras agregadas aparecen subrayadas a la derecha.
