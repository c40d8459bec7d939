# Una sola medida de rendición de cuentas: la vista por organización y la lista de la directora o el director.
nav-accountability = Rendición de cuentas
nav-attention = Requiere atención
accountability-title = Una sola medida de rendición de cuentas
accountability-lead = Todas las organizaciones se miden con la misma vara, las grandes y las pequeñas lado a lado, agrupadas por presupuesto anual: los compromisos que cumplieron, las reuniones a las que asistieron y si sus números llegaron a tiempo.
accountability-since = Mirar hacia atrás desde
accountability-since-hint = Una fecha, por ejemplo 2026-01-01. Si no elige una, se muestra el último año.
accountability-window = Del { $since } al { $today }.
accountability-how = Cómo se cuenta
accountability-how-commitments = Compromisos: los que vencen en este tiempo y los que siguen abiertos. Cumplido quiere decir hecho para la fecha de vencimiento.
accountability-how-meetings = Reuniones: las de sus mesas en las que se esperaba a una de sus personas. Cuenta como asistida cuando vino al menos una de ellas.
accountability-how-data = Números: cada indicador con un calendario de reportes que la organización tiene a su cargo o para el que envía datos, y cada período que vence en este tiempo. A tiempo quiere decir que se envió por primera vez antes de la fecha de vencimiento.
accountability-none = Todavía no hay organizaciones.
accountability-data = Números enviados
accountability-kept-share = Cumplidos a tiempo
accountability-attended = Vinieron / se esperaban
accountability-attended-share = Asistencia
accountability-on-time-share = A tiempo
accountability-band-total = Todas en este rango
accountability-resident-led = Dirigida por residentes
accountability-late-or-missing = { $count ->
    [one] Un período atrasado o sin enviar
   *[other] { $count } períodos atrasados o sin enviar
}
accountability-due = vence el { $date }
accountability-submitted = enviado el { $date }
timeliness-on_time = A tiempo
timeliness-late = Atrasado
timeliness-missing = Sin enviar
attention-title = Requiere atención
attention-lead = Qué revisar primero: promesas que se atrasan, números que no han llegado, estrategias en las que nadie trabaja y decisiones que toca volver a revisar.
attention-nothing = Hoy nada requiere atención.
attention-none = No hay.
attention-overdue = Compromisos vencidos ({ $count })
attention-at-risk = Compromisos en riesgo ({ $count })
attention-data = Números que ya vencieron y no se han enviado ({ $count })
attention-idle = Estrategias sin actividad ({ $count })
attention-review = Decisiones que toca revisar ({ $count })
attention-review-on = revisión el { $date }
attention-awaiting = Decisiones cerradas sin resultado ({ $count })
