"""Material for example activities: the topics a programme strengthening associations works on,
title patterns, session contents, remarks and evaluation comments (plain Spanish data).

Each topic is ``(topic as an organisation declares it, phrase used inside a title, areas of
action, cross-cutting theme codes)``. The first topics are the most asked for.
"""

# topic | phrase used inside a title | area of action | theme codes
_TOPIC_LINES = """
Captación de fondos | captación de fondos | Social inclusion | fundraising
Gestión del voluntariado | gestión del voluntariado | Volunteering | volunteering
Herramientas digitales | herramientas digitales | Education | digital
Protección de datos (RGPD) | protección de datos (RGPD) | Social inclusion | management
Transversalidad de género | transversalidad de género | Gender equality | gender, equality
Evaluación de impacto | evaluación de impacto social | Social inclusion | quality
Justificación de subvenciones | justificación de subvenciones | Social inclusion | fundraising
Transparencia y rendición de cuentas | transparencia | Community participation | quality
Comunicación y redes sociales | comunicación en redes sociales | Culture | digital
Sistemas de calidad | gestión de la calidad | Social inclusion | quality, management
Innovación social | innovación social | Community participation | social_innovation
Planes de igualdad | planes de igualdad | Gender equality | equality, gender
Liderazgo y trabajo en equipo | liderazgo y trabajo en equipo | Community participation | leadership
Emprendimiento social | emprendimiento social | Employment | social_entrepreneurship
Accesibilidad y lectura fácil | accesibilidad y lectura fácil | Disability | accessibility
Gestión de la diversidad cultural | diversidad cultural | Migration and cultural diversity | cultural_diversity
Participación de las personas socias | participación de las personas socias | Community participation | participation
Trabajo en red y alianzas | trabajo en red y alianzas | Community participation | participation, good_practices
Buenas prácticas en inclusión | buenas prácticas en inclusión social | Social inclusion | good_practices
Prevención de la violencia de género | prevención de la violencia de género | Gender equality | gender
Contabilidad y fiscalidad | contabilidad y fiscalidad de asociaciones | Social inclusion | management
Cuidado de los equipos | cuidado de los equipos | Health | leadership
Mediación y gestión de conflictos | mediación y gestión de conflictos | Community participation | participation, leadership
Protección de la infancia (LOPIVI) | protección de la infancia (LOPIVI) | Childhood and youth | management
"""  # noqa: E501


def _topic(line: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    topic, phrase, area, themes = (part.strip() for part in line.split("|"))
    return topic, phrase, (area,), tuple(theme.strip() for theme in themes.split(","))


TOPICS = tuple(_topic(line) for line in _TOPIC_LINES.strip().splitlines())

CAPSULE_TITLES = (
    "Cápsula formativa: {phrase}",
    "Taller de {phrase}",
    "Curso básico de {phrase}",
    "{Phrase} para pequeñas entidades",
    "{Phrase}: de la teoría a la práctica",
    "Claves de {phrase}",
)
FORUM_TITLES = (
    "Foro de entidades: {phrase}",
    "Encuentro sobre {phrase}",
    "Foro abierto: compartimos experiencias de {phrase}",
    "Mesa de diálogo sobre {phrase}",
)
OTHER_TITLES = (
    "Jornada de puertas abiertas: {phrase}",
    "Visita de intercambio: {phrase}",
)

SESSION_CONTENTS = (
    "Presentación, diagnóstico de partida y expectativas del grupo",
    "Marco normativo y conceptos clave",
    "Herramientas y casos prácticos de otras entidades",
    "Taller práctico: aplicación a la propia entidad",
    "Plan de acción, evaluación y cierre",
)
FORUM_CONTENT = "Presentación de experiencias de tres entidades y debate en grupos"
KEY_CONTENTS = (
    "Guía práctica, plantillas de trabajo y recursos en abierto.",
    "Checklist de autodiagnóstico y ejemplos de otras entidades.",
    "Materiales de la sesión y bibliografía recomendada.",
)
DESCRIPTIONS = (
    "Espacio para compartir dudas y soluciones entre entidades con los mismos retos.",
    "Formación práctica pensada para equipos técnicos, juntas directivas y personas voluntarias.",
    "Sesiones participativas con ejemplos reales y tiempo para trabajar sobre la propia entidad.",
)

VENUES = (
    "Sala de formación de Red Tejido, Valencia",
    "Centro cívico {place}",
    "Casa de las Asociaciones de {place}",
    "Biblioteca municipal de {place}",
)
HEARD_FROM = (
    "Boletín de la red",
    "Redes sociales",
    "Otra entidad",
    "Web",
    "Correo del programa",
    "",
)

LATE_REMARKS = ("Llegó tarde por el transporte", "Avisó de que llegaría tarde", "", "", "")
LEFT_EARLY_REMARKS = ("Se fue antes por conciliación", "Tenía otra reunión", "", "")
EXCUSED_REMARKS = ("Cita médica", "Avisó por correo", "Enfermedad", "Motivos laborales")

EVALUATION_COMMENTS = (
    "Muy útil y práctico, con ejemplos reales.",
    "Me ha ayudado a ordenar el trabajo de mi entidad.",
    "Faltó tiempo para los casos prácticos.",
    "La ponente explicó muy bien; repetiría.",
    "Interesante poder conocer a otras entidades.",
    "Algo teórico al principio, luego muy bien.",
    "Los materiales son muy claros.",
)

DEMAND_DESCRIPTIONS = (
    "Necesitamos formación para el equipo técnico.",
    "La junta directiva lo ha pedido en la asamblea.",
    "Nos cuesta mucho y no sabemos por dónde empezar.",
    "Queremos conocer cómo lo hacen otras entidades.",
    "",
)
