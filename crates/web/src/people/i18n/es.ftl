## Backbone — mensajes en español sobre las personas. Las claves no cambian; quien traduce cambia solo el texto.

yes = Sí
no = No
now = ahora
table = Mesa
not-shared = Prefiero no decirlo
no-organization = Sin organización (residente)
people-lead = { $count ->
    [one] Participa una persona: personal de las organizaciones aliadas y residentes de la comunidad.
   *[other] Participan { $count } personas: personal de las organizaciones aliadas y residentes de la comunidad.
}
person-add = Agregar una persona
person-new-title = Agregar una persona
person-edit-title = Editar los datos de { $name }
person-title = Cargo
person-email = Correo electrónico
person-phone = Teléfono
person-tables = Mesas
person-no-tables = Todavía no está en ninguna mesa.
demographics-title = Datos demográficos informados por la propia persona
demographics-private = Solo el equipo de apoyo (backbone) puede verlos. En otras partes, estas respuestas aparecen solo en conteos, y no se muestran los conteos de menos de 10.
demographics-hint = Solo con el permiso de la persona. Fuera del equipo de apoyo (backbone), nunca se muestran junto al nombre de la persona.
demographics-consent = La persona aceptó compartir estas respuestas
demo-age = Edad
demo-language = Idioma principal
person-account = Inicio de sesión
person-account-hint = La cuenta con la que esta persona inicia sesión, para que vote, participe y asuma compromisos en su propio nombre.
person-account-label = Cuenta
person-no-account = Sin cuenta
