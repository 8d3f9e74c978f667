"""Material for the example catalogue (plain Spanish data): sixty good practices, four or five
per area of action, each with its title, the subject it deals with, the people it is for, its
cross-cutting themes and a summary. The other fields are written from :mod:`practice_texts`.

The area is the English source label of :data:`app.services.vocabulary.AREAS_OF_ACTION` (the
taxonomy names it in the language of the program).
"""

from __future__ import annotations

from dataclasses import dataclass

# area | title | subject (used inside sentences) | people it is for (plural) | themes | summary
_SEED_LINES = """
Social inclusion | Itinerarios de inclusión con una profesional de referencia | el acompañamiento individual | personas en situación de exclusión social | good_practices, participation | Una misma profesional acompaña a cada persona durante todo su itinerario y coordina servicios sociales, empleo, salud y vivienda, para que nadie tenga que contar su historia cinco veces.
Social inclusion | Economato social con tarjeta monedero | el acceso digno a los alimentos | familias con ingresos bajos | social_innovation, participation | Las familias compran lo que necesitan en un economato con una tarjeta recargable, en lugar de recibir lotes cerrados: eligen, administran su presupuesto y evitan el estigma de la cola.
Social inclusion | Punto de información de derechos sociales | la información sobre prestaciones y trámites | personas sin acceso a la administración electrónica | digital, good_practices | Un punto de atención semanal ayuda a solicitar el ingreso mínimo vital, el bono social y otras prestaciones, con cita previa sencilla y acompañamiento en los trámites en línea.
Social inclusion | Mesa de coordinación de entidades del barrio | la coordinación entre entidades | vecinas y vecinos del barrio | participation, good_practices | Las entidades de un mismo barrio se reúnen cada mes para compartir casos, evitar duplicidades y presentar proyectos conjuntos a las convocatorias.
Social inclusion | Lavandería y duchas solidarias | la higiene y el cuidado personal | personas sin hogar | social_innovation | Un local con lavadoras, duchas y consigna abre tres mañanas por semana; el personal voluntario aprovecha el encuentro para ofrecer orientación y derivar a otros recursos.
Childhood and youth | Aula de refuerzo escolar con voluntariado universitario | el refuerzo escolar | niñas y niños de primaria | volunteering, equality | Estudiantes universitarios acompañan dos tardes por semana a grupos pequeños de escolares, en coordinación con el profesorado, para que nadie se quede atrás por falta de apoyo en casa.
Childhood and youth | Ocio educativo de verano para familias vulnerables | el ocio educativo | niñas y niños de 6 a 12 años | participation, equality | Un campamento urbano gratuito de julio combina juego, piscina, comedor y actividades educativas, y permite a las familias trabajar sabiendo que sus hijos están atendidos.
Childhood and youth | Consejo de infancia del barrio | la participación infantil | niñas, niños y adolescentes | participation, leadership | Un grupo elegido por la propia infancia del barrio propone mejoras al ayuntamiento y a las entidades, con una sesión anual en el pleno municipal.
Childhood and youth | Mentoría entre iguales para adolescentes | la mentoría entre iguales | adolescentes de 12 a 16 años | leadership, volunteering | Jóvenes de bachillerato, formados como mentores, acompañan a chicas y chicos de primero de ESO en su paso al instituto.
Older people | Acompañamiento contra la soledad no deseada | la soledad no deseada | personas mayores que viven solas | volunteering, participation | Personas voluntarias visitan y llaman cada semana a personas mayores que viven solas, y las animan a participar en las actividades del barrio.
Older people | Talleres de competencias digitales para mayores | la alfabetización digital | personas mayores de 65 años | digital, equality | Talleres prácticos en grupos de ocho para usar el móvil, pedir cita médica, hacer videollamadas y protegerse de los fraudes en internet.
Older people | Convivencia intergeneracional con estudiantes | la convivencia intergeneracional | personas mayores y estudiantes | social_innovation, participation | Personas mayores con una habitación libre la comparten con estudiantes, que a cambio ofrecen compañía y pequeñas ayudas; la asociación selecciona y acompaña a cada pareja.
Older people | Red de comercios amigables con las personas mayores | el comercio de proximidad | personas mayores del barrio | participation, good_practices | Los comercios del barrio se forman para detectar situaciones de soledad o deterioro y saben a quién avisar; lucen un distintivo en el escaparate.
Disability | Materiales en lectura fácil validados por sus lectores | la lectura fácil | personas con discapacidad intelectual | accessibility, participation | Un equipo de personas con discapacidad intelectual valida cada documento de la entidad antes de publicarlo en lectura fácil, y cobra por ese trabajo.
Disability | Empleo con apoyo en empresas ordinarias | el empleo con apoyo | personas con discapacidad | accessibility, equality | Una preparadora laboral acompaña a cada persona en su puesto de trabajo en una empresa ordinaria hasta que gana autonomía, y mantiene el contacto después.
Disability | Ocio inclusivo con apoyos naturales | el ocio inclusivo | jóvenes con discapacidad | accessibility, participation | Jóvenes con y sin discapacidad comparten grupos de montaña, cine y música; los apoyos los dan los propios compañeros, con una persona profesional de referencia.
Disability | Grupo de autogestores | la autodeterminación | personas adultas con discapacidad intelectual | participation, leadership | Un grupo que se reúne cada quince días decide sus propios temas, representa a sus compañeros ante la junta directiva y aprende a defender sus derechos.
Migration and cultural diversity | Acogida lingüística con parejas de conversación | el aprendizaje del castellano | personas migrantes recién llegadas | cultural_diversity, volunteering | Cada persona recién llegada forma pareja con una persona voluntaria para conversar una hora por semana, además de las clases de castellano de la entidad.
Migration and cultural diversity | Mediación intercultural en centros de salud | la mediación intercultural | familias de origen extranjero | cultural_diversity, good_practices | Mediadoras que hablan árabe, rumano y wolof acompañan las consultas que lo necesitan y forman al personal sanitario en competencia intercultural.
Migration and cultural diversity | Asesoría para la homologación de títulos | el reconocimiento de títulos extranjeros | personas migrantes con estudios superiores | cultural_diversity, equality | Un servicio de orientación ayuda a preparar el expediente de homologación, traducir documentos y buscar empleo acorde con la formación mientras se resuelve.
Migration and cultural diversity | Fiestas del barrio con cocinas del mundo | la convivencia intercultural | vecinas y vecinos de orígenes diversos | cultural_diversity, participation | Las asociaciones de personas migrantes organizan con la asociación de vecinos las fiestas del barrio, con cocinas, músicas y juegos de cada país.
Gender equality | Plan de igualdad en una asociación pequeña | el plan de igualdad | personas del equipo técnico y voluntario | equality, gender | Una asociación de doce trabajadoras elaboró su primer plan de igualdad con un diagnóstico sencillo, medidas realistas y una comisión que lo revisa cada año.
Gender equality | Grupo de apoyo mutuo para mujeres cuidadoras | los cuidados | mujeres cuidadoras de familiares dependientes | gender, participation | Mujeres que cuidan de familiares dependientes se reúnen cada semana con una psicóloga para compartir, descansar y conocer sus derechos; un servicio de respiro atiende a sus familiares.
Gender equality | Talleres de coeducación en institutos | la coeducación | chicas y chicos de secundaria | gender, equality | Talleres sobre estereotipos, relaciones sanas y reparto de los cuidados, preparados con el profesorado y evaluados por el propio alumnado.
Gender equality | Protocolo frente al acoso en la entidad | la prevención del acoso | personas socias, voluntarias y trabajadoras | gender, management | Un protocolo claro y breve dice qué hacer ante una situación de acoso sexual o por razón de sexo, quién la atiende y cómo se protege a la persona que la denuncia.
Gender equality | Horarios que concilian | la conciliación y la corresponsabilidad | madres y padres que participan en la asociación | equality, gender | La asociación revisó los horarios de sus actividades y reuniones y ofrece un espacio infantil, para que cuidar no impida participar.
Health | Paseos saludables en grupo | la actividad física | personas con enfermedades crónicas | participation, good_practices | Grupos de paseo de una hora, tres mañanas por semana, guiados por personas voluntarias formadas y recomendados desde el centro de salud.
Health | Grupo de apoyo mutuo en salud mental | el apoyo mutuo en salud mental | personas con malestar psicológico y sus familias | good_practices, participation | Un grupo abierto y gratuito, facilitado por personas con experiencia propia, se reúne cada semana para compartir herramientas y romper el aislamiento.
Health | Agentes de salud comunitaria | la promoción de la salud | vecinas y vecinos con menos acceso a los servicios | cultural_diversity, participation | Personas del propio barrio, formadas como agentes de salud, llevan información sobre vacunas, alimentación y servicios sanitarios a sus redes.
Health | Huerto terapéutico | la horticultura terapéutica | personas en rehabilitación psicosocial | social_innovation | El cultivo de un huerto en grupo ayuda a recuperar rutinas, habilidades y relaciones; la cosecha se reparte o se vende en el mercado del barrio.
Education | Escuela de familias en línea | la parentalidad positiva | madres, padres y tutores | digital, equality | Sesiones breves en línea al final de la tarde, grabadas y con materiales en varios idiomas, sobre límites, pantallas, adolescencia y comunicación en familia.
Education | Aprendizaje-servicio con institutos | el aprendizaje-servicio | chicas y chicos de secundaria | volunteering, participation | El alumnado aprende contenidos del currículo mientras presta un servicio real a una entidad del barrio, con un proyecto diseñado junto al profesorado.
Education | Biblioteca de materiales compartidos entre entidades | los recursos educativos compartidos | educadoras y educadores de entidades sociales | good_practices, digital | Un repositorio común recoge fichas, dinámicas y guías de varias entidades, con una licencia abierta que permite adaptarlas y volver a compartirlas.
Education | Alfabetización de personas adultas | la alfabetización | personas adultas sin estudios | equality, cultural_diversity | Grupos pequeños de lectura y escritura, con materiales sobre la vida diaria, para personas adultas que no pudieron estudiar, muchas de ellas mujeres mayores.
Employment | Lanzadera de empleo con búsqueda activa en grupo | la búsqueda activa de empleo | personas desempleadas de larga duración | participation, leadership | Un grupo de veinte personas desempleadas trabaja en equipo durante cinco meses, con una persona técnica, para mejorar su búsqueda y contactar con empresas.
Employment | Taller de cocina con prácticas en restaurantes | la formación profesional en hostelería | jóvenes sin titulación | social_entrepreneurship, equality | Un curso de ayudante de cocina con prácticas pagadas en restaurantes del barrio, que después contratan a buena parte del alumnado.
Employment | Empresa de inserción de reparación de bicicletas | la empresa de inserción | personas en proceso de inserción laboral | social_entrepreneurship, management | Un taller de bicicletas abierto al público da empleo durante dos años a personas en inserción, que aprenden un oficio mientras la empresa se sostiene con sus ventas.
Employment | Orientación laboral para mujeres mayores de 45 años | la orientación laboral | mujeres mayores de 45 años | gender, equality | Itinerarios de orientación que reconocen la experiencia de cuidados como competencia profesional y conectan con sectores que buscan personal.
Employment | Intermediación con las empresas del polígono | la intermediación laboral | personas desempleadas del municipio | management, participation | Una técnica de la asociación visita las empresas del polígono, conoce los puestos que cuesta cubrir y prepara a candidatas y candidatos a su medida, con seguimiento tras la contratación.
Housing | Mediación en el alquiler para familias vulnerables | la mediación en el alquiler | familias en riesgo de perder su vivienda | social_innovation, good_practices | La asociación media entre propietarios y familias con dificultades de pago, acuerda planes de pago y ofrece garantías que evitan muchos desahucios.
Housing | Vivienda primero para personas sin hogar | el modelo vivienda primero | personas sin hogar de larga duración | good_practices, social_innovation | Personas que llevan años en la calle acceden directamente a una vivienda individual, con un equipo de apoyo que las visita tanto como haga falta.
Housing | Rehabilitación energética con voluntariado técnico | la eficiencia energética | hogares en pobreza energética | volunteering, social_innovation | Ingenieras y arquitectos jubilados revisan viviendas, proponen mejoras baratas y ayudan a pedir el bono social y las ayudas a la rehabilitación.
Housing | Cooperativa de vivienda en cesión de uso | la vivienda cooperativa | personas jóvenes y mayores sin vivienda asequible | social_entrepreneurship, participation | Un grupo de socias y socios promueve un edificio en cesión de uso con espacios comunes, acompañado por la asociación desde la primera asamblea.
Environment | Recuperación de alimentos contra el desperdicio | el aprovechamiento alimentario | comercios y familias del barrio | social_innovation, volunteering | Personas voluntarias recogen cada tarde los alimentos que los comercios no venden y los reparten el mismo día entre familias y comedores sociales.
Environment | Huertos urbanos comunitarios | los huertos comunitarios | vecinas y vecinos del barrio | participation, social_innovation | Un solar municipal cedido a la asociación se ha convertido en huertos cultivados por familias, escolares y personas mayores, con normas decididas en asamblea.
Environment | Taller de reparación y reutilización | la economía circular | personas de todas las edades | volunteering, social_innovation | Un sábado al mes, personas voluntarias enseñan a reparar pequeños electrodomésticos, ropa y bicicletas, en lugar de tirarlos.
Environment | Caminos escolares seguros | la movilidad sostenible | escolares y sus familias | participation, good_practices | Familias, comercios y policía local acuerdan rutas seguras para ir a pie o en bicicleta al colegio, con grupos acompañados las primeras semanas.
Culture | Teatro comunitario con el vecindario | el teatro comunitario | vecinas y vecinos de todas las edades | participation, cultural_diversity | Un grupo de teatro abierto a todo el barrio crea cada año una obra con historias de sus vecinas y vecinos, que se estrena en la plaza.
Culture | Radio comunitaria hecha por jóvenes | la comunicación comunitaria | jóvenes de 14 a 25 años | digital, participation | Jóvenes del barrio producen un programa semanal de radio y pódcast, aprenden a entrevistar y cuentan lo que pasa en su entorno.
Culture | Archivo de memoria oral del barrio | la memoria oral | personas mayores y escolares | participation, cultural_diversity | Escolares entrevistan a personas mayores sobre la historia del barrio; las grabaciones forman un archivo abierto en la biblioteca municipal.
Culture | Club de lectura fácil | la lectura en grupo | personas adultas con dificultades de lectura | accessibility, participation | Un club de lectura con libros adaptados a lectura fácil, dinamizado por una persona voluntaria, se reúne cada quince días en la biblioteca.
Community participation | Presupuestos participativos de la asociación | los presupuestos participativos | personas socias de la asociación | participation, quality | Las personas socias deciden en qué se gasta una parte del presupuesto anual, con propuestas abiertas, debate y votación en asamblea.
Community participation | Asambleas facilitadas con turnos de palabra | la facilitación de asambleas | personas socias de la asociación | participation, leadership | Una persona facilitadora, turnos de palabra con tiempo y actas visuales han hecho que más mujeres y más jóvenes intervengan en las asambleas.
Community participation | Diagnóstico comunitario con mapas del barrio | el diagnóstico participativo | vecinas y vecinos del barrio | participation, social_innovation | Paseos y mapas colectivos permiten al vecindario señalar lo que funciona y lo que falta; el resultado orienta el plan de trabajo de las entidades.
Community participation | Cuentas claras en la web de la asociación | la transparencia | personas socias y entidades financiadoras | quality, management | La asociación publica cada año sus cuentas, sus fuentes de financiación y los resultados de sus proyectos en una página sencilla y comprensible.
Volunteering | Plan de acogida de personas voluntarias | la acogida del voluntariado | personas voluntarias nuevas | volunteering, quality | Cada persona voluntaria nueva recibe una entrevista, una guía de bienvenida, una persona de referencia y un seguimiento a los tres meses.
Volunteering | Voluntariado de empresa con compromiso a largo plazo | el voluntariado corporativo | plantillas de empresas del territorio | volunteering, fundraising | En lugar de jornadas sueltas, equipos de empresa se comprometen durante un año con un proyecto de la asociación, que además financia la empresa.
Volunteering | Reconocimiento de competencias del voluntariado | el reconocimiento de competencias | personas voluntarias | volunteering, quality | La asociación certifica las competencias que cada persona voluntaria ha desarrollado, con un documento útil para buscar empleo.
Volunteering | Banco del tiempo entre vecinas y vecinos | el banco del tiempo | vecinas y vecinos del barrio | volunteering, participation | Las personas intercambian horas de servicios (clases, pequeñas reparaciones, acompañamiento) sin dinero; la asociación lleva el registro y organiza encuentros.
Volunteering | Voluntariado sénior | el voluntariado de personas mayores | personas jubiladas | volunteering, leadership | Personas jubiladas ponen su experiencia profesional al servicio de las entidades: asesoran en gestión, contabilidad y comunicación.
"""  # noqa: E501


@dataclass(frozen=True, slots=True)
class Seed:
    """One example practice before its other fields are written."""

    area: str
    title: str
    subject: str
    people: str
    themes: tuple[str, ...]
    summary: str


def _seed(line: str) -> Seed:
    area, title, subject, people, themes, summary = (part.strip() for part in line.split("|"))
    return Seed(area, title, subject, people, tuple(t.strip() for t in themes.split(",")), summary)


SEEDS: tuple[Seed, ...] = tuple(_seed(line) for line in _SEED_LINES.strip().splitlines())

# Other networks whose practices came in bundles: (name, territory of their members).
OTHER_NETWORKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Plataforma de Entidades Sociales de Aragón", ("Zaragoza", "Huesca", "Teruel")),
    ("Red Asociativa del Cantábrico", ("Santander", "Gijón", "Bilbao", "Torrelavega")),
    ("Federación de Asociaciones de Andalucía Oriental", ("Granada", "Almería", "Jaén")),
)
# Member organisations of the other networks (not in our directory).
OTHER_ORGANISATIONS: tuple[str, ...] = (
    "Asociación Almozara Solidaria",
    "Fundación Ebro Acoge",
    "Colectivo Mujeres del Moncayo",
    "Asociación Cantabria Inclusiva",
    "Elkartea Auzolan",
    "Asociación Vecinal El Natahoyo",
    "Fundación Alhambra Social",
    "Asociación Almería Intercultural",
    "Cooperativa Olivar Vivo",
    "Asociación Juvenil Sierra Mágina",
)
