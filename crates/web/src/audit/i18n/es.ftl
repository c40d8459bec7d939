## Backbone — Mensajes en español del registro de auditoría. Las claves son fijas; quienes traducen solo cambian el texto.

audit-title = Registro de auditoría
audit-lead = Cada cambio, quién lo hizo y cuándo, con el registro de antes y de después.
audit-when = Cuándo
audit-who = Quién
audit-what = Qué
audit-change = Cambio
audit-show = Mostrar antes y después
audit-before = Antes
audit-after = Después
audit-older = Entradas anteriores
