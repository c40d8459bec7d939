# Places on a map: boundaries and the maps drawn from them.
boundaries-title = Place boundaries
boundaries-lead = Upload the boundaries of the initiative's places as a GeoJSON FeatureCollection: one Polygon or MultiPolygon feature per place, longitude before latitude, naming its place code in a property. Each upload is a new version; the earlier ones are kept.
boundaries-property = Property that holds the place code
boundaries-property-hint = The name of the property of each feature that holds its place's code, e.g. “code” or “ZCTA5CE20”.
boundaries-geojson = GeoJSON
boundaries-geojson-hint = Choose a .geojson file or paste its text (at most 1 MB). Simplify detailed boundaries first.
boundaries-choose-file = Choose a GeoJSON file
boundaries-upload = Upload boundaries
boundaries-versions = Versions
boundaries-none = No boundaries uploaded yet.
boundaries-places = Places
boundaries-problems = { $count ->
    [one] The file has one problem; nothing was kept:
   *[other] The file has { $count } problems; nothing was kept:
}
map-title = Map of places, programs and community assets
map-indicator-title = { $name } on a map
map-lead = Each place, with the programs that reach it and what the community already has there.
map-indicator-lead = The latest number for each place. These are the same numbers as on the indicator's page. Places with striped lines are hidden to keep people's privacy.
map-back-to-indicator = Back to the indicator
map-link = See it on a map
map-aria = Map of the places. The table below has the same facts.
map-period = Values for { $period }
map-up-to = up to { $value }
map-at-least = { $value } or more
map-at-most = { $value } or less
map-hidden = hidden to protect privacy
map-no-data = no data
map-pin = Something the community has. A pin with no exact spot sits in the middle of its place.
map-pin-resident-led = Run by residents
map-place = Place
map-outline = Larger areas are shown by their edges only
map-click = Pick a place or a pin to see what is there.
map-table-caption = The map as a table, place by place
map-value = Value
map-no-boundaries = This initiative has not uploaded the boundaries of its places yet.
map-programs = Programs reaching it
map-assets = Community assets
