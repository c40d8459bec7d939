## Backbone — mensajes en español de las mesas. Las claves no cambian; quien traduce cambia solo el texto.

total = Total
since = Desde
date-format = Use la forma AAAA-MM-DD (año-mes-día), por ejemplo 2026-09-01.
demo-shared = Compartieron sus datos
demo-value-another = Otra respuesta
demo-value-not_reported = Sin informar
demo-value-shared = Los compartieron
demo-value-not_shared = No los compartieron
demo-value-resident = Viven en la comunidad
demo-value-non_resident = Viven en otro lugar
tables-title = Mesas
tables-lead = Donde las organizaciones aliadas y los residentes se reúnen y trabajan juntos.
table-add = Agregar una mesa
table-new-title = Agregar una mesa
table-edit-title = Editar { $name }
table-name = Nombre
table-kind = Tipo de mesa
table-purpose = Propósito
table-result = Resultado por el que trabaja
tablekind-steering_committee = Comité directivo
tablekind-working_group = Grupo de trabajo
tablekind-action_network = Red de acción
tablekind-resident_table = Mesa de Residentes
memberrole-chair = Presidencia
memberrole-facilitator = Facilitación
memberrole-member = Miembro
members-now = { $count ->
    [one] 1 persona en la mesa ahora
   *[other] { $count } personas en la mesa ahora
}
members-now-caption = Miembros actuales
members-past = Miembros anteriores
member-add = Agregar un miembro
member-person = Persona
member-end = Terminar la membresía
member-end-for = Terminar la membresía de { $name }
table-who = Quiénes participan en esta mesa
suppression-note = Los conteos vienen de lo que los miembros decidieron compartir. Para proteger la privacidad, se oculta todo conteo de 1 a 4. Cuando hace falta, también se oculta un conteo más, para que nadie pueda calcular los conteos ocultos a partir del total.
composition-as-of = Estos conteos son del { $date }. Se actualizan una vez que { $count ->
    [one] una persona haya
   *[other] { $count } personas hayan
} entrado, salido o cambiado sus respuestas, para que nadie pueda descubrir las respuestas de una sola persona al comparar.
table-commitments = Compromisos hechos aquí
table-meetings = Reuniones de esta mesa
