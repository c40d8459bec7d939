## Unirse a una mesa: cuándo se reúne, cómo unirse, a quién preguntar; pedir unirse; las respuestas del equipo.
joining-title = Únase a esta mesa
joining-legend = Cómo los residentes encuentran esta mesa y se unen (lo ven todos)
joining-meets = Cuándo se reúne
joining-meets-hint = En palabras sencillas: día, hora, lugar y lo que ayuda a venir (interpretación, cuidado de niños, una comida).
joining-how = Cómo unirse
joining-how-hint = Quién puede unirse, qué se pide a los miembros, qué se ofrece.
joining-contact = A quién preguntar
joining-contact-name = Nombre del contacto
joining-contact-email = Correo del contacto
joining-contact-email-hint = Lo ven todos: es mejor una dirección compartida.
joining-welcomes = Cualquier persona puede pedir unirse desde la página de la mesa
joining-ask = Pedir unirse a esta mesa
joining-form-title = Pedir unirse a { $table }
joining-form-lead = Díganos quién es y cómo encontrarle. Alguien del equipo le llamará o escribirá, en su idioma, sobre la próxima reunión.
joining-name = Su nombre
joining-email = Su correo electrónico
joining-reach-hint = Un correo o un teléfono, para poder responderle.
joining-phone = Su teléfono
joining-neighborhood = Su barrio
joining-message = Algo que quiera contarnos
joining-message-hint = Por qué quiere unirse, o qué necesita para venir: interpretación, cuidado de niños, transporte.
joining-private = Solo el equipo lo ve. No lo compartimos.
joining-send = Enviar mi pedido
joining-too-many = Llegaron varios pedidos desde aquí en la última hora. Espere un poco y envíelo otra vez.
notice-join-received = Gracias. Recibimos su pedido y le contactaremos pronto.
joining-requests-title = Pedidos para unirse
joining-requests-lead = Personas que pidieron un lugar en una mesa. Deles la bienvenida (tendrán su lugar en la mesa desde hoy) o diga por qué no, y contáctelas en su idioma.
joining-waiting = { $count ->
    [0] Ningún pedido en espera
    [one] Un pedido en espera
   *[other] { $count } pedidos en espera
}
joining-note = Nota (para rechazar: por qué)
joining-welcome = Dar la bienvenida a la mesa
joining-welcome-for = Dar la bienvenida a { $name } a la mesa
joining-decline = Rechazar
joining-decline-for = Rechazar el pedido de { $name }
joining-answered = Respondidos
joining-answer = Respuesta
joining-status-waiting = En espera
joining-status-welcomed = Bienvenida
joining-status-declined = Rechazado
joining-language-en = escribe en inglés
joining-language-es = escribe en español
