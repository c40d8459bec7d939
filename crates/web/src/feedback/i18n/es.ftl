## Ustedes dijeron, nosotros hicimos: lo que la gente dice de los números publicados, y las respuestas.
feedback-title = Su opinión sobre { $indicator }
feedback-ask = ¿Este número coincide con lo que usted ve?
feedback-lead = Díganos si el número coincide con lo que usted y sus vecinos viven, y qué le falta. No tiene que dar su nombre. El equipo lee cada mensaje antes de mostrarlo aquí.
feedback-link = ¿Este número coincide con lo que usted ve? Díganos
feedback-matches = ¿Coincide?
feedback-matches-yes = Sí, coincide
feedback-matches-partly = En parte
feedback-matches-no = No, no coincide
feedback-comment = ¿Qué ve usted?
feedback-comment-hint = Lo que el número no muestra: una lista de espera, una escuela que perdió un programa, una calle donde las cosas van mejor.
feedback-name = Su nombre
feedback-name-hint = Déjelo vacío para que sea anónimo.
feedback-contact = Su correo electrónico
feedback-contact-hint = Solo si quiere una respuesta. Solo el equipo lo ve.
feedback-send = Enviar
feedback-too-many = Usted envió varios mensajes en la última hora. Espere un poco y vuelva a enviarlo.
feedback-said-title = Ustedes dijeron, nosotros hicimos
feedback-none = Nadie ha escrito sobre este número todavía.
feedback-you-said = Ustedes dijeron:
feedback-we-did = { $by } respondió:
feedback-no-answer = Todavía sin respuesta.
feedback-anonymous = Anónimo
feedback-queue-title = Mensajes sobre nuestros números
feedback-queue-lead = Lo que la gente dijo de los números publicados. Lea cada uno antes de mostrarlo junto a su número; quien es responsable del número responde en público.
feedback-waiting = { $count ->
    [0] Nada por leer
    [one] Un mensaje por leer
   *[other] { $count } mensajes por leer
}
feedback-note = Nota (necesaria para no mostrarlo: por qué)
feedback-publish = Mostrarlo
feedback-decline = No mostrarlo
feedback-nothing-shown = Todavía no se muestra ningún mensaje sobre sus números.
feedback-shown = Mostrados junto a los números
feedback-answer = Nuestra respuesta: lo que escuchamos y lo que hicimos
feedback-answer-send = Responder en público
feedback-declined = No mostrados
notice-feedback-received = Gracias. El equipo lee cada mensaje antes de mostrarlo.
