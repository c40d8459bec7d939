## Backbone — mensajes en español que comparten todas las páginas. Las claves no cambian; quien traduce cambia solo el texto.

skip-to-content = Ir al contenido
sign-in = Iniciar sesión
sign-out = Cerrar sesión
nav-label = Secciones de la iniciativa
nav-home = Vista general
nav-agenda = Agenda común
nav-organizations = Organizaciones aliadas
nav-feedback = Mensajes
nav-network = Red
nav-people = Personas
nav-tables = Mesas
nav-audit = Registro de auditoría
nav-access = Acceso
nav-settings = Configuración
footer = Backbone: software de código abierto para el impacto colectivo. Para proteger la privacidad, no mostramos los conteos de menos de 10 personas.
required = (obligatorio)
save = Guardar
cancel = Cancelar
edit = Editar
actions = Acciones
created = Creado
current = Vigente
from = Desde
until = Hasta
role = Función
resident = Residente
suppressed = oculto
no-result = No está ligado a un resultado en particular
choose-from-list = Elija una de las opciones de la lista.
whole-number = Escriba un número entero, como 4.
form-has-errors = Algunas respuestas requieren atención. Cada problema aparece junto a su campo.
back-home = Volver a la página de inicio
notice-saved = Se guardó.
notice-created = Se agregó.
notice-endorsed = Gracias. Su respaldo quedó registrado.
notice-signed-in = Ha iniciado sesión.
notice-member-added = Se agregó a la persona como miembro de la mesa.
notice-member-ended = Se terminó su participación en la mesa. Queda guardada en el historial de la mesa.
notice-token-revoked = Se revocó el token y ya no funciona.
error-title = Algo no está bien
error-title-401 = Por favor, inicie sesión
error-title-403 = No está permitido
error-title-404 = No encontramos la página
error-not-found = No pudimos encontrar esa página. Tal vez cambió de lugar, o tal vez necesita iniciar sesión para verla.
error-sign-in = Por favor, inicie sesión para ver esta página. Algunas páginas son solo para las personas que participan en la iniciativa.
error-forbidden = Su función en esta iniciativa no le permite hacer esto. Si necesita acceso, pídalo al equipo de apoyo (backbone).
error-csrf = Este formulario venció o no vino de este sitio. Regrese, vuelva a cargar la página e intente de nuevo.
error-internal = Algo salió mal de nuestro lado. Por favor, intente de nuevo. Si sigue pasando, avise al equipo de apoyo (backbone).
error-throttled = Hubo demasiados intentos de iniciar sesión desde aquí. { $seconds ->
    [one] Por favor, espere un segundo e intente de nuevo.
   *[other] Por favor, espere { $seconds } segundos e intente de nuevo.
}
token-revoked = Revocado
members-count = { $count ->
    [one] 1 miembro
   *[other] { $count } miembros
}
initiative-name = Nombre
agenda-none = Todavía no se ha escrito una agenda común.
agenda-version-n = Versión { $number }
endorsements-title = Respaldos
unchanged = sin cambios
people-title = Personas
person-name = Nombre
person-organization = Organización
demo-race = Raza u origen étnico
demo-gender = Género
demo-resident = Vive en la comunidad
demo-lived = Experiencia vivida de lo que trabajamos
nav-dashboard = Tablero
nav-data = Datos
gap = Brecha (puntos)
row = Fila
notice-reviewed = Se guardó la revisión.
notice-voted = Su voto quedó contado. Puede cambiarlo hasta que se cierre la decisión.
notice-decided = El resultado de la decisión quedó registrado.
notice-following = Ahora sigue este indicador: sus nuevos números aparecen en sus novedades.
notice-unfollowed = Ya no sigue este indicador.
notice-imported = { $added ->
    [one] Se importó 1 número nuevo y se envió para revisión.
   *[other] Se importaron { $added } números nuevos y se enviaron para revisión.
}
notice-drafted = { $added ->
    [one] Se guardó 1 número nuevo como borrador.
   *[other] Se guardaron { $added } números nuevos como borradores.
} Nadie revisa los borradores hasta que usted los envíe.
notice-drafts-sent = { $count ->
    [one] Se envió 1 borrador para revisión.
   *[other] Se enviaron { $count } borradores para revisión.
}
notice-drafts-kept = { $count ->
    [one] 1 número es distinto de uno que ya se envió para revisión, y se dejó como estaba
   *[other] { $count } números son distintos de otros que ya se enviaron para revisión, y se dejaron como estaban
}: un borrador nunca reemplaza a un número que está en revisión o ya publicado. Para corregirlos, importe el archivo sin guardarlo como borrador.
drafts-line = { $name }: { $count ->
    [one] 1 número guardado como borrador
   *[other] { $count } números guardados como borradores
}
notice-imported-more = Corregidos: { $revised }. Sin cambios: { $unchanged }.

# El idioma de la página, con su propio nombre (para cambiar de idioma).
language-name = Español

# Fechas: los nombres de los días y los meses, y cómo se lee una fecha larga.
date-long = { $weekday } { $day } de { $month } de { $year }, { $time }
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-short = { $day } { $month } { $year }
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic
