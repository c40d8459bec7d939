//! The Riverbend partnership's own words in Spanish: its agenda, indicators and tables, as its
//! bilingual staff translated them — all but the newest texts, which Spanish readers see in
//! English with a mark until someone translates them. Two are left that way on purpose: the
//! description of the program-level indicator "Tutored students meeting their reading growth
//! goal" (`tutored-students-meeting-growth-goal`) and how to join the newest table, the
//! Postsecondary & Career Working Group.
//!
//! The Spanish is plain, for Spanish-speaking families in the US, and uses the words of the
//! app's own catalogues: mesa, organización aliada, agenda común, Mesa de Residentes.

use backbone_core::agenda::AgendaVersion;
use backbone_core::initiative::Initiative;
use backbone_core::measure::indicator::Indicator;
use backbone_core::tables::Table;
use backbone_core::translations::{originals, Translation};
use chrono::{DateTime, Utc};

/// Spanish for each text, by subject, key (a table's name for tables) and field.
const SPANISH: &[(&str, &str, &str, &str)] = &[
    ("initiative", "", "name", "Alianza Riverbend de la Cuna a la Carrera"),
    ("initiative", "", "description", "Escuelas, centros de cuidado infantil, universidades, clínicas, empleadores, lugares de culto, donantes, la ciudad, el condado y grupos dirigidos por residentes trabajan juntos. Tienen una sola meta: que cada niño de Riverbend salga adelante, desde la cuna hasta la carrera. Las organizaciones aliadas comparten una agenda común, un solo grupo de medidas y un pequeño equipo de apoyo. United Way of the Riverbend Region aloja a ese equipo. Los residentes ayudan a fijar la agenda en la Mesa de Residentes. También tienen dos puestos en el Comité Directivo."),
    ("agenda", "", "problem_statement", "En Riverbend, muy pocos niños van por buen camino desde la cuna hasta la carrera. Solo el 41% de los niños empieza el kínder listo para aprender. Solo el 38% de los niños de tercer grado lee al nivel de su grado. Solo el 29% de los de octavo grado alcanza la meta en matemáticas. Y el 74% de los estudiantes termina la secundaria en cuatro años. Docenas de programas atienden a niños y familias, pero cada uno trabaja por su lado. No comparten metas, medidas ni datos. Los promedios esconden grandes brechas. Solo el 61% de los estudiantes negros y el 64% de los que aprenden inglés terminan la secundaria en cuatro años. En Eastside y Southside (47302 y 47307), los niños que empiezan el kínder listos son la mitad que en Oak Hill. Las familias le dijeron a la Mesa de Residentes que es difícil encontrar los programas. Pocos se dan en español, hmong o somalí. Pocos abren cuando los padres que trabajan pueden ir. Un diploma no basta. Solo el 31% de quienes se gradúan en Riverbend termina un título o certificado en seis años. Y los empleadores de la región tienen 2,400 puestos de trabajo calificado sin llenar."),
    ("agenda", "", "shared_vision", "Cada niño de Riverbend sale adelante, desde la cuna hasta la carrera, sin importar su raza, su barrio, su idioma o lo que gana su familia. Cada joven tiene un camino hacia un buen trabajo aquí mismo, que le alcance para mantener a una familia. Las familias y los jóvenes ayudan a decidir cómo llegamos allí."),
    ("result", "kindergarten-readiness", "title", "Los niños empiezan el kínder listos para salir adelante"),
    ("result", "kindergarten-readiness", "description", "La parte de los niños nuevos de kínder que alcanza la meta en las cinco áreas de la prueba de otoño. Se muestra por raza y origen, idioma del hogar y código postal."),
    ("strategy", "expand-home-visiting", "title", "Más visitas a domicilio para padres primerizos"),
    ("strategy", "expand-home-visiting", "description", "Hacer crecer las visitas a domicilio de Bright Start y Head Start en Eastside y Southside, donde las listas de espera son más largas."),
    ("strategy", "developmental-screening", "title", "Revisar cómo crece cada niño antes de los tres años"),
    ("strategy", "developmental-screening", "description", "Clínicas, centros de cuidado infantil y visitadores usan una misma revisión (ASQ-3) y una misma forma de enviar a las familias a recibir ayuda."),
    ("strategy", "family-child-care-support", "title", "Apoyo para familiares, amigos y vecinos que cuidan niños"),
    ("strategy", "family-child-care-support", "description", "Asesoría, libros y pequeñas becas para quienes cuidan niños en su casa. Ellos cuidan a la mayoría de los bebés y niños pequeños de Eastside. La Mesa de Residentes lo pidió."),
    ("result", "early-grade-reading", "title", "Los niños leen al nivel de su grado al final de tercer grado"),
    ("result", "early-grade-reading", "description", "La parte de los niños de tercer grado que alcanza la meta en la prueba estatal de lectura. Se muestra por raza y origen, idioma del hogar y código postal."),
    ("strategy", "summer-reading", "title", "Lectura en verano para que los niños no se atrasen"),
    ("strategy", "summer-reading", "description", "Programas de verano gratis en bibliotecas, clubes y lugares de culto. La meta de todos: un libro por semana."),
    ("strategy", "reading-tutors", "title", "Tutores de lectura en cada salón de kínder a tercero"),
    ("strategy", "reading-tutors", "description", "Tutores voluntarios y de AmeriCorps ayudan a los niños a los que les cuesta leer. Cada niño tiene 90 minutos de práctica por semana."),
    ("strategy", "home-language-literacy", "title", "Libros y cuentos en el idioma de casa"),
    ("strategy", "home-language-literacy", "description", "Libros en español, hmong y somalí, y horas de cuentos en dos idiomas. Las familias pueden aprender a leer en el idioma que mejor hablan. La Mesa de Residentes lo pidió."),
    ("result", "middle-grade-math", "title", "Los estudiantes van bien en matemáticas en octavo grado"),
    ("result", "middle-grade-math", "description", "La parte de los estudiantes de octavo grado que alcanza la meta en matemáticas, y la de los que aprueban Álgebra I al final de noveno grado. Se muestra por raza y origen, idioma del hogar y código postal."),
    ("strategy", "math-tutoring-corps", "title", "Clases de refuerzo en matemáticas en grupos pequeños, de sexto a octavo"),
    ("strategy", "math-tutoring-corps", "description", "Tutores de la comunidad trabajan con grupos pequeños tres veces por semana, en horario de clases."),
    ("strategy", "after-school-stem", "title", "Clubes de matemáticas y ciencias después de clases y en verano"),
    ("strategy", "after-school-stem", "description", "Clubes, bibliotecas y el colegio comunitario ofrecen matemáticas y ciencias prácticas. Se reúnen donde los estudiantes ya pasan la tarde."),
    ("result", "high-school-graduation", "title", "Los estudiantes se gradúan de la secundaria a tiempo"),
    ("result", "high-school-graduation", "description", "La parte de los estudiantes que se gradúa en cuatro años o menos desde que empieza noveno grado. Se muestra por raza y origen, idioma del hogar y código postal."),
    ("strategy", "early-warning-system", "title", "Alerta temprana sobre asistencia, conducta y malas notas"),
    ("strategy", "early-warning-system", "description", "Cada dos semanas, cada escuela secundaria mira quién falta a clases o va mal en sus notas. Cada estudiante que necesita ayuda tiene un adulto que le da seguimiento."),
    ("strategy", "ninth-grade-on-track", "title", "Equipos de apoyo para noveno grado"),
    ("strategy", "ninth-grade-on-track", "description", "Maestros, consejeros y aliados de la comunidad ayudan a los estudiantes de noveno grado a ganar los créditos que necesitan para ir bien."),
    ("strategy", "mentoring-for-all", "title", "Un adulto que se preocupa por cada estudiante"),
    ("strategy", "mentoring-for-all", "description", "Mentores de clubes, lugares de culto y empleadores. El estudiante puede pedir uno, o la alerta temprana puede señalarlo."),
    ("result", "postsecondary-completion", "title", "Los jóvenes terminan un título o certificado"),
    ("result", "postsecondary-completion", "description", "La parte de quienes se gradúan en Riverbend que obtiene un certificado o un título de dos o de cuatro años en los seis años después de la secundaria. Se muestra por raza y origen, idioma del hogar y código postal."),
    ("strategy", "fafsa-completion", "title", "Cada estudiante de último año llena la FAFSA"),
    ("strategy", "fafsa-completion", "description", "Noches de FAFSA en cada escuela secundaria y en los barrios, con ayuda en español, hmong y somalí."),
    ("strategy", "dual-enrollment-pathways", "title", "Clases universitarias y caminos a un oficio en la secundaria"),
    ("strategy", "dual-enrollment-pathways", "description", "Clases universitarias y aprendizaje pagado en un oficio para estudiantes de secundaria. Los armamos con el colegio comunitario y con empleadores de aquí."),
    ("strategy", "college-persistence-coaching", "title", "Acompañamiento en los dos primeros años de universidad"),
    ("strategy", "college-persistence-coaching", "description", "Un asesor acompaña a cada estudiante desde la graduación hasta su segundo año de universidad o de formación."),
    ("indicator", "kindergarten-readiness", "name", "Niños de kínder listos para la escuela"),
    ("indicator", "kindergarten-readiness", "description", "De los niños que empiezan el kínder en Riverbend cada otoño, la parte que alcanza la meta en las cinco áreas de la prueba estatal: lenguaje y lectura, matemáticas, desarrollo físico, habilidades sociales y emocionales, y formas de aprender. Los maestros observan a cada niño durante las primeras seis semanas de clases."),
    ("indicator", "third-grade-reading", "name", "Niños de tercer grado que leen al nivel de su grado"),
    ("indicator", "third-grade-reading", "description", "La parte de los niños de tercer grado que alcanza o supera la meta en la prueba estatal de lectura de cada primavera. Leer bien al final de tercer grado es una de las señales más claras de que un niño terminará la secundaria. No hubo prueba en la primavera de 2020."),
    ("indicator", "eighth-grade-math", "name", "Estudiantes de octavo grado que alcanzan la meta en matemáticas"),
    ("indicator", "eighth-grade-math", "description", "La parte de los estudiantes de octavo grado que alcanza o supera la meta en la prueba estatal de matemáticas de cada primavera. Todavía no está en el tablero público: el Comité Directivo lo revisa junto con Álgebra I. No hubo prueba en la primavera de 2020."),
    ("indicator", "high-school-graduation", "name", "Estudiantes que se gradúan de la secundaria en cuatro años"),
    ("indicator", "high-school-graduation", "description", "La parte de los estudiantes que obtiene un diploma normal en los cuatro años después de empezar noveno grado. Cada año escolar es el año en que se gradúa la clase: 2023-24 es la clase de 2024."),
    ("indicator", "postsecondary-enrollment", "name", "Graduados que se inscriben en la universidad o en una formación"),
    ("indicator", "postsecondary-enrollment", "description", "De quienes se gradúan de la secundaria cada año, la parte que se inscribe en una universidad de dos o cuatro años, o en un programa de certificado, a más tardar el otoño siguiente. Es el primer paso hacia un título o certificado."),
    ("indicator", "teen-births", "name", "Nacimientos de madres de 15 a 19 años"),
    ("indicator", "teen-births", "description", "Nacimientos de madres jóvenes de 15 a 19 años que viven en Riverbend, por cada 1,000 mujeres jóvenes de esa edad. Más bajo es mejor. Se cuentan según dónde vive la madre, a partir de las actas de nacimiento."),
    ("indicator", "child-poverty", "name", "Niños que viven en la pobreza"),
    ("indicator", "child-poverty", "description", "La parte de los niños de Riverbend menores de 18 años cuya familia gana menos que la línea federal de pobreza. Más bajo es mejor. Viene de la Encuesta sobre la Comunidad Estadounidense de la Oficina del Censo. Cada año es el último de los cinco años que junta la estimación."),
    ("indicator", "families-enrolled-home-visiting", "name", "Familias inscritas en visitas a domicilio"),
    ("indicator", "families-enrolled-home-visiting", "description", "Familias con un bebé o niño pequeño que tuvieron al menos una visita de Bright Start en el trimestre."),
    ("indicator", "home-visits-completed-on-time", "name", "Visitas a domicilio hechas según lo planeado"),
    ("indicator", "home-visits-completed-on-time", "description", "De las visitas planeadas con familias en el trimestre, la parte que se hizo a no más de una semana de la fecha planeada."),
    ("indicator", "children-on-track-at-24-months", "name", "Niños que van bien a los 24 meses"),
    ("indicator", "children-on-track-at-24-months", "description", "De los niños inscritos que se revisaron a los 24 meses, la parte cuya revisión del desarrollo no muestra ningún área de preocupación."),
    ("indicator", "students-tutored", "name", "Estudiantes en tutorías de lectura"),
    ("indicator", "students-tutored", "description", "Estudiantes de kínder a tercer grado que tuvieron al menos una sesión de tutoría en el trimestre (lectura de verano de julio a septiembre)."),
    ("indicator", "tutoring-sessions-delivered", "name", "Sesiones de tutoría dadas según lo planeado"),
    ("indicator", "tutoring-sessions-delivered", "description", "De las sesiones de tutoría planeadas en el trimestre, la parte que se dio y duró al menos 25 minutos."),
    ("indicator", "tutored-students-meeting-growth-goal", "name", "Estudiantes con tutoría que alcanzan su meta de lectura"),
    ("indicator", "seniors-coached", "name", "Estudiantes de último año con asesoría individual"),
    ("indicator", "seniors-coached", "description", "Estudiantes de último año de secundaria que se reunieron a solas con un asesor de Next Step al menos una vez en el año."),
    ("indicator", "seniors-with-three-coaching-sessions", "name", "Estudiantes con asesoría que tuvieron tres sesiones o más"),
    ("indicator", "seniors-with-three-coaching-sessions", "description", "De los estudiantes de último año con asesoría en el año, la parte que se reunió con su asesor al menos tres veces: una sola vez casi nunca basta para terminar una solicitud."),
    ("indicator", "coached-seniors-completing-fafsa", "name", "Estudiantes con asesoría que llenaron la FAFSA"),
    ("indicator", "coached-seniors-completing-fafsa", "description", "De los estudiantes de último año con asesoría en el año, la parte que llenó la Solicitud Gratuita de Ayuda Federal para Estudiantes (FAFSA) a más tardar el 30 de junio."),
    ("table", "Steering Committee", "name", "Comité Directivo"),
    ("table", "Steering Committee", "purpose", "Fija el rumbo de la alianza. Aprueba la agenda común y sus cambios. Pide cuentas a las organizaciones aliadas sobre los resultados comunes. El alcalde y el superintendente lo dirigen juntos. Se reúne cada dos meses. La Mesa de Residentes elige a los residentes que tienen puestos. Cada año, el comité revisa quién está y quién no está en su mesa."),
    ("table", "Steering Committee", "meets", "Cada dos meses, el tercer jueves, de 4 a 6 de la tarde, en la sala 210 del Ayuntamiento. Abierto al público. La agenda se publica una semana antes."),
    ("table", "Steering Committee", "how_to_join", "Los líderes de las organizaciones aliadas tienen la mayoría de los puestos. Dos residentes tienen puestos, y la Mesa de Residentes los elige cada año. Para pedir un puesto de residente, únase a la Mesa de Residentes."),
    ("table", "Early Grade Reading Working Group", "name", "Grupo de Trabajo de Lectura en los Primeros Grados"),
    ("table", "Early Grade Reading Working Group", "purpose", "Junta las tutorías, la lectura de verano y la lectura en familia, para que más niños lean al nivel de su grado al final de tercer grado."),
    ("table", "Early Grade Reading Working Group", "meets", "Una vez al mes. La próxima reunión está en el calendario de la mesa."),
    ("table", "Early Grade Reading Working Group", "how_to_join", "Abierto a organizaciones aliadas y residentes que trabajan por este resultado. Cuéntenos qué le gustaría aportar."),
    ("table", "Postsecondary & Career Working Group", "name", "Grupo de Trabajo de Universidad y Carrera"),
    ("table", "Postsecondary & Career Working Group", "purpose", "Empezó pidiendo un resultado sobre la universidad y la formación en la agenda común. Ahora dirige la ayuda con la FAFSA, las clases universitarias en la secundaria y el acompañamiento en la universidad. Trabaja con las universidades y los empleadores."),
    ("table", "Postsecondary & Career Working Group", "meets", "Una vez al mes. La próxima reunión está en el calendario de la mesa."),
    ("table", "High School Graduation Action Network", "name", "Red de Acción para la Graduación de la Secundaria"),
    ("table", "High School Graduation Action Network", "purpose", "Usa los datos de alerta temprana sobre asistencia, conducta y malas notas para que los estudiantes de noveno grado vayan bien. Busca un adulto que se preocupe por cada estudiante."),
    ("table", "High School Graduation Action Network", "meets", "Una vez al mes. La próxima reunión está en el calendario de la mesa."),
    ("table", "High School Graduation Action Network", "how_to_join", "Abierto a organizaciones aliadas y residentes que trabajan por este resultado. Cuéntenos qué le gustaría aportar."),
    ("table", "Kindergarten Readiness Action Network", "name", "Red de Acción para un Kínder Listo"),
    ("table", "Kindergarten Readiness Action Network", "purpose", "Centros de cuidado infantil, aliados de salud y familias que trabajan para que más niños empiecen el kínder listos para aprender. Empiezan en Eastside y Southside."),
    ("table", "Kindergarten Readiness Action Network", "meets", "Una vez al mes. La próxima reunión está en el calendario de la mesa."),
    ("table", "Kindergarten Readiness Action Network", "how_to_join", "Abierto a organizaciones aliadas y residentes que trabajan por este resultado. Cuéntenos qué le gustaría aportar."),
    ("table", "Resident Table", "name", "Mesa de Residentes"),
    ("table", "Resident Table", "purpose", "Padres, abuelos y jóvenes de Eastside, Northgate, Southside, Westside y Harbor Point. Revisan la agenda y los datos, dan consejos a todas las mesas y eligen a los dos residentes del Comité Directivo. A los miembros se les paga por su tiempo. Reciben una comida, cuidado de niños y un intérprete."),
    ("table", "Resident Table", "meets", "El segundo sábado de cada mes, de 10 de la mañana a 12 del mediodía, en la Biblioteca de Eastside. En cada reunión hay intérpretes de español y de somalí, cuidado de niños y almuerzo."),
    ("table", "Resident Table", "how_to_join", "Puede unirse cualquier persona que viva en Eastside, Northgate, Southside, Westside o Harbor Point: padres, abuelos y jóvenes desde los 14 años. Los miembros vienen a la mayoría de las reuniones y reciben $50 por cada una."),
];

pub(crate) fn demo_translations(
    at: DateTime<Utc>,
    initiative: &Initiative,
    agenda: Option<&AgendaVersion>,
    indicators: &[Indicator],
    tables: &[Table],
    author: &str,
) -> Vec<Translation> {
    originals(initiative, agenda, indicators, tables)
        .into_iter()
        .filter_map(|o| {
            let key = match o.subject {
                backbone_core::translations::Subject::Table => {
                    tables.iter().find(|t| t.id.to_string() == o.key).map(|t| t.name.as_str())?
                }
                _ => o.key.as_str(),
            };
            let (_, _, _, text) =
                SPANISH.iter().find(|(s, k, f, _)| *s == o.subject.as_str() && *k == key && *f == o.field.as_str())?;
            Some(Translation {
                subject: o.subject,
                key: o.key.clone(),
                field: o.field,
                lang: "es".into(),
                text: text.to_string(),
                source: o.text,
                author_name: author.to_string(),
                created_at: at,
            })
        })
        .collect()
}
