# Lugares en un mapa: límites y los mapas que se dibujan con ellos.
boundaries-title = Límites de los lugares
boundaries-lead = Suba los límites de los lugares de la iniciativa como una FeatureCollection de GeoJSON: un elemento Polygon o MultiPolygon por lugar, la longitud antes que la latitud, con el código del lugar en una propiedad. Cada subida es una versión nueva; las anteriores se conservan.
boundaries-property = Propiedad que tiene el código del lugar
boundaries-property-hint = El nombre de la propiedad de cada elemento que tiene el código de su lugar, p. ej. “code” o “ZCTA5CE20”.
boundaries-geojson = GeoJSON
boundaries-geojson-hint = Elija un archivo .geojson o pegue su texto (1 MB como máximo). Simplifique antes los límites muy detallados.
boundaries-choose-file = Elegir un archivo GeoJSON
boundaries-upload = Subir límites
boundaries-versions = Versiones
boundaries-none = Todavía no se han subido límites.
boundaries-places = Lugares
boundaries-problems = { $count ->
    [one] El archivo tiene un problema; no se guardó nada:
   *[other] El archivo tiene { $count } problemas; no se guardó nada:
}
map-title = Mapa de lugares, programas y recursos comunitarios
map-indicator-title = { $name } en un mapa
map-lead = Cada lugar, con los programas que llegan a él y lo que la comunidad ya tiene allí.
map-indicator-lead = El último número de cada lugar. Son los mismos números de la página del indicador. Los lugares con rayas se ocultan para cuidar la privacidad.
map-back-to-indicator = Volver al indicador
map-link = Verlo en un mapa
map-aria = Mapa de los lugares. La tabla de abajo tiene los mismos datos.
map-period = Valores de { $period }
map-up-to = hasta { $value }
map-at-least = { $value } o más
map-at-most = { $value } o menos
map-hidden = oculto para proteger la privacidad
map-no-data = sin datos
map-pin = Algo que la comunidad tiene. Si no tiene un punto exacto, está en el centro de su lugar.
map-pin-resident-led = Lo dirigen residentes
map-place = Lugar
map-outline = Las áreas más grandes se ven solo por su borde
map-click = Elija un lugar o un punto para ver lo que hay allí.
map-table-caption = El mapa como tabla, lugar por lugar
map-value = Valor
map-no-boundaries = Esta iniciativa todavía no ha subido los límites de sus lugares.
map-programs = Programas que llegan a él
map-assets = Recursos comunitarios
