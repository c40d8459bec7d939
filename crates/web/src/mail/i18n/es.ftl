# Correo electrónico: resúmenes y cancelar la suscripción.
mail-digest-subject = { $initiative }: { $count ->
    [one] un aviso para usted
   *[other] { $count } avisos para usted
}
mail-digest-hello = Hola, { $name }. Esto es lo que pasó y que tiene que ver con usted:
mail-digest-more = Todo, y sus opciones:
mail-digest-unsubscribe = Para dejar de recibir estos correos, abra este enlace (un solo clic, sin iniciar sesión):
mail-digest = Enviarme un resumen por correo electrónico
mail-digest-choose = Guardar
mail-no-person = Su cuenta todavía no está vinculada a una persona de esta iniciativa; pida al equipo de apoyo (backbone) que la vincule.
digestfrequency-never = Nunca
digestfrequency-daily = Todos los días
digestfrequency-weekly = Cada semana
mail-unsubscribe-title = Dejar de recibir correos
mail-unsubscribe-lead = Ya no recibirá más resúmenes de Backbone. Puede volver a elegirlos en la página de Novedades.
mail-unsubscribe-button = Dejar de recibir mis correos
mail-unsubscribed = Listo, { $name }: no recibirá más resúmenes.
mail-digest-language = Los resúmenes se escriben en el idioma de esta página.
mail-log-title = Registro de correos
mail-log-lead = Cada resumen que Backbone envió o intentó enviar para esta iniciativa, del más reciente al más antiguo. Sin un servidor SMTP, los mensajes se escriben en el registro del servidor y aquí se marcan así.
mail-log-empty = Todavía no hay correos: nadie ha pedido un resumen, o no ha pasado nada desde entonces.
mail-log-when = Cuándo
mail-log-to = Para
mail-log-subject = Asunto
mail-log-status = Qué pasó
mail-status-sent = Enviado
mail-status-logged = Escrito en el registro del servidor
mail-status-failed = Falló
nav-mail = Registro de correos
