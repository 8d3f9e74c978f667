"""The sentences of example practices (plain Spanish data), put together per practice with a
fixed random stream: context, objectives, what was done, resources, results, evidence, lessons,
sustainability, transferability, gender perspective and accessibility; and the words of
adoptions.

Placeholders: ``{subject}`` (what the practice deals with, with its article), ``{people}`` (who
it is for, plural), ``{place}``, ``{start}`` (the year it began) and figures drawn per practice.
"""

from __future__ import annotations

import random

from app.services.demo.practice_seeds import Seed

CONTEXT = (
    "En {place}, las entidades veníamos observando que {people} tenían muy pocas oportunidades "
    "y que nadie trabajaba {subject} de forma continuada.",
    "Un diagnóstico hecho en {start} mostró que en {place} apenas había recursos pensados para "
    "{people}.",
    "Las propias personas participantes lo plantearon en una asamblea: querían un espacio cerca "
    "de casa, gratuito y con horarios compatibles con el trabajo y los cuidados.",
    "Durante la pandemia las dificultades se agravaron y muchas familias pidieron ayuda a la "
    "asociación por primera vez.",
    "Los servicios sociales municipales derivaban casos que no podían atender con sus propios "
    "medios, y las listas de espera superaban los tres meses.",
    "La experiencia de otras entidades de la red nos animó a probar un enfoque distinto, "
    "centrado en las capacidades de las personas y no solo en sus carencias.",
)
OBJECTIVES = (
    "Mejorar el acceso de {people} a recursos estables y de calidad.",
    "Trabajar {subject} con continuidad, no con actividades sueltas.",
    "Crear una red de personas voluntarias formadas y acompañadas.",
    "Coordinar el trabajo con los servicios públicos y otras entidades del territorio.",
    "Medir los resultados con indicadores sencillos y compartirlos con las personas participantes.",
    "Que las propias personas participantes tomen parte en las decisiones del proyecto.",
)
DESCRIPTION = (
    "El proyecto empezó en {start} con un grupo piloto de {pilot} personas y se amplió al año "
    "siguiente.",
    "Organizamos {sessions} sesiones a lo largo del curso, en grupos pequeños y con una persona "
    "de referencia para cada grupo.",
    "Cada persona participante tiene una primera entrevista en la que acordamos con ella sus "
    "objetivos; después revisamos juntas cómo van cada tres meses.",
    "Las actividades se hacen en locales del barrio cedidos por el ayuntamiento y por otras "
    "entidades, para estar cerca de quien las necesita.",
    "Una vez al trimestre, el equipo técnico y las personas voluntarias se reúnen para revisar "
    "lo aprendido y ajustar el trabajo.",
    "Difundimos el proyecto en los centros de salud, los colegios y las redes sociales de la "
    "asociación, y sobre todo de boca en boca.",
    "Para trabajar {subject} preparamos materiales propios, sencillos y en varios idiomas, que "
    "se entregan en cada sesión.",
)
RESOURCES = (
    "Una persona técnica a media jornada y {volunteers} personas voluntarias.",
    "Un local cedido por el ayuntamiento y material fungible.",
    "Un presupuesto anual de {budget} euros, financiado con una subvención autonómica y las "
    "cuotas de las personas socias.",
    "Un presupuesto de {budget} euros al año, la mitad aportada por una fundación privada.",
    "Ordenadores donados por una empresa del territorio y conexión a internet.",
    "La colaboración de los servicios sociales municipales y de dos entidades de la red.",
)
RESULTS = (
    "En el último año participaron {participants} personas, el {women} % mujeres.",
    "El {satisfied} % de las personas participantes valoró la experiencia con un 4 o un 5 sobre 5.",
    "{continued} personas siguen vinculadas a la asociación como socias o voluntarias.",
    "La lista de espera de los servicios sociales para estos casos se redujo a la mitad.",
    "Varias entidades del territorio han adoptado ya la práctica con sus propias adaptaciones.",
    "Las personas participantes dicen sentirse menos solas y con más confianza para resolver "
    "sus asuntos.",
)
EVIDENCE = (
    "Hojas de asistencia de todas las sesiones y memoria anual de {year}.",
    "Cuestionarios de satisfacción al inicio y al final, con {answers} respuestas.",
    "Evaluación externa encargada a la universidad en {year}.",
    "Entrevistas a participantes y a profesionales de los servicios públicos.",
    "Registro de las derivaciones recibidas y hechas a otros recursos.",
)
LESSONS = (
    "Empezar pequeño y crecer solo cuando el equipo está preparado.",
    "La persona de referencia es la clave: la confianza tarda meses en construirse y se pierde "
    "en un día.",
    "Los horarios de tarde dejaban fuera a muchas mujeres con cargas de cuidado; pasamos las "
    "sesiones a la mañana.",
    "Necesitamos más tiempo del previsto para coordinarnos con los servicios públicos.",
    "Las personas voluntarias necesitan formación y reconocimiento, no solo buena voluntad.",
    "Los materiales escritos no llegaban a quien más los necesitaba; funcionan mejor las "
    "explicaciones en persona.",
    "Pedir opinión a las personas participantes desde el principio evitó errores de diseño.",
)
SUSTAINABILITY = (
    "El proyecto forma parte del plan anual de la asociación y tiene financiación asegurada "
    "hasta {until}.",
    "Las personas voluntarias formadas en los primeros años forman ahora a las nuevas.",
    "El ayuntamiento ha incluido el servicio en su convenio con la asociación.",
    "Buscamos diversificar la financiación con cuotas, donaciones y empresas del territorio.",
)
TRANSFERABILITY = (
    "Cualquier entidad con un local y un pequeño equipo de voluntariado puede ponerlo en "
    "marcha; lo más difícil es el primer año.",
    "Compartimos la guía, las fichas de las sesiones y los cuestionarios con licencia abierta.",
    "Recomendamos empezar con un grupo piloto y adaptar los horarios a las personas participantes.",
    "Ofrecemos una sesión de acompañamiento a las entidades que quieran adoptarlo.",
    "Se ha adaptado con éxito en zonas rurales, con grupos más pequeños y sesiones itinerantes.",
)
GENDER = (
    "El {women} % de las participantes son mujeres; los horarios y el espacio infantil están "
    "pensados para quienes cuidan.",
    "Recogemos todos los datos desagregados por sexo y revisamos cada año si el proyecto llega "
    "igual a mujeres y a hombres.",
    "Los materiales usan lenguaje inclusivo y ejemplos que no reproducen estereotipos.",
    "Las personas voluntarias reciben formación en igualdad y en detección de la violencia de "
    "género.",
)
ACCESSIBILITY = (
    "Los locales son accesibles y los materiales están también en lectura fácil.",
    "Ofrecemos interpretación en lengua de signos bajo petición y bucle magnético en las sesiones.",
    "Las sesiones son gratuitas y se pagan los desplazamientos a quien lo necesita.",
    "Los materiales están en castellano, valenciano, árabe y rumano.",
)
ADAPTATION = (
    "Lo adaptamos a un municipio rural: grupos más pequeños y sesiones itinerantes por las "
    "pedanías.",
    "Redujimos la duración a tres meses y lo hicimos en horario de mañana.",
    "Tradujimos los materiales al árabe y al rumano y contamos con una mediadora.",
    "Lo pusimos en marcha solo con personas voluntarias, sin personal contratado.",
    "Lo combinamos con nuestro programa de empleo, que ya funcionaba.",
)
ADOPTION_RESULT = (
    "Participaron {count} personas en el primer año y la valoración fue muy buena.",
    "Todavía en marcha; los primeros resultados son prometedores.",
    "Funcionó, pero nos costó más de lo previsto encontrar personas voluntarias.",
    "El ayuntamiento ha decidido financiarlo el año que viene.",
    "Lo dejamos tras un año por falta de financiación, pero aprendimos mucho.",
)
# Fields written from the banks above: (field, bank, fewest sentences, most, one per line).
_FIELDS = (
    ("context", CONTEXT, 2, 3, False),
    ("objectives", OBJECTIVES, 2, 4, True),
    ("description", DESCRIPTION, 3, 4, False),
    ("resources", RESOURCES, 2, 3, True),
    ("results", RESULTS, 2, 3, False),
    ("evidence", EVIDENCE, 1, 2, True),
    ("lessons", LESSONS, 2, 3, False),
    ("sustainability", SUSTAINABILITY, 1, 2, False),
    ("transferability", TRANSFERABILITY, 1, 2, False),
    ("gender_perspective", GENDER, 1, 2, False),
    ("accessibility", ACCESSIBILITY, 1, 2, False),
)


def _figures(rng: random.Random, place: str, year: int) -> dict[str, object]:
    participants = rng.randint(25, 400)
    return {
        "place": place,
        "start": year,
        "year": min(year + rng.randint(0, 2), 2026),
        "until": 2027 + rng.randint(0, 2),
        "pilot": rng.randint(8, 20),
        "sessions": rng.randrange(12, 60, 2),
        "volunteers": rng.randint(4, 40),
        "budget": f"{rng.randrange(6000, 90000, 500):,}".replace(",", "."),
        "participants": participants,
        "women": rng.randint(52, 81),
        "satisfied": rng.randint(78, 97),
        "continued": max(3, participants // rng.randint(4, 12)),
        "answers": participants * rng.randint(55, 90) // 100,
    }


def practice_texts(rng: random.Random, seed: Seed, place: str, year: int) -> dict[str, str]:
    """The long fields of one practice about ``seed``, done in ``place`` from ``year``."""
    values = {**_figures(rng, place, year), "subject": seed.subject, "people": seed.people}
    fields: dict[str, str] = {}
    for name, bank, fewest, most, lines in _FIELDS:
        chosen = rng.sample(bank, rng.randint(fewest, most))
        sentences = [sentence.format(**values) for sentence in chosen]
        fields[name] = "\n".join(f"• {s}" for s in sentences) if lines else " ".join(sentences)
    return fields


def adoption_texts(rng: random.Random) -> tuple[str, str]:
    """How an organisation adapted a practice, and with what result."""
    adaptation = rng.choice(ADAPTATION)
    result = rng.choice(ADOPTION_RESULT).format(count=rng.randint(10, 120))
    return adaptation, result
