## Representación: quién está y quién no en cada mesa, frente a la comunidad.
representation-title = Quiénes están en nuestras mesas
representation-link = Cómo se compara esta mesa con la comunidad
representation-lead = Los miembros de cada mesa, según lo que decidieron compartir, junto a la gente de la comunidad a la que sirve. Una mesa que se parece a su comunidad escucha a toda la comunidad.
representation-no-community = Todavía no hay números de la comunidad para comparar. El equipo de apoyo puede agregarlos a partir de tablas del censo.
representation-place = Comparar con
representation-compare = Comparar
representation-against = Comparado con la gente de { $place }.
representation-source = Fuente: { $source }.
representation-how = La razón es la parte de la mesa que tiene el grupo dividida entre su parte de la comunidad: 1 es una parte justa. Por debajo de 0.8, la mesa tiene menos que la comunidad; por encima de 1.25, más. Los conteos pequeños se ocultan, y también lo que se calcula con ellos.
representation-table-summary = { $count ->
    [one] Un miembro, contado el { $date }.
   *[other] { $count } miembros, contados el { $date }.
}
representation-fewer = Hay menos aquí que en la comunidad: { $groups }.
representation-group = Grupo
representation-at-table = En la mesa
representation-table-share = Parte de la mesa
representation-community-share = Parte de la comunidad
representation-ratio = Razón
representation-standing = Frente a la comunidad
representation-trend = Desde el primer conteo
representation-not-answered = { $count ->
    [0] Respondieron todos los miembros.
    [one] Un miembro no respondió; las partes son de todos los miembros.
   *[other] { $count } miembros no respondieron; las partes son de todos los miembros.
}
representation-not-answered-hidden = Algunos miembros no respondieron; las partes son de todos los miembros.
representation-share-margin = { $share } (± { $margin } puntos)
voice-title = La voz en los últimos 12 meses, por tipo de organización
voice-attended = Asistencias
voice-votes = Votos
voice-lead-standing = Temas dirigidos frente a lugares
voice-ratio = { $standing } ({ $ratio })
voice-quarters = Grupos de base y residentes, trimestre por trimestre
voice-quarter = Trimestre
voice-how = La voz cuenta quién vino, quién dirigió temas de la agenda y quién votó en las decisiones que no fueron anónimas, según la organización por la que participa cada persona. Una razón de 1 significa una voz en proporción a los lugares que se tienen.
representation-kind = Tipo de organización
representation-organizations = Organizaciones
representation-seats = Lugares
representation-leads = Temas dirigidos
percent = { $value } %
standing-under = Menos
standing-even = Parecido
standing-over = Más
standing-hidden = Oculto
gap-closing = La brecha se cierra ({ $points } puntos)
gap-widening = La brecha crece ({ $points } puntos)
gap-steady = Casi igual ({ $points } puntos)
gap-unknown = Aún no hay suficientes conteos
orgkind-grassroots = De base (dirigida por residentes, o de menos de $100k)
orgkind-small = Pequeña (de $100k a $1M)
orgkind-mid_size = Mediana (de $1M a $5M)
orgkind-large = Grande (de más de $5M)
orgkind-residents = Residentes por su cuenta
## Los números de la comunidad, que registra el equipo.
community-link = Números de la comunidad
community-title = Los números de la comunidad
community-lead = Cuántas personas de cada grupo viven en cada lugar, según tablas del censo como la Encuesta sobre la Comunidad Estadounidense (ACS). Cada vez que agrega números para un lugar y una pregunta, reemplazan a los anteriores. Los anteriores se guardan.
community-current = Números en uso
community-none = Todavía no hay.
community-place = Lugar
community-facet = Pregunta
community-estimate = Personas
community-margin = Margen de error
community-margin-for = Margen de error de { $group }
community-universe = Total de personas
community-universe-hint = El total de la tabla del censo, como "Población total".
community-file-title = Agregar números desde un archivo
community-file-hint = Un archivo CSV con un grupo por fila, y estas columnas. Deje vacío el margen de error si no hay.
community-choose-file = Elegir un archivo CSV
community-csv = O pegue el archivo aquí
community-csv-hint = La primera línea nombra las columnas.
community-source = De dónde vienen los números
community-source-hint = Por ejemplo: estimaciones de 5 años de la ACS 2019-2023, tabla B03002.
community-source-needed = Diga de dónde vienen los números.
community-record = Guardar los números
community-hand-title = Escribir los números
community-choose-facet = Ver sus grupos
community-groups = Personas en cada grupo (deje vacío un grupo para omitirlo)
community-history = Cada vez que se agregaron números
community-history-line = { $date }: { $source }, por { $who } ({ $count } números)
community-file-problems = { $count ->
    [one] El archivo tiene un problema. No se guardó nada.
   *[other] El archivo tiene { $count } problemas. No se guardó nada.
}
community-row-problem = Fila { $row }: { $reason }
community-cell-problem = Fila { $row }, columna { $column }: { $reason }
