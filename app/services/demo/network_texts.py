"""Material for the example network: titles, descriptions and outcomes of collaborative projects
and notes of cascades (plain Spanish data, as an association would write them)."""

from __future__ import annotations

# A project's title is "{kind} {subject}", sometimes followed by " en {place}".
PROJECT_KINDS = (
    "Red de",
    "Escuela compartida de",
    "Programa conjunto de",
    "Guía común de",
    "Banco de recursos de",
    "Laboratorio de",
    "Campaña conjunta de",
    "Itinerario compartido de",
    "Mesa de trabajo de",
    "Proyecto piloto de",
)
PROJECT_SUBJECTS = (
    "voluntariado joven",
    "mentoría entre entidades",
    "acogida a personas migrantes",
    "igualdad en los equipos",
    "lectura fácil",
    "captación de fondos",
    "huertos comunitarios",
    "alfabetización digital",
    "prevención de la soledad no deseada",
    "participación de las personas socias",
    "inserción laboral",
    "ocio inclusivo",
    "evaluación de impacto",
    "comunicación en redes sociales",
    "apoyo a familias cuidadoras",
    "mediación vecinal",
)
DESCRIPTIONS = (
    "Las entidades ponen en común sus equipos y materiales para llegar a más personas del "
    "territorio con una sola propuesta.",
    "Surgió al descubrir que varias entidades trabajaban lo mismo por separado. Se reparten las "
    "tareas y comparten la coordinación.",
    "Una experiencia piloto de un año que prueba una forma de trabajo común antes de pedir "
    "financiación conjunta.",
    "Cada entidad aporta lo que mejor sabe hacer: una la formación, otra el local y otra el "
    "contacto con las familias.",
)
OUTCOMES = (
    "Se presentó una solicitud conjunta de subvención que fue aprobada.",
    "Se publicó una guía común que ya usan otras entidades de la red.",
    "Las entidades firmaron un convenio para seguir colaborando.",
    "Terminó antes de lo previsto por falta de tiempo de los equipos; queda la relación.",
    "Se formó a cuarenta personas voluntarias de las tres entidades.",
)
PROJECT_NOTES = ("", "", "Reunión de seguimiento cada trimestre.", "Pendiente de memoria final.")
CASCADE_NOTES = (
    "",
    "",
    "",
    "Lo contó en la reunión de equipo del lunes.",
    "Preparó una presentación breve con lo aprendido.",
    "Compartió el material por correo con el resto de la junta.",
    "Sesión con las personas voluntarias del programa de tarde.",
)
