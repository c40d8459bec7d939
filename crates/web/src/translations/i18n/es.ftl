translations-title = Traducciones
translations-lead = Escriba los textos de la iniciativa en inglés y en español: su agenda, sus indicadores y sus mesas. Un texto que nadie ha traducido se muestra como se escribió, con una marca.
content-language = Nuestros textos están escritos en
content-language-hint = Quien lee en este idioma ve los textos como se escribieron. Quien lee en el otro ve las traducciones de abajo.
content-language-en = inglés
content-language-es = español
translations-same-language = Elija el idioma al que quiere traducir con el enlace de arriba de la página.
translations-into = Traducciones al { $language }
translations-standing = { $missing ->
    [one] 1 texto no tiene traducción
   *[other] { $missing } textos no tienen traducción
}; { $outdated ->
    [one] 1 se hizo de un texto anterior.
   *[other] { $outdated } se hicieron de un texto anterior.
}
translations-none = Todavía no hay nada que traducir.
translation-missing = Sin traducir
translation-outdated = El original cambió
translation-made-from = Traducido de: «{ $text }»
content-not-translated = Todavía sin traducir: se muestra como se escribió.
content-translation-outdated = El texto original cambió después de esta traducción.
translations-link = Traducir nuestros textos
subject-initiative = Iniciativa
subject-agenda = Agenda común
subject-result = Resultado
subject-strategy = Estrategia
subject-indicator = Indicador
subject-table = Mesa
textfield-name = nombre
textfield-description = descripción
textfield-problem_statement = el problema
textfield-shared_vision = visión compartida
textfield-title = título
textfield-purpose = propósito
textfield-meets = cuándo se reúne
textfield-how_to_join = cómo unirse
translations-save = Guardar las traducciones
